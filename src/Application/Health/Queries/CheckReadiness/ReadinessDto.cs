namespace ProxyAdmin.Application.Health.Queries.CheckReadiness;

public sealed record ReadinessDto
{
    /// <summary><c>healthy</c> or <c>unhealthy</c>.</summary>
    public required string Status { get; init; }

    /// <summary><c>connected</c> or <c>disconnected</c>.</summary>
    public required string Db { get; init; }

    /// <summary>Migrations of this version the database lacks (ProxyAdmin's own field); unhealthy while any is pending.</summary>
    public required int PendingMigrations { get; init; }
}
