namespace ProxyAdmin.Benchmarks.Sockets;

/// <summary>Which socket scenarios a run measures: all of them, or only the single-row reads, or only the write.</summary>
internal enum SocketScenarios
{
    All,
    Reads,
    Writes,
}
