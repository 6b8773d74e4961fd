using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProxyAdmin.Domain.Models;
using ProxyAdmin.Domain.Teams;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Infrastructure.Data.Configurations;

internal sealed class ModelDeploymentConfiguration : IEntityTypeConfiguration<ModelDeployment>
{
    public void Configure(EntityTypeBuilder<ModelDeployment> builder)
    {
        builder.ToTable("ModelDeployments", table => table.HasTrigger(RowCount.TriggerOf("ModelDeployments")));
        builder.HasKey(m => m.ModelId);
        builder.Property(m => m.ModelId).HasMaxLength(ModelDeployment.IdMaxLength);
        builder.Property(m => m.ModelName).HasMaxLength(ModelDeployment.NameMaxLength);
        builder.Property(m => m.TeamId).HasMaxLength(Team.IdMaxLength);
        builder.Property(m => m.CredentialName).HasMaxLength(Domain.Credentials.Credential.NameMaxLength);
        builder.Property(m => m.TeamPublicModelName).HasMaxLength(ModelDeployment.NameMaxLength);
        builder.Property(m => m.CreatedBy).HasMaxLength(User.IdMaxLength);
        builder.Property(m => m.UpdatedBy).HasMaxLength(User.IdMaxLength);
        builder.Property(m => m.LitellmParams).HasJsonConversion();
        builder.Property(m => m.ModelInfo).HasJsonConversion();
        builder.Property(m => m.Version).IsConcurrencyToken();
        builder.Ignore(m => m.PublicName);
        builder.HasIndex(m => new { m.TeamId, m.TeamPublicModelName });
        builder.HasIndex(m => m.ModelName);
        builder.HasIndex(m => m.CredentialName);
        builder.HasIndex(m => new { m.CreatedAt, m.ModelId });
    }
}
