using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProxyAdmin.Domain.Encryption;
using ProxyAdmin.Domain.Models;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Infrastructure.Data.Configurations;

internal sealed class EncryptionRotationConfiguration : IEntityTypeConfiguration<EncryptionRotation>
{
    public void Configure(EntityTypeBuilder<EncryptionRotation> builder)
    {
        builder.ToTable("EncryptionRotations");
        builder.HasKey(r => r.RotationId);
        builder.Property(r => r.RotationId).HasMaxLength(36);
        builder.Property(r => r.TargetKeyId).HasMaxLength(32);
        builder.Property(r => r.ModelsAfter).HasMaxLength(ModelDeployment.IdMaxLength);
        builder.Property(r => r.CredentialsAfter).HasMaxLength(36);
        builder.Property(r => r.StartedBy).HasMaxLength(User.IdMaxLength);
        builder.Property(r => r.StartedByKey).HasMaxLength(64);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasIndex(r => new { r.State, r.StartedAt });
    }
}
