namespace ProxyAdmin.Application.Health.Queries.CheckReadiness;

/// <summary><c>GET /health/readiness</c>: whether the database answers. Anonymous, and says nothing else.</summary>
[AllowAnonymous]
public sealed record CheckReadinessQuery : IQuery<ReadinessDto>;

public sealed class CheckReadinessQueryHandler(IDatabaseProbe database) : IQueryHandler<CheckReadinessQuery, ReadinessDto>
{
    public async ValueTask<ReadinessDto> Handle(CheckReadinessQuery query, CancellationToken cancellationToken) =>
        await database.CanConnectAsync(cancellationToken)
            ? new ReadinessDto { Status = "healthy", Db = "connected" }
            : new ReadinessDto { Status = "unhealthy", Db = "disconnected" };
}
