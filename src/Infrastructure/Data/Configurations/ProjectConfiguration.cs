using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Projects;
using ProxyAdmin.Domain.Teams;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Infrastructure.Data.Configurations;

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> builder)
    {
        builder.ToTable("Projects", table =>
        {
            table.HasTrigger(RowCount.TriggerOf("Projects"));
            table.HasTrigger(TeamProjectCount.Trigger);
        });
        builder.HasKey(p => p.ProjectId);
        builder.Property(p => p.ProjectId).HasMaxLength(Project.IdMaxLength);
        builder.Property(p => p.ProjectAlias).HasMaxLength(Project.AliasMaxLength);
        builder.Property(p => p.Description).HasMaxLength(Project.DescriptionMaxLength);
        builder.Property(p => p.TeamId).HasMaxLength(Team.IdMaxLength);
        builder.Property(p => p.BudgetId).HasMaxLength(Budget.IdMaxLength);
        builder.Property(p => p.ObjectPermissionId).HasMaxLength(64);
        builder.Property(p => p.CreatedBy).HasMaxLength(User.IdMaxLength);
        builder.Property(p => p.UpdatedBy).HasMaxLength(User.IdMaxLength);
        builder.Property(p => p.Models).HasJsonConversion();
        builder.Property(p => p.Metadata).HasJsonConversion();
        builder.Property(p => p.ModelSpend).HasJsonConversion();
        builder.Property(p => p.Version).IsConcurrencyToken();
        // Each list index ends in the sort key and the primary key, so a page after a cursor is one index seek.
        builder.HasIndex(p => new { p.TeamId, p.CreatedAt, p.ProjectId });
        builder.HasIndex(p => p.ProjectAlias);
        builder.HasIndex(p => new { p.CreatedAt, p.ProjectId });

        // A team with projects cannot be deleted (the handler says why; the database makes sure).
        builder.HasOne<Team>().WithMany().HasForeignKey(p => p.TeamId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.Budget).WithMany().HasForeignKey(p => p.BudgetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.ObjectPermission).WithOne().HasForeignKey<Project>(p => p.ObjectPermissionId).OnDelete(DeleteBehavior.Restrict);
    }
}
