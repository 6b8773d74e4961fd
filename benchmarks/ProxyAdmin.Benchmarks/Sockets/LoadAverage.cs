using System.Globalization;

namespace ProxyAdmin.Benchmarks.Sockets;

/// <summary>The 1-minute load average (Linux), printed beside the figures it disturbs.</summary>
internal static class LoadAverage
{
    public static string Now()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "?";
        }
    }

    public static double Parse(string value) => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : double.NaN;
}
