using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Infrastructure.Data.Configurations;

/// <summary>
/// The head row exists from the migration on (an empty chain); writes only update it. Its sequence is a concurrency
/// token: two transactions that read the same head (which the write lock already prevents) cannot both move it,
/// the second is refused and runs again on the new head.
/// </summary>
internal sealed class AuditChainHeadConfiguration : IEntityTypeConfiguration<AuditChainHead>
{
    public void Configure(EntityTypeBuilder<AuditChainHead> builder)
    {
        builder.ToTable("AuditChainHead");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.Property(h => h.Sequence).IsConcurrencyToken();
        builder.Property(h => h.Hash).HasMaxLength(64).IsUnicode(false);
        builder.HasData(new { Id = AuditChainHead.RowId, Sequence = 0L, Hash = AuditChain.Genesis });
    }
}
