using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Infrastructure.Data.Configurations;

internal sealed class BudgetConfiguration : IEntityTypeConfiguration<Budget>
{
    public void Configure(EntityTypeBuilder<Budget> builder)
    {
        builder.ToTable("Budgets");
        builder.HasKey(b => b.BudgetId);
        builder.Property(b => b.BudgetId).HasMaxLength(Budget.IdMaxLength);
        builder.Property(b => b.BudgetDuration).HasMaxLength(Domain.Common.BudgetDuration.MaxLength);
        builder.Property(b => b.CreatedBy).HasMaxLength(User.IdMaxLength);
        builder.Property(b => b.UpdatedBy).HasMaxLength(User.IdMaxLength);
        builder.Property(b => b.ModelMaxBudget).HasNullableJsonConversion();
        builder.Property(b => b.Version).IsConcurrencyToken();
    }
}
