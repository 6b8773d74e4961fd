namespace ProxyAdmin.Benchmarks.Sockets;

/// <summary>An issue-13 target: printed beside the figure with a mark, never a failure.</summary>
internal sealed record Target(string Text, Func<ABResult, bool> IsMet);
