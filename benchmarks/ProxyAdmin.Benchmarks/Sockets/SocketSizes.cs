namespace ProxyAdmin.Benchmarks.Sockets;

/// <summary>How long and how big; <see cref="Quick"/> runs in a few minutes per database.</summary>
internal sealed record SocketSizes(int SmallProjects, int LargeProjects, int Pairs, TimeSpan Run, TimeSpan Warmup)
{
    public static readonly SocketSizes Full = new(1_000, 1_000_000, 3, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(3));

    public static readonly SocketSizes Quick = new(1_000, 100_000, 3, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(1));
}
