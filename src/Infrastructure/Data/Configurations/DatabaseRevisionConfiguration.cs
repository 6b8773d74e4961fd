using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ProxyAdmin.Infrastructure.Data.Configurations;

/// <summary>The revision row exists from the migration on: writes only ever update it, never insert it.</summary>
internal sealed class DatabaseRevisionConfiguration : IEntityTypeConfiguration<DatabaseRevision>
{
    public void Configure(EntityTypeBuilder<DatabaseRevision> builder)
    {
        builder.ToTable("Revision");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasData(new DatabaseRevision { Id = DatabaseRevision.RowId, Value = 0 });
    }
}
