namespace ProxyAdmin.Application.Health;

/// <summary>What the database health check found.</summary>
/// <param name="Connected">The database answered a real query within the check's timeout.</param>
/// <param name="PendingMigrations">Migrations this version has that the database has not applied; 0 when unknown (not connected).</param>
public sealed record DatabaseReadiness(bool Connected, int PendingMigrations)
{
    public bool Ready => Connected && PendingMigrations == 0;
}
