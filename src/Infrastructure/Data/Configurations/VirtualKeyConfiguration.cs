using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProxyAdmin.Domain.Keys;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Infrastructure.Data.Configurations;

internal sealed class VirtualKeyConfiguration : IEntityTypeConfiguration<VirtualKey>
{
    public void Configure(EntityTypeBuilder<VirtualKey> builder)
    {
        builder.ToTable("VirtualKeys", table => table.HasTrigger(RowCount.TriggerOf("VirtualKeys")));
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Token).HasMaxLength(VirtualKey.TokenLength).IsFixedLength().IsUnicode(false);
        builder.Property(k => k.KeyName).HasMaxLength(32);
        builder.Property(k => k.KeyAlias).HasMaxLength(VirtualKey.AliasMaxLength);
        builder.Property(k => k.UserId).HasMaxLength(User.IdMaxLength);
        builder.Property(k => k.TeamId).HasMaxLength(User.IdMaxLength);
        builder.Property(k => k.ProjectId).HasMaxLength(Domain.Projects.Project.IdMaxLength);
        builder.Property(k => k.BudgetDuration).HasMaxLength(Domain.Common.BudgetDuration.MaxLength);
        builder.Property(k => k.CreatedBy).HasMaxLength(User.IdMaxLength);
        builder.Property(k => k.UpdatedBy).HasMaxLength(User.IdMaxLength);
        builder.Property(k => k.Models).HasJsonConversion();
        builder.Property(k => k.Metadata).HasJsonConversion();
        builder.Property(k => k.AgentId).HasMaxLength(VirtualKey.IdMaxLength);
        builder.Property(k => k.OrganizationId).HasMaxLength(VirtualKey.IdMaxLength);
        builder.Property(k => k.BudgetId).HasMaxLength(Domain.Budgets.Budget.IdMaxLength);
        builder.Property(k => k.ObjectPermissionId).HasMaxLength(64);
        builder.Property(k => k.RotationInterval).HasMaxLength(Domain.Common.BudgetDuration.MaxLength);
        builder.Property(k => k.Aliases).HasJsonConversion();
        builder.Property(k => k.Config).HasJsonConversion();
        builder.Property(k => k.Permissions).HasJsonConversion();
        builder.Property(k => k.ModelMaxBudget).HasJsonConversion();
        builder.Property(k => k.ModelSpend).HasJsonConversion();
        builder.Property(k => k.RouterSettings).HasJsonConversion();
        builder.Property(k => k.AllowedCacheControls).HasJsonConversion();
        builder.Property(k => k.AllowedRoutes).HasJsonConversion();
        builder.Property(k => k.AccessGroupIds).HasJsonConversion();
        builder.Property(k => k.Version).IsConcurrencyToken();

        // Authentication looks keys up by hash on every request; aliases are unique names for people.
        builder.HasIndex(k => k.Token).IsUnique();
        builder.HasIndex(k => k.KeyAlias).IsUnique();
        // /key/list is newest first with the id ascending among equal instants: the indexes say so, so a cursor seeks.
        builder.HasIndex(k => new { k.UserId, k.CreatedAt, k.Id }).IsDescending(false, true, false);
        builder.HasIndex(k => new { k.TeamId, k.CreatedAt, k.Id }).IsDescending(false, true, false);
        builder.HasIndex(k => k.ProjectId);
        builder.HasIndex(k => new { k.CreatedAt, k.Id }).IsDescending(true, false);

        // Deleting a user deletes its keys explicitly (and audits each); the database refuses orphans.
        builder.HasOne<User>().WithMany().HasForeignKey(k => k.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Domain.Projects.Project>().WithMany().HasForeignKey(k => k.ProjectId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(k => k.Budget).WithMany().HasForeignKey(k => k.BudgetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(k => k.ObjectPermission).WithOne().HasForeignKey<VirtualKey>(k => k.ObjectPermissionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(k => k.BudgetId);
    }
}
