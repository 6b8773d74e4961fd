using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProxyAdmin.Domain.Credentials;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Infrastructure.Data.Configurations;

internal sealed class CredentialConfiguration : IEntityTypeConfiguration<Credential>
{
    public void Configure(EntityTypeBuilder<Credential> builder)
    {
        builder.ToTable("Credentials");
        builder.HasKey(c => c.CredentialId);
        builder.Property(c => c.CredentialId).HasMaxLength(36);
        builder.Property(c => c.CredentialName).HasMaxLength(Credential.NameMaxLength);
        builder.HasIndex(c => c.CredentialName).IsUnique();
        builder.Property(c => c.Values).HasColumnName("CredentialValues").HasJsonConversion();
        builder.Property(c => c.Info).HasColumnName("CredentialInfo").HasJsonConversion();
        builder.Property(c => c.CreatedBy).HasMaxLength(User.IdMaxLength);
        builder.Property(c => c.UpdatedBy).HasMaxLength(User.IdMaxLength);
        builder.Property(c => c.Version).IsConcurrencyToken();
    }
}
