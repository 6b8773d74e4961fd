using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ProxyAdmin.Benchmarks.Sockets;

/// <summary>
/// The load generator: Debian's wrk (<c>apt-get install -y wrk</c>), one thread and 8 connections on loopback, with a
/// Lua script for the request (method, body, the key header). The script lives in the run's temporary folder, so the
/// key never reaches a command line.
/// </summary>
internal static partial class Wrk
{
    public const int Connections = 8;

    public static void EnsureInstalled()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("wrk", "--version") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            process.WaitForExit();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException("wrk is not installed: `apt-get install -y wrk` (Debian/Ubuntu), then run the benchmark again.");
        }
    }

    /// <summary>A Lua script that sends <paramref name="method"/> with <paramref name="apiKey"/> as bearer and <paramref name="jsonBody"/>.</summary>
    public static string Script(string directory, string name, string method, string? apiKey, string? jsonBody)
    {
        var lua = new StringBuilder();
        lua.Append("wrk.method = ").Append(Lua(method)).Append('\n');
        if (apiKey is not null)
        {
            lua.Append("wrk.headers[\"Authorization\"] = ").Append(Lua("Bearer " + apiKey)).Append('\n');
        }

        if (jsonBody is not null)
        {
            lua.Append("wrk.headers[\"Content-Type\"] = \"application/json\"\n");
            lua.Append("wrk.body = ").Append(Lua(jsonBody)).Append('\n');
        }

        var path = Path.Combine(directory, name + ".lua");
        File.WriteAllText(path, lua.ToString());
        return path;
    }

    public static async Task<WrkResult> RunAsync(string url, string script, TimeSpan duration)
    {
        var seconds = Math.Max(1, (int)Math.Round(duration.TotalSeconds));
        var start = new ProcessStartInfo("wrk")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-t1", $"-c{Connections}", $"-d{seconds}s", "--latency", "--timeout", "10s", "-s", script, url })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = await output;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk failed ({process.ExitCode}): {await error}");
        }

        return Parse(text);
    }

    internal static WrkResult Parse(string text)
    {
        var rps = RequestsPerSecond().Match(text);
        var requests = RequestCount().Match(text);
        var p99 = Percentile99().Match(text);
        if (!rps.Success || !requests.Success || !p99.Success)
        {
            throw new InvalidOperationException("Could not read wrk's output:\n" + text);
        }

        var failures = NonSuccess().Match(text) is { Success: true } non2xx ? long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var socketErrors = SocketErrors().Match(text);
        if (socketErrors.Success)
        {
            failures += socketErrors.Groups.Values.Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture));
        }

        return new WrkResult(
            double.Parse(rps.Groups[1].Value, CultureInfo.InvariantCulture),
            long.Parse(requests.Groups[1].Value, CultureInfo.InvariantCulture),
            Milliseconds(p99.Groups[1].Value, p99.Groups[2].Value),
            failures);
    }

    private static double Milliseconds(string value, string unit) => double.Parse(value, CultureInfo.InvariantCulture) * unit switch
    {
        "us" => 0.001,
        "ms" => 1,
        "s" => 1000,
        "m" => 60_000,
        _ => throw new InvalidOperationException($"Unknown wrk time unit '{unit}'."),
    };

    private static string Lua(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex RequestCount();

    [GeneratedRegex(@"^\s+99%\s+([\d.]+)(us|ms|s|m)\s*$", RegexOptions.Multiline)]
    private static partial Regex Percentile99();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NonSuccess();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();
}
