using ProxyAdmin.Application.Teams;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Infrastructure.Data.Repositories;

internal sealed class TeamRepository(ProxyAdminDbContext db) : ITeamRepository
{
    public Task<Team?> GetAsync(string teamId, CancellationToken cancellationToken) =>
        db.Teams.Include(t => t.ObjectPermission).Include(t => t.TeamMemberBudget).SingleOrDefaultAsync(t => t.TeamId == teamId, cancellationToken);

    public Task<List<Team>> GetManyAsync(IReadOnlyCollection<string> teamIds, CancellationToken cancellationToken) =>
        db.Teams.Include(t => t.ObjectPermission).Include(t => t.TeamMemberBudget).Where(t => teamIds.Contains(t.TeamId)).ToListAsync(cancellationToken);

    public Task<bool> ExistsAsync(string teamId, CancellationToken cancellationToken) =>
        db.Teams.AnyAsync(t => t.TeamId == teamId, cancellationToken);

    public Task<List<Team>> GetTeamsWithMembersAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken) =>
        db.Teams.Include(t => t.ObjectPermission).Include(t => t.TeamMemberBudget).Where(t => t.Members.Any(m => userIds.Contains(m.UserId))).ToListAsync(cancellationToken);

    public Task<List<string>> GetTeamIdsOfMemberAsync(string userId, CancellationToken cancellationToken) =>
        db.Teams.AsNoTracking()
            .Where(t => t.Members.Any(m => m.UserId == userId))
            .OrderBy(t => t.TeamId)
            .Select(t => t.TeamId)
            .ToListAsync(cancellationToken);

    public void Add(Team team) => db.Teams.Add(team);

    public void Remove(Team team)
    {
        db.Teams.Remove(team);
        if (team.ObjectPermission is { } permission)
        {
            db.Remove(permission);
        }
    }
}
