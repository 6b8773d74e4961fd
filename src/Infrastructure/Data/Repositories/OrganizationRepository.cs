using ProxyAdmin.Application.Organizations;
using ProxyAdmin.Domain.Organizations;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Infrastructure.Data.Repositories;

internal sealed class OrganizationRepository(ProxyAdminDbContext db) : IOrganizationRepository
{
    public Task<Organization?> GetAsync(string organizationId, CancellationToken cancellationToken) =>
        WithParts(db.Organizations).SingleOrDefaultAsync(o => o.OrganizationId == organizationId, cancellationToken);

    public Task<Organization?> ReadAsync(string organizationId, CancellationToken cancellationToken) =>
        WithParts(db.Organizations.AsNoTracking()).SingleOrDefaultAsync(o => o.OrganizationId == organizationId, cancellationToken);

    public Task<bool> ExistsAsync(string organizationId, CancellationToken cancellationToken) =>
        db.Organizations.AnyAsync(o => o.OrganizationId == organizationId, cancellationToken);

    public Task<List<Organization>> GetManyAsync(IReadOnlyCollection<string> organizationIds, CancellationToken cancellationToken) =>
        WithParts(db.Organizations).Where(o => organizationIds.Contains(o.OrganizationId)).ToListAsync(cancellationToken);

    public Task<List<Organization>> GetWithMembersAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken) =>
        WithParts(db.Organizations).Where(o => o.Members.Any(m => userIds.Contains(m.UserId))).ToListAsync(cancellationToken);

    public Task<List<Organization>> ListAsync(string? memberUserId, CancellationToken cancellationToken)
    {
        var organizations = WithParts(db.Organizations.AsNoTracking());
        if (memberUserId is not null)
        {
            organizations = organizations.Where(o => o.Members.Any(m => m.UserId == memberUserId));
        }

        return organizations.OrderBy(o => o.OrganizationAlias).ThenBy(o => o.OrganizationId).AsSplitQuery().ToListAsync(cancellationToken);
    }

    public async Task<OrganizationRole?> RoleOfAsync(string organizationId, string userId, CancellationToken cancellationToken) =>
        await db.Organizations
            .Where(o => o.OrganizationId == organizationId)
            .SelectMany(o => o.Members)
            .Where(m => m.UserId == userId)
            .Select(m => (OrganizationRole?)m.Role)
            .FirstOrDefaultAsync(cancellationToken);

    public Task<bool> AdministersOrganizationOfTeamAsync(string teamId, string userId, CancellationToken cancellationToken) =>
        db.Teams.AnyAsync(
            t => t.TeamId == teamId
                && db.Organizations.Any(o => o.OrganizationId == t.OrganizationId && o.Members.Any(m => m.UserId == userId && m.Role == OrganizationRole.OrgAdmin)),
            cancellationToken);

    public Task<List<string>> AdministeredByAsync(string userId, CancellationToken cancellationToken) =>
        db.Organizations.AsNoTracking()
            .Where(o => o.Members.Any(m => m.UserId == userId && m.Role == OrganizationRole.OrgAdmin))
            .OrderBy(o => o.OrganizationId)
            .Select(o => o.OrganizationId)
            .ToListAsync(cancellationToken);

    public Task<List<Team>> TeamsOfAsync(IReadOnlyCollection<string> organizationIds, CancellationToken cancellationToken) =>
        db.Teams.AsNoTracking()
            .Include(t => t.ObjectPermission)
            .Include(t => t.TeamMemberBudget)
            .Where(t => t.OrganizationId != null && organizationIds.Contains(t.OrganizationId))
            .OrderBy(t => t.TeamAlias).ThenBy(t => t.TeamId)
            .ToListAsync(cancellationToken);

    public Task<List<string>> TeamIdsInAsync(IReadOnlyCollection<string> organizationIds, CancellationToken cancellationToken) =>
        db.Teams.AsNoTracking()
            .Where(t => t.OrganizationId != null && organizationIds.Contains(t.OrganizationId))
            .OrderBy(t => t.TeamId)
            .Select(t => t.TeamId)
            .ToListAsync(cancellationToken);

    public async Task<(List<string> TeamIds, int Total)> TeamIdsOfAsync(string organizationId, int limit, CancellationToken cancellationToken)
    {
        var teams = db.Teams.Where(t => t.OrganizationId == organizationId);
        var named = await teams.OrderBy(t => t.TeamId).Select(t => t.TeamId).Take(limit).ToListAsync(cancellationToken);
        return (named, named.Count < limit ? named.Count : await teams.CountAsync(cancellationToken));
    }

    public void Add(Organization organization) => db.Organizations.Add(organization);

    public void Remove(Organization organization)
    {
        db.Organizations.Remove(organization);
        if (organization.ObjectPermission is { } permission)
        {
            db.Remove(permission);
        }
    }

    private static IQueryable<Organization> WithParts(IQueryable<Organization> organizations) =>
        organizations.Include(o => o.Budget).Include(o => o.ObjectPermission);
}
