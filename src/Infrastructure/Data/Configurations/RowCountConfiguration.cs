using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ProxyAdmin.Infrastructure.Data.Configurations;

/// <summary>Written only by the counted tables' triggers; the application reads it, never writes it.</summary>
internal sealed class RowCountConfiguration : IEntityTypeConfiguration<RowCount>
{
    public void Configure(EntityTypeBuilder<RowCount> builder)
    {
        builder.ToTable("RowCounts");
        builder.HasKey(r => r.TableName);
        builder.Property(r => r.TableName).HasMaxLength(64);
    }
}
