using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Infrastructure.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditLogs", table => table.HasTrigger(RowCount.TriggerOf("AuditLogs")));
        builder.HasKey(e => e.Id);
        builder.Property(e => e.ChangedBy).HasMaxLength(AuditEntry.ChangedByMaxLength);
        builder.Property(e => e.ChangedByApiKey).HasMaxLength(64).IsUnicode(false);
        builder.Property(e => e.TableName).HasMaxLength(AuditEntry.TableNameMaxLength);
        builder.Property(e => e.ObjectId).HasMaxLength(AuditEntry.ObjectIdMaxLength);
        builder.Property(e => e.Hash).HasMaxLength(64).IsUnicode(false);

        // One row per link of the chain: a second row on a sequence number cannot be written, whatever the lock did.
        builder.HasIndex(e => e.Sequence).IsUnique();

        // One index per filter of GET /audit, each ending in the sort key and the id (a cursor seeks either way).
        builder.HasIndex(e => new { e.UpdatedAt, e.Id });
        builder.HasIndex(e => new { e.TableName, e.ObjectId, e.UpdatedAt, e.Id });
        builder.HasIndex(e => new { e.ObjectId, e.UpdatedAt, e.Id });
        builder.HasIndex(e => new { e.ChangedBy, e.UpdatedAt, e.Id });
        builder.HasIndex(e => new { e.Action, e.UpdatedAt, e.Id });
    }
}
