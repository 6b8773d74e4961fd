namespace ProxyAdmin.Application.Health;

/// <summary>Whether the database answers a real query and has every migration of this version; implemented in Infrastructure.</summary>
public interface IDatabaseProbe
{
    Task<DatabaseReadiness> CheckAsync(CancellationToken cancellationToken);
}
