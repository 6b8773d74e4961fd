using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Teams;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Infrastructure.Data.Configurations;

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> builder)
    {
        builder.ToTable("Teams", table => table.HasTrigger(RowCount.TriggerOf("Teams")));
        builder.HasKey(t => t.TeamId);
        builder.Property(t => t.TeamId).HasMaxLength(Team.IdMaxLength);
        builder.Property(t => t.TeamAlias).HasMaxLength(Team.AliasMaxLength);
        builder.Property(t => t.OrganizationId).HasMaxLength(Team.IdMaxLength);
        builder.Property(t => t.BudgetDuration).HasMaxLength(Domain.Common.BudgetDuration.MaxLength);
        builder.Property(t => t.ObjectPermissionId).HasMaxLength(64);
        builder.Property(t => t.CreatedBy).HasMaxLength(User.IdMaxLength);
        builder.Property(t => t.UpdatedBy).HasMaxLength(User.IdMaxLength);
        builder.Property(t => t.Models).HasJsonConversion();
        builder.Property(t => t.ModelAliases).HasJsonConversion();
        builder.Property(t => t.Metadata).HasJsonConversion();
        builder.Property(t => t.TeamMemberPermissions).HasJsonConversion();
        builder.Property(t => t.RouterSettings).HasJsonConversion();
        builder.Property(t => t.AccessGroupIds).HasJsonConversion();
        builder.Property(t => t.ModelSpend).HasJsonConversion();
        builder.Property(t => t.ModelMaxBudget).HasJsonConversion();
        builder.Property(t => t.TeamMemberBudgetId).HasMaxLength(Budget.IdMaxLength);
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.HasIndex(t => new { t.TeamAlias, t.TeamId });
        builder.HasIndex(t => t.OrganizationId);
        builder.HasIndex(t => t.CreatedAt);

        // members_with_roles: one row per member, so "teams of a user" is an indexed query and two
        // memberships of one user in one team cannot exist. The team's version still moves with every
        // membership change (the team is touched), which is what serialises concurrent changes.
        builder.OwnsMany(t => t.Members, member =>
        {
            member.ToTable("TeamMembers");
            member.WithOwner().HasForeignKey("TeamId");
            member.Property<string>("TeamId").HasMaxLength(Team.IdMaxLength);
            member.HasKey("TeamId", nameof(TeamMember.UserId));
            member.Property(m => m.UserId).HasMaxLength(User.IdMaxLength);
            member.Property(m => m.UserEmail).HasMaxLength(User.EmailMaxLength);
            member.Property(m => m.BudgetId).HasMaxLength(Budget.IdMaxLength);
            member.HasIndex(m => m.UserId);
            member.HasIndex(m => m.BudgetId);
            member.HasOne<Budget>().WithMany().HasForeignKey(m => m.BudgetId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Navigation(t => t.Members).UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.HasOne(t => t.TeamMemberBudget).WithMany().HasForeignKey(t => t.TeamMemberBudgetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => t.TeamMemberBudgetId);

        builder.HasOne(t => t.ObjectPermission)
            .WithOne()
            .HasForeignKey<Team>(t => t.ObjectPermissionId)
            .OnDelete(DeleteBehavior.Restrict);
    }
}
