using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Infrastructure.Data.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("Users", table => table.HasTrigger(RowCount.TriggerOf("Users")));
        builder.HasKey(u => u.UserId);
        builder.Property(u => u.UserId).HasMaxLength(User.IdMaxLength);
        builder.Property(u => u.UserEmail).HasMaxLength(User.EmailMaxLength);
        builder.Property(u => u.UserAlias).HasMaxLength(User.AliasMaxLength);
        builder.Property(u => u.BudgetDuration).HasMaxLength(Domain.Common.BudgetDuration.MaxLength);
        builder.Property(u => u.CreatedBy).HasMaxLength(User.IdMaxLength);
        builder.Property(u => u.UpdatedBy).HasMaxLength(User.IdMaxLength);
        builder.Property(u => u.Models).HasJsonConversion();
        builder.Property(u => u.Metadata).HasJsonConversion();
        builder.Property(u => u.Version).IsConcurrencyToken();
        builder.HasIndex(u => u.UserEmail);
        builder.HasIndex(u => new { u.UserRole, u.CreatedAt, u.UserId });
        builder.HasIndex(u => new { u.CreatedAt, u.UserId });
    }
}
