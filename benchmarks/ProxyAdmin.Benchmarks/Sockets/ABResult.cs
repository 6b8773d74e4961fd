namespace ProxyAdmin.Benchmarks.Sockets;

/// <summary>One side's runs of a scenario, with the bytes it allocated per request in each.</summary>
internal sealed class SideRuns
{
    public List<WrkResult> Runs { get; } = [];

    public List<double> AllocatedPerRequest { get; } = [];

    public double MedianRps => Stats.Median(Runs.Select(r => r.RequestsPerSecond));

    /// <summary>wrk reports no latency for a run in which no request completed.</summary>
    public double MedianP99 => Stats.Median(Runs.Where(r => r.Requests > 0).Select(r => r.P99Ms));

    /// <summary>Runs in which not one request completed (each took longer than the run).</summary>
    public int EmptyRuns => Runs.Count(r => r.Requests == 0);

    public double MedianAllocated => Stats.Median(AllocatedPerRequest);

    public long Failures => Runs.Sum(r => r.Failures);
}

/// <summary>A scenario measured on both sides, alternated: ProxyAdmin, raw, ProxyAdmin, raw …</summary>
internal sealed record ABResult(string Scenario, SideRuns A, SideRuns B, string LoadStart, string LoadEnd)
{
    /// <summary>A's req/s over B's, pair by pair.</summary>
    /// <summary>A's req/s over B's, pair by pair; a pair with an empty run has no ratio.</summary>
    public List<double> PairRatios => [.. A.Runs.Zip(B.Runs, (a, b) => a.Requests == 0 || b.Requests == 0 ? double.NaN : a.RequestsPerSecond / b.RequestsPerSecond)];

    public double Ratio => Stats.Median(PairRatios);
}
