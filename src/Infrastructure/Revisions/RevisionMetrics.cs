using System.Diagnostics.Metrics;
using ProxyAdmin.Application.Common.Telemetry;

namespace ProxyAdmin.Infrastructure.Revisions;

/// <summary>
/// How this replica learns of the database's revisions, and how long changes made elsewhere take to arrive
/// (<see cref="RevisionTracker"/>). The revision row holds no commit time, so the time from a commit elsewhere to its
/// arrival here is not measured directly; what is measured, each as a bound of it:
/// <list type="bullet">
/// <item><c>proxyadmin.revision.poll_lag</c>: for a read of the revision row that moved the revision forward, the time
/// from the start of the previous successful read to the end of this one. The commit came after the previous read
/// began (else that read would have seen it), so this is an upper bound of how long the newest revision took to arrive
/// through the poll; it is about the poll interval, and shorter when a request asked for a read.</item>
/// <item><c>proxyadmin.revision.wait</c>: how long a request carrying <c>x-proxyadmin-min-revision</c> waited until this
/// replica had applied that revision (outcome <c>applied</c> or <c>timed_out</c>); the client learnt the revision from
/// the commit's response, so this is a lower bound of the propagation as a client meets it. Requests that needed no
/// wait count as <c>already_applied</c>, with no duration.</item>
/// <item><c>proxyadmin.revision.advances</c>: the steps forward, by source (<c>commit</c> of this replica,
/// <c>poll</c>, PostgreSQL's <c>notify</c>), and the applied revision as a gauge, to compare replicas.</item>
/// </list>
/// </summary>
internal sealed class RevisionMetrics
{
    public const string Commit = "commit";
    public const string Poll = "poll";
    public const string Notify = "notify";

    private readonly Meter _meter;
    private readonly Counter<long> _advances;
    private readonly Histogram<double> _pollLag;
    private readonly Histogram<double> _wait;
    private readonly Counter<long> _alreadyApplied;

    public RevisionMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(ProxyAdminMeter.Name);
        _advances = _meter.CreateCounter<long>(
            "proxyadmin.revision.advances",
            unit: "{step}",
            description: "Steps forward of the revision this replica has applied, by how it learnt of them.");
        _pollLag = _meter.CreateHistogram<double>(
            "proxyadmin.revision.poll_lag",
            unit: "s",
            description: "Upper bound of the time a revision committed elsewhere took to reach this replica through the poll of the revision row.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _wait = _meter.CreateHistogram<double>(
            "proxyadmin.revision.wait",
            unit: "s",
            description: "Time a request carrying x-proxyadmin-min-revision waited until this replica had applied that revision.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });
        _alreadyApplied = _meter.CreateCounter<long>(
            "proxyadmin.revision.wait.already_applied",
            unit: "{request}",
            description: "Requests carrying x-proxyadmin-min-revision whose revision this replica had already applied.");
    }

    /// <summary>Publishes the applied revision as a gauge; called once, by the tracker.</summary>
    public void ObserveApplied(Func<long> applied) =>
        _meter.CreateObservableGauge("proxyadmin.revision.applied", applied, unit: "{revision}", description: "The database revision this replica has applied.");

    public void Advanced(string source) => _advances.Add(1, new KeyValuePair<string, object?>("source", source));

    public void PollLag(TimeSpan lag) => _pollLag.Record(lag.TotalSeconds);

    public void Waited(TimeSpan waited, bool applied) =>
        _wait.Record(waited.TotalSeconds, new KeyValuePair<string, object?>("outcome", applied ? "applied" : "timed_out"));

    public void AlreadyApplied() => _alreadyApplied.Add(1);
}
