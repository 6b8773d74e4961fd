namespace ProxyAdmin.Application.Health;

/// <summary><c>GET /health/readiness</c>: whether the database answers. Anonymous, and says nothing else.</summary>
[AllowAnonymous]
public sealed record CheckReadinessQuery : IQuery<ReadinessDto>;

public sealed record ReadinessDto
{
    /// <summary><c>healthy</c> or <c>unhealthy</c>.</summary>
    public required string Status { get; init; }

    /// <summary><c>connected</c> or <c>disconnected</c>.</summary>
    public required string Db { get; init; }
}

public interface IDatabaseProbe
{
    Task<bool> CanConnectAsync(CancellationToken cancellationToken);
}

public sealed class CheckReadinessQueryHandler(IDatabaseProbe database) : IQueryHandler<CheckReadinessQuery, ReadinessDto>
{
    public async ValueTask<ReadinessDto> Handle(CheckReadinessQuery query, CancellationToken cancellationToken) =>
        await database.CanConnectAsync(cancellationToken)
            ? new ReadinessDto { Status = "healthy", Db = "connected" }
            : new ReadinessDto { Status = "unhealthy", Db = "disconnected" };
}
