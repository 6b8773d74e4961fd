using System.Globalization;

namespace ProxyAdmin.Benchmarks.Sockets;

/// <summary>The targets, one per scenario that has one.</summary>
internal static class Targets
{
    public const double ProjectInfoAllocationBytes = 20 * 1024;
    public const double ProjectNewP99Ms = 50;

    public static readonly Target Liveliness = Ratio(0.6);
    public static readonly Target KeyInfo = Ratio(0.5);
    public static readonly Target ProjectInfo = Ratio(0.5);

    public static readonly Target ProjectNew = new(
        $"≥ 0.5, p99 ≤ {ProjectNewP99Ms.ToString(CultureInfo.InvariantCulture)} ms",
        r => r.Ratio >= 0.5 && r.A.MedianP99 <= ProjectNewP99Ms);

    /// <summary>"The 10,000th page costs what the first costs": within 2×, as for page 1 at 1M against 1k.</summary>
    public static readonly Target CursorPage = Ratio(0.5);

    private static Target Ratio(double at) => new("≥ " + at.ToString("0.0", CultureInfo.InvariantCulture), r => r.Ratio >= at);
}
