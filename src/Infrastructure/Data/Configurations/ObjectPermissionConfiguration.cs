using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProxyAdmin.Domain.Permissions;

namespace ProxyAdmin.Infrastructure.Data.Configurations;

internal sealed class ObjectPermissionConfiguration : IEntityTypeConfiguration<ObjectPermission>
{
    public void Configure(EntityTypeBuilder<ObjectPermission> builder)
    {
        builder.ToTable("ObjectPermissions");
        builder.HasKey(p => p.ObjectPermissionId);
        builder.Property(p => p.ObjectPermissionId).HasMaxLength(64);
        builder.Property(p => p.VectorStores).HasJsonConversion();
        builder.Property(p => p.McpServers).HasJsonConversion();
        builder.Property(p => p.McpAccessGroups).HasJsonConversion();
        builder.Property(p => p.McpToolPermissions).HasJsonConversion();
        builder.Property(p => p.Agents).HasJsonConversion();
        builder.Property(p => p.AgentAccessGroups).HasJsonConversion();
        builder.Property(p => p.Models).HasJsonConversion();
        builder.Property(p => p.BlockedTools).HasJsonConversion();
        builder.Property(p => p.McpToolsets).HasJsonConversion();
    }
}
