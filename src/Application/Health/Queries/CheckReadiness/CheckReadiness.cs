namespace ProxyAdmin.Application.Health.Queries.CheckReadiness;

/// <summary>
/// <c>GET /health/readiness</c>: whether the database answers (within the check's timeout) and has every migration of
/// this version. Anonymous, and says nothing else.
/// </summary>
[AllowAnonymous]
public sealed record CheckReadinessQuery : IQuery<ReadinessDto>;

public sealed class CheckReadinessQueryHandler(IDatabaseProbe database) : IQueryHandler<CheckReadinessQuery, ReadinessDto>
{
    public async ValueTask<ReadinessDto> Handle(CheckReadinessQuery query, CancellationToken cancellationToken)
    {
        var readiness = await database.CheckAsync(cancellationToken);
        return new ReadinessDto
        {
            Status = readiness.Ready ? "healthy" : "unhealthy",
            Db = readiness.Connected ? "connected" : "disconnected",
            PendingMigrations = readiness.PendingMigrations,
        };
    }
}
