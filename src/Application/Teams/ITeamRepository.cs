using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.Teams;

/// <summary>Loads and stages teams (with their members and object permission) for a command.</summary>
public interface ITeamRepository
{
    /// <summary>The team, tracked, with members and object permission, or null.</summary>
    Task<Team?> GetAsync(string teamId, CancellationToken cancellationToken);

    /// <summary>
    /// The same team as <see cref="GetAsync"/>, untracked: for a command that judges against the team (who administers
    /// it, its limits) and changes nothing of it, so its save neither compares nor snapshots the team's rows.
    /// </summary>
    Task<Team?> ReadAsync(string teamId, CancellationToken cancellationToken);

    /// <summary>Those of <paramref name="teamIds"/> that exist, tracked.</summary>
    Task<List<Team>> GetManyAsync(IReadOnlyCollection<string> teamIds, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string teamId, CancellationToken cancellationToken);

    /// <summary>Every team any of <paramref name="userIds"/> belongs to, tracked.</summary>
    Task<List<Team>> GetTeamsWithMembersAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken);

    /// <summary>Ids of the teams <paramref name="userId"/> belongs to, in id order.</summary>
    Task<List<string>> GetTeamIdsOfMemberAsync(string userId, CancellationToken cancellationToken);

    void Add(Team team);

    /// <summary>Removes the team, its membership rows and its object permission row.</summary>
    void Remove(Team team);
}
