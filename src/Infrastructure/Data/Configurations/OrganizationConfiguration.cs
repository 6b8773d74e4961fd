using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Organizations;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Infrastructure.Data.Configurations;

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> builder)
    {
        builder.ToTable("Organizations");
        builder.HasKey(o => o.OrganizationId);
        builder.Property(o => o.OrganizationId).HasMaxLength(Organization.IdMaxLength);
        builder.Property(o => o.OrganizationAlias).HasMaxLength(Organization.AliasMaxLength);
        builder.Property(o => o.BudgetId).HasMaxLength(Budget.IdMaxLength);
        builder.Property(o => o.ObjectPermissionId).HasMaxLength(64);
        builder.Property(o => o.CreatedBy).HasMaxLength(User.IdMaxLength);
        builder.Property(o => o.UpdatedBy).HasMaxLength(User.IdMaxLength);
        builder.Property(o => o.Models).HasJsonConversion();
        builder.Property(o => o.Metadata).HasJsonConversion();
        builder.Property(o => o.ModelSpend).HasJsonConversion();
        builder.Property(o => o.Version).IsConcurrencyToken();
        builder.HasIndex(o => new { o.OrganizationAlias, o.OrganizationId });
        builder.HasIndex(o => o.BudgetId);

        // One row per membership, so "organizations of a user" is an indexed query and a user is a member once.
        builder.OwnsMany(o => o.Members, member =>
        {
            member.ToTable("OrganizationMembers");
            member.WithOwner().HasForeignKey("OrganizationId");
            member.Property<string>("OrganizationId").HasMaxLength(Organization.IdMaxLength);
            member.HasKey("OrganizationId", nameof(OrganizationMember.UserId));
            member.Property(m => m.UserId).HasMaxLength(User.IdMaxLength);
            member.Property(m => m.BudgetId).HasMaxLength(Budget.IdMaxLength);
            member.HasIndex(m => m.UserId);
            member.HasIndex(m => m.BudgetId);
            member.HasOne<Budget>().WithMany().HasForeignKey(m => m.BudgetId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Navigation(o => o.Members).UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.HasOne(o => o.Budget).WithMany().HasForeignKey(o => o.BudgetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(o => o.ObjectPermission)
            .WithOne()
            .HasForeignKey<Organization>(o => o.ObjectPermissionId)
            .OnDelete(DeleteBehavior.Restrict);
    }
}
