using Microsoft.Extensions.Diagnostics.HealthChecks;
using ProxyAdmin.Application.Health;

namespace ProxyAdmin.Infrastructure.Data;

/// <summary>Readiness from ASP.NET Core's health checks: the registered checks run (each under its timeout), and <see cref="DatabaseHealthCheck"/>'s findings answer.</summary>
internal sealed class DatabaseProbe(HealthCheckService health) : IDatabaseProbe
{
    public async Task<DatabaseReadiness> CheckAsync(CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(cancellationToken);

        // The check records the pending migrations only once the database has answered.
        return report.Entries.TryGetValue(DatabaseHealthCheck.Name, out var database)
            && database.Data.TryGetValue(DatabaseHealthCheck.PendingMigrations, out var pending)
            ? new DatabaseReadiness(Connected: true, PendingMigrations: (int)pending)
            : new DatabaseReadiness(Connected: false, PendingMigrations: 0);
    }
}
