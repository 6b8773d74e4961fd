using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Infrastructure.Data.Configurations;

/// <summary>Written only by the <c>Projects</c> triggers; no foreign key, so a team's row outlives nothing it guards.</summary>
internal sealed class TeamProjectCountConfiguration : IEntityTypeConfiguration<TeamProjectCount>
{
    public void Configure(EntityTypeBuilder<TeamProjectCount> builder)
    {
        builder.ToTable("TeamProjectCounts");
        builder.HasKey(c => c.TeamId);
        builder.Property(c => c.TeamId).HasMaxLength(Team.IdMaxLength);
    }
}
