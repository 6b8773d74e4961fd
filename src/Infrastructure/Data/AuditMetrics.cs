using System.Diagnostics.Metrics;
using ProxyAdmin.Application.Common.Telemetry;
using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Infrastructure.Data;

/// <summary>
/// Audit rows written, counted when their transaction commits (a command that is retried or rolled back counts only
/// the rows that were committed), by table: one of <see cref="AuditTables.All"/>, else <c>other</c>.
/// </summary>
internal sealed class AuditMetrics
{
    private readonly Counter<long> _rows;

    public AuditMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(ProxyAdminMeter.Name);
        _rows = meter.CreateCounter<long>("proxyadmin.audit.rows", unit: "{row}", description: "Audit rows committed, by the table they describe.");
    }

    /// <summary>Whether anyone listens: staging a count costs a callback per row, which is skipped otherwise.</summary>
    public bool Enabled => _rows.Enabled;

    public void Committed(string table) =>
        _rows.Add(1, new KeyValuePair<string, object?>("table", AuditTables.All.Contains(table) ? table : "other"));
}
