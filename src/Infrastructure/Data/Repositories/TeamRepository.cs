using ProxyAdmin.Application.Teams;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Infrastructure.Data.Repositories;

internal sealed class TeamRepository(ProxyAdminDbContext db) : ITeamRepository
{
    /// <summary>Compiled: every team command and every project write under a team loads it this way, inside the write lock.</summary>
    private static readonly CompiledPerModel<Func<ProxyAdminDbContext, string, CancellationToken, Task<Team?>>> GetById = new(() =>
        EF.CompileAsyncQuery((ProxyAdminDbContext context, string teamId, CancellationToken _) =>
            context.Teams.Include(t => t.ObjectPermission).Include(t => t.TeamMemberBudget).SingleOrDefault(t => t.TeamId == teamId)));

    public Task<Team?> GetAsync(string teamId, CancellationToken cancellationToken) => GetById.For(db)(db, teamId, cancellationToken);

    private static readonly CompiledPerModel<Func<ProxyAdminDbContext, string, CancellationToken, Task<Team?>>> ReadById = new(() =>
        EF.CompileAsyncQuery((ProxyAdminDbContext context, string teamId, CancellationToken _) =>
            context.Teams.AsNoTracking().Include(t => t.ObjectPermission).Include(t => t.TeamMemberBudget).SingleOrDefault(t => t.TeamId == teamId)));

    public Task<Team?> ReadAsync(string teamId, CancellationToken cancellationToken) => ReadById.For(db)(db, teamId, cancellationToken);

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
