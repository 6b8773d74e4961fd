using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProxyAdmin.Domain.Idempotency;

namespace ProxyAdmin.Infrastructure.Data.Configurations;

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("IdempotencyRecords");

        // One record per caller and Idempotency-Key: the key a concurrent duplicate would collide on.
        builder.HasKey(r => new { r.CallerScope, r.IdempotencyKey });
        builder.Property(r => r.CallerScope).HasMaxLength(IdempotencyRecord.ScopeLength);
        builder.Property(r => r.IdempotencyKey).HasMaxLength(IdempotencyRecord.KeyMaxLength);
        builder.Property(r => r.Fingerprint).HasMaxLength(IdempotencyRecord.FingerprintLength);
        builder.Property(r => r.EntityTag).HasMaxLength(64);

        // The purge walks the expired ones.
        builder.HasIndex(r => r.ExpiresAt);
    }
}
