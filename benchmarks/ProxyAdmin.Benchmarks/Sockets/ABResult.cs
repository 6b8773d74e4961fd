namespace ProxyAdmin.Benchmarks.Sockets;

/// <summary>A scenario measured on both sides, alternated: ProxyAdmin, raw, ProxyAdmin, raw …</summary>
internal sealed record ABResult(string Scenario, SideRuns A, SideRuns B, string LoadStart, string LoadEnd)
{
    /// <summary>A's req/s over B's, pair by pair.</summary>
    /// <summary>A's req/s over B's, pair by pair; a pair with an empty run has no ratio.</summary>
    public List<double> PairRatios => [.. A.Runs.Zip(B.Runs, (a, b) => a.Requests == 0 || b.Requests == 0 ? double.NaN : a.RequestsPerSecond / b.RequestsPerSecond)];

    public double Ratio => Stats.Median(PairRatios);
}
