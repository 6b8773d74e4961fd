namespace ProxyAdmin.Application.Health.Queries.CheckReadiness;

public sealed record ReadinessDto
{
    /// <summary><c>healthy</c> or <c>unhealthy</c>.</summary>
    public required string Status { get; init; }

    /// <summary><c>connected</c> or <c>disconnected</c>.</summary>
    public required string Db { get; init; }
}
