namespace ProxyAdmin.Benchmarks.Sockets;

/// <summary>What one wrk run printed.</summary>
internal sealed record WrkResult(double RequestsPerSecond, long Requests, double P99Ms, long Failures);
