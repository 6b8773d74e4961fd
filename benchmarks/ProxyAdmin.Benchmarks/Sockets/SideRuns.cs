namespace ProxyAdmin.Benchmarks.Sockets;

/// <summary>One side's runs of a scenario, with the bytes it allocated per request in each.</summary>
internal sealed class SideRuns
{
    public List<WrkResult> Runs { get; } = [];

    public List<double> AllocatedPerRequest { get; } = [];

    /// <summary>Characters of log messages ProxyAdmin formatted per request during the run (its background work included).</summary>
    public List<double> LoggedPerRequest { get; } = [];

    public double MedianRps => Stats.Median(Runs.Select(r => r.RequestsPerSecond));

    /// <summary>wrk reports no latency for a run in which no request completed.</summary>
    public double MedianP99 => Stats.Median(Runs.Where(r => r.Requests > 0).Select(r => r.P99Ms));

    /// <summary>Runs in which not one request completed (each took longer than the run).</summary>
    public int EmptyRuns => Runs.Count(r => r.Requests == 0);

    public double MedianAllocated => Stats.Median(AllocatedPerRequest);

    public double MedianLogged => Stats.Median(LoggedPerRequest);

    public long Failures => Runs.Sum(r => r.Failures);
}
