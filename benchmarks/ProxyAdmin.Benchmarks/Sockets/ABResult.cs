namespace ProxyAdmin.Benchmarks.Sockets;

/// <summary>One side's runs of a scenario, with the bytes it allocated per request in each.</summary>
internal sealed class SideRuns
{
    public List<WrkResult> Runs { get; } = [];

    public List<double> AllocatedPerRequest { get; } = [];

    public double MedianRps => Stats.Median(Runs.Select(r => r.RequestsPerSecond));

    public double MedianP99 => Stats.Median(Runs.Select(r => r.P99Ms));

    public double MedianAllocated => Stats.Median(AllocatedPerRequest);

    public long Failures => Runs.Sum(r => r.Failures);
}

/// <summary>A scenario measured on both sides, alternated: ProxyAdmin, raw, ProxyAdmin, raw …</summary>
internal sealed record ABResult(string Scenario, SideRuns A, SideRuns B, string LoadStart, string LoadEnd)
{
    /// <summary>A's req/s over B's, pair by pair.</summary>
    public List<double> PairRatios => [.. A.Runs.Zip(B.Runs, (a, b) => b.RequestsPerSecond == 0 ? 0 : a.RequestsPerSecond / b.RequestsPerSecond)];

    public double Ratio => Stats.Median(PairRatios);
}
