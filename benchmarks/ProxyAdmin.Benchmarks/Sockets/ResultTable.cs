using System.Globalization;

namespace ProxyAdmin.Benchmarks.Sockets;

/// <summary>Collects every scenario's figures and prints them as one Markdown table, then the targets that are not ratios.</summary>
internal sealed class ResultTable
{
    private const string Met = "✅ met";
    private const string NotMet = "❌ not met";
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private readonly List<string> _rows = [];
    private readonly List<string> _checks = [];

    public void Add(string database, ABResult result, Target? target, string note, (string A, string B)? sideNames = null)
    {
        var ratios = result.PairRatios.Where(r => !double.IsNaN(r)).DefaultIfEmpty(double.NaN).ToList();
        if (result.A.EmptyRuns + result.B.EmptyRuns > 0)
        {
            note = Join(note, $"{result.A.EmptyRuns} + {result.B.EmptyRuns} runs completed no request (each took longer than the run)");
        }

        var failures = result.A.Failures + result.B.Failures;
        if (failures > 0)
        {
            note = Join(note, $"{failures} failed requests (non-2xx or socket errors)");
        }

        if (result.A.MedianLogged >= 1)
        {
            note = Join(note, $"ProxyAdmin formatted {result.A.MedianLogged.ToString("0", Invariant)} log characters per request");
        }

        if (sideNames is { } names)
        {
            note = Join(note, $"A = {names.A}, B = {names.B}");
        }

        _rows.Add(
            $"| {database} | {result.Scenario} | {Rps(result.A.MedianRps)} | {Rps(result.B.MedianRps)} | " +
            $"**{Ratio(result.Ratio)}** ({Ratio(ratios.Min())}–{Ratio(ratios.Max())}) | {target?.Text ?? "—"} | " +
            $"{(target is null ? "—" : double.IsNaN(result.Ratio) ? "?" : target.IsMet(result) ? Met : NotMet)} | {Ms(result.A.MedianP99)} | {Ms(result.B.MedianP99)} | " +
            $"{Bytes(result.A.MedianAllocated)} | {Bytes(result.B.MedianAllocated)} | {result.LoadStart} → {result.LoadEnd} | {note} |");
        Console.WriteLine($"    {Rps(result.A.MedianRps)} vs {Rps(result.B.MedianRps)} req/s, ratio {Ratio(result.Ratio)} ({Ratio(ratios.Min())}–{Ratio(ratios.Max())}); load {result.LoadStart} → {result.LoadEnd}");

        if (result.Scenario.StartsWith("GET /project/info", StringComparison.Ordinal))
        {
            var allocated = result.A.MedianAllocated;
            _checks.Add($"- {database}: allocation per `GET /project/info` {Bytes(allocated)} (raw {Bytes(result.B.MedianAllocated)}); target ≤ 20 KB: " +
                $"{(allocated <= Targets.ProjectInfoAllocationBytes ? Met : NotMet)}");
        }
    }

    public void AddGrowth(string database, long small, long large, ABResult smallPage1, ABResult largePage1)
    {
        var ratio = largePage1.A.MedianRps / smallPage1.A.MedianRps;
        var rawRatio = largePage1.B.MedianRps / smallPage1.B.MedianRps;
        _checks.Add($"- {database}: `/v2/project/list` page 1 at {small.ToString("#,0", Invariant)} → {large.ToString("#,0", Invariant)} projects: ProxyAdmin " +
            $"{Rps(smallPage1.A.MedianRps)} → {Rps(largePage1.A.MedianRps)} req/s (×{Ratio(ratio)}; raw ×{Ratio(rawRatio)}); " +
            $"target within 2× (≥ ×0.50): {(ratio >= 0.5 ? Met : NotMet)}");
    }

    public void Skip(string database, string scenario, string why)
    {
        _rows.Add($"| {database} | {scenario} | — | — | — | — | — | — | — | — | — | — | {why} |");
        Console.WriteLine($"  {database}: {scenario}: {why}");
    }

    public void Print()
    {
        Console.WriteLine();
        Console.WriteLine("| database | scenario | ProxyAdmin req/s | raw req/s | ratio (median of pairs; min–max) | target | | p99 ProxyAdmin ms | p99 raw ms | alloc/req ProxyAdmin | alloc/req raw | load 1m | notes |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | --- | --- | ---: | ---: | ---: | ---: | --- | --- |");
        foreach (var row in _rows)
        {
            Console.WriteLine(row);
        }

        Console.WriteLine();
        foreach (var check in _checks)
        {
            Console.WriteLine(check);
        }
    }

    private static string Join(string a, string b) => a.Length == 0 ? b : a + "; " + b;

    private static string Rps(double value) => double.IsNaN(value) ? "?" : value.ToString("#,0", Invariant);

    private static string Ratio(double value) => double.IsNaN(value) ? "?" : value.ToString("0.00", Invariant);

    private static string Ms(double value) => double.IsNaN(value) ? "?" : value.ToString(value < 10 ? "0.00" : value < 100 ? "0.0" : "0", Invariant);

    private static string Bytes(double value) => double.IsNaN(value) ? "?" : value switch
    {
        < 1024 => value.ToString("0", Invariant) + " B",
        < 1024 * 1024 => (value / 1024).ToString("0.#", Invariant) + " KB",
        _ => (value / 1024 / 1024).ToString("0.#", Invariant) + " MB",
    };
}
