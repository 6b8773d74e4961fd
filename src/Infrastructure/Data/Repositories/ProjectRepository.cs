using ProxyAdmin.Application.Projects;
using ProxyAdmin.Domain.Projects;
using ProxyAdmin.Infrastructure.Data.Direct;

namespace ProxyAdmin.Infrastructure.Data.Repositories;

/// <param name="direct">The provider's hand-written hot reads; none on SQL Server, or where a test builds the repository
/// on a bare context: the read goes through EF then.</param>
internal sealed class ProjectRepository(ProxyAdminDbContext db, DirectReads? direct = null) : IProjectRepository
{
    private IQueryable<Project> WithRelations => db.Projects.Include(p => p.Budget).Include(p => p.ObjectPermission);

    // The membership is a scalar subquery of the same statement: NULL when the team is gone, else an EXISTS on TeamMembers.
    private static readonly CompiledPerModel<Func<ProxyAdminDbContext, string, string?, CancellationToken, Task<ProjectRead?>>> ReadById = new(() =>
        EF.CompileAsyncQuery((ProxyAdminDbContext context, string projectId, string? userId, CancellationToken _) =>
            context.Projects.AsNoTracking().Include(p => p.Budget).Include(p => p.ObjectPermission)
                .Where(p => p.ProjectId == projectId)
                .Select(p => new ProjectRead(
                    p,
                    context.Teams
                        .Where(t => t.TeamId == p.TeamId)
                        .Select(t => (bool?)(userId != null && t.Members.Any(m => m.UserId == userId)))
                        .FirstOrDefault()))
                .SingleOrDefault()));

    public Task<Project?> GetAsync(string projectId, CancellationToken cancellationToken) =>
        WithRelations.SingleOrDefaultAsync(p => p.ProjectId == projectId, cancellationToken);

    /// <summary>Every <c>/project/info</c>: read by hand outside a transaction (<see cref="DirectProjectRead"/>), else by the compiled query.</summary>
    public Task<ProjectRead?> ReadAsync(string projectId, string? userId, CancellationToken cancellationToken) =>
        DirectReads.MayRun(direct, db)
            ? DirectProjectRead.For(db).ReadAsync(direct!, db, projectId, userId, cancellationToken).AsTask()
            : ReadById.For(db)(db, projectId, userId, cancellationToken);

    public Task<List<Project>> GetManyAsync(IReadOnlyCollection<string> projectIds, CancellationToken cancellationToken) =>
        WithRelations.Where(p => projectIds.Contains(p.ProjectId)).ToListAsync(cancellationToken);

    /// <summary>Compiled: every project create asks it inside the write lock.</summary>
    private static readonly CompiledPerModel<Func<ProxyAdminDbContext, string, CancellationToken, Task<bool>>> ExistsById = new(() =>
        EF.CompileAsyncQuery((ProxyAdminDbContext context, string projectId, CancellationToken _) =>
            context.Projects.Any(p => p.ProjectId == projectId)));

    public Task<bool> ExistsAsync(string projectId, CancellationToken cancellationToken) => ExistsById.For(db)(db, projectId, cancellationToken);

    public Task<List<string>> TeamsOwningProjectsAsync(IReadOnlyCollection<string> teamIds, CancellationToken cancellationToken) =>
        db.Projects.Where(p => teamIds.Contains(p.TeamId)).Select(p => p.TeamId).Distinct().OrderBy(id => id).ToListAsync(cancellationToken);

    public async Task<int> CountInTeamsAsync(IReadOnlyCollection<string> teamIds, CancellationToken cancellationToken)
    {
        var count = await db.TeamProjectCounts.AsNoTracking().Where(c => teamIds.Contains(c.TeamId)).SumAsync(c => c.Count, cancellationToken);
        return (int)Math.Min(count, int.MaxValue);
    }

    public void Add(Project project) => db.Projects.Add(project);

    public void Remove(Project project)
    {
        db.Projects.Remove(project);
        if (project.ObjectPermission is { } permission)
        {
            db.Remove(permission);
        }
    }
}
