namespace ProxyAdmin.Infrastructure.Data;

/// <summary>
/// How many projects one team holds, kept by the <c>Projects</c> table's triggers (migration
/// <c>AddTeamProjectCounts</c>) in the transaction of each insert, delete and move of a project: the <c>total</c> a
/// team member's project list shows (always narrowed to the caller's teams) is a read of a few rows, never a count
/// over the team's projects.
/// </summary>
public sealed class TeamProjectCount
{
    /// <summary>The trigger SQL Server needs named in the model (EF then saves projects without <c>OUTPUT</c>).</summary>
    public const string Trigger = "Projects_TeamProjectCount";

    public required string TeamId { get; init; }

    public long Count { get; init; }
}
