namespace ProxyAdmin.Application.Health;

/// <summary>Whether the database answers a real query; implemented in Infrastructure.</summary>
public interface IDatabaseProbe
{
    Task<bool> CanConnectAsync(CancellationToken cancellationToken);
}
