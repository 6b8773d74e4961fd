using System.Diagnostics.Metrics;

namespace ProxyAdmin.Application.Common.Telemetry;

/// <summary>
/// What <see cref="Behaviours.TransactionBehaviour{TMessage, TResponse}"/> does besides committing: the commands it
/// runs again (a concurrency conflict, a busy database), those it gives up on (409 after conflicts, 503 when the
/// database stays busy), and the dry runs it rolled back. Labelled by the command's type name and the reason, both
/// from fixed sets.
/// </summary>
public sealed class WriteMetrics
{
    public const string Conflict = "conflict";
    public const string Busy = "busy";

    private readonly Counter<long> _retried;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _dryRuns;

    public WriteMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(ProxyAdminMeter.Name);
        _retried = meter.CreateCounter<long>(
            "proxyadmin.writes.retried",
            unit: "{attempt}",
            description: "Commands run again from a clean slate after a concurrency conflict or a busy database.");
        _refused = meter.CreateCounter<long>(
            "proxyadmin.writes.refused",
            unit: "{command}",
            description: "Commands given up after the last attempt: 409 after concurrency conflicts, 503 while the database stays busy.");
        _dryRuns = meter.CreateCounter<long>(
            "proxyadmin.writes.dry_runs",
            unit: "{command}",
            description: "Commands run as dry runs (?dry_run=true) to their answer and rolled back, writing nothing.");
    }

    /// <param name="command">The command's type name.</param>
    /// <param name="reason"><see cref="Conflict"/> or <see cref="Busy"/>.</param>
    public void Retried(string command, string reason) =>
        _retried.Add(1, new KeyValuePair<string, object?>("command", command), new KeyValuePair<string, object?>("reason", reason));

    /// <param name="command">The command's type name.</param>
    /// <param name="reason"><see cref="Conflict"/> or <see cref="Busy"/>.</param>
    public void Refused(string command, string reason) =>
        _refused.Add(1, new KeyValuePair<string, object?>("command", command), new KeyValuePair<string, object?>("reason", reason));

    /// <param name="command">The command's type name.</param>
    public void DryRun(string command) => _dryRuns.Add(1, new KeyValuePair<string, object?>("command", command));
}
