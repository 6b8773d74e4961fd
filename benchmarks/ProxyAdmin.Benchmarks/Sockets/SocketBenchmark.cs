using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using ProxyAdmin.RawReference;

namespace ProxyAdmin.Benchmarks.Sockets;

/// <summary>
/// ProxyAdmin against the raw reference, both served by Kestrel on loopback in this process, driven by wrk from outside
/// it: for each scenario the bodies are checked equal, then ProxyAdmin and raw runs alternate (A/B/A/B/A/B) and the
/// ratio of each pair is kept. Only one side is under load at a time, so the process's allocation during a run is that
/// side's. Prints; never fails on a number. <see cref="SocketScenarios.Reads"/> runs only the three single-row reads
/// (liveliness, <c>/key/info</c>, <c>/project/info</c>), <see cref="SocketScenarios.Writes"/> only <c>POST /project/new</c>
/// (on the same 1,000 seeded projects as a whole run): a few minutes each when only they are being worked on.
/// </summary>
internal sealed class SocketBenchmark(BenchDatabase database, SocketSizes sizes, ResultTable table, SocketScenarios scenarios) : IDisposable
{
    private const string TeamId = "bench-team";
    private const string ProjectId = "bench-project";
    private const string WriteBody = """{"team_id":"bench-team","project_alias":"wrk project","models":["gpt-4o"],"metadata":{"owner":"bench"},"max_budget":100}""";

    private readonly string _scripts = Directory.CreateTempSubdirectory("proxyadmin-wrk-").FullName;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(120) };
    private string _proxyAdmin = "";
    private string _raw = "";
    private DiscardingLoggerProvider? _logs;

    public async Task RunAsync()
    {
        var label = database.Label;
        using var service = new ServiceHost(database, FreePort());
        service.StartServer();
        _proxyAdmin = $"http://127.0.0.1:{service.Port}";
        _logs = service.Logs;

        var (memberKey, adminKey) = await SeedThroughApiAsync();
        var rawPort = FreePort();
        await using var raw = RawReferenceApp.Create(database.Provider, database.ConnectionString, ServiceHost.MasterKey, rawPort);
        await raw.StartAsync();
        _raw = $"http://127.0.0.1:{rawPort}";

        try
        {
            if (scenarios == SocketScenarios.Writes)
            {
                await BulkSeeder.SeedAsync(database, TeamId, 0, sizes.SmallProjects - 1);
                await WriteAsync(label, adminKey);
                return;
            }

            await ReadAsync(label, "GET /health/liveliness", "/health/liveliness", null, Targets.Liveliness);
            await ReadAsync(label, "GET /key/info (virtual key)", "/key/info", memberKey, Targets.KeyInfo);
            await ReadAsync(label, "GET /project/info (virtual key, team member)", $"/project/info?project_id={ProjectId}", memberKey, Targets.ProjectInfo);
            if (scenarios == SocketScenarios.Reads)
            {
                return;
            }

            await BulkSeeder.SeedAsync(database, TeamId, 0, sizes.SmallProjects - 1);
            var small = await TotalAsync();
            var smallPage1 = await ReadAsync(label, $"GET /v2/project/list page 1 of 100, {Count(small)} projects", "/v2/project/list?page=1&page_size=100", ServiceHost.MasterKey, null);
            await ReadAsync(label, $"GET /v2/project/list last page by offset, {Count(small)} projects", $"/v2/project/list?page={LastPage(small)}&page_size=100", ServiceHost.MasterKey, null);

            await WriteAsync(label, adminKey);

            var seeding = System.Diagnostics.Stopwatch.StartNew();
            await BulkSeeder.SeedAsync(database, TeamId, sizes.SmallProjects - 1, sizes.LargeProjects - 1);
            var large = await TotalAsync();
            Console.WriteLine($"  ({label}: seeded {Count(sizes.LargeProjects - sizes.SmallProjects)} projects in one transaction in {seeding.Elapsed.TotalSeconds:0.0} s; {Count(large)} in all, the writes' included)");
            var largePage1 = await ReadAsync(label, $"GET /v2/project/list page 1 of 100, {Count(large)} projects", "/v2/project/list?page=1&page_size=100", ServiceHost.MasterKey, null);
            table.AddGrowth(label, small, large, smallPage1, largePage1);
            await KeysetAsync(label, large);

            // Last: each of these requests can outlast a run, and the work of those wrk leaves behind must not slow another scenario.
            await ReadAsync(label, $"GET /v2/project/list last page by offset, {Count(large)} projects", $"/v2/project/list?page={LastPage(large)}&page_size=100", ServiceHost.MasterKey, null);
        }
        finally
        {
            await raw.StopAsync();
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        try
        {
            Directory.Delete(_scripts, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private async Task<(string Member, string Admin)> SeedThroughApiAsync()
    {
        var member = await ApiAsync("/user/new", """{"user_id":"bench-member","user_role":"internal_user"}""");
        var admin = await ApiAsync("/user/new", """{"user_id":"bench-admin","user_role":"internal_user"}""");
        await ApiAsync("/team/new", """{"team_id":"bench-team","members_with_roles":[{"user_id":"bench-admin","role":"admin"},{"user_id":"bench-member","role":"user"}]}""");
        await ApiAsync("/project/new", """{"project_id":"bench-project","team_id":"bench-team","project_alias":"Bench project","models":["gpt-4o"],"metadata":{"owner":"bench","cost_center":3},"max_budget":100}""");
        return (member["key"]!.GetValue<string>(), admin["key"]!.GetValue<string>());
    }

    private async Task<JsonNode> ApiAsync(string path, string json) =>
        JsonNode.Parse(await Equivalence.PostAsync(_http, _proxyAdmin + path, ServiceHost.MasterKey, json))!;

    private async Task<long> TotalAsync() =>
        JsonNode.Parse(await Equivalence.ReadAsync(_http, _proxyAdmin + "/v2/project/list?page=1&page_size=1", ServiceHost.MasterKey))!["total"]!.GetValue<long>();

    private async Task<ABResult> ReadAsync(string label, string scenario, string path, string? apiKey, Target? target)
    {
        var proxyAdminBody = await Equivalence.ReadAsync(_http, _proxyAdmin + path, apiKey);
        var rawBody = await Equivalence.ReadAsync(_http, _raw + path, apiKey);
        var note = string.Empty;
        if (path.StartsWith("/v2/project/list", StringComparison.Ordinal))
        {
            proxyAdminBody = Equivalence.WithoutCursor(proxyAdminBody, out var hadCursor);
            if (hadCursor)
            {
                note = "ProxyAdmin's next_cursor left out of the comparison (the raw reference computes none)";
            }
        }

        Equivalence.RequireIdentical($"{label}, {scenario}", proxyAdminBody, rawBody);
        var script = Wrk.Script(_scripts, "get-" + Guid.NewGuid().ToString("N"), "GET", apiKey, null);
        var result = await AlternateAsync(scenario, _proxyAdmin + path, _raw + path, script, script);
        table.Add(label, result, target, note);
        return result;
    }

    private async Task WriteAsync(string label, string adminKey)
    {
        const string scenario = "POST /project/new (8 concurrent writers)";
        Equivalence.RequireSameShape(
            $"{label}, {scenario}",
            await Equivalence.PostAsync(_http, _proxyAdmin + "/project/new", adminKey, WriteBody),
            await Equivalence.PostAsync(_http, _raw + "/project/new", adminKey, WriteBody));
        var script = Wrk.Script(_scripts, "post-" + Guid.NewGuid().ToString("N"), "POST", adminKey, WriteBody);
        table.Add(label, await AlternateAsync(scenario, _proxyAdmin + "/project/new", _raw + "/project/new", script, script), Targets.ProjectNew, string.Empty);
    }

    /// <summary>
    /// The 10,000th page by cursor against the first, both on ProxyAdmin (the raw reference computes no cursors): the
    /// cursor of the last page comes from the page before it, asked by offset.
    /// </summary>
    private async Task KeysetAsync(string label, long total)
    {
        var scenario = $"GET /v2/project/list last page by cursor vs page 1, {Count(total)} projects";
        var before = JsonNode.Parse(await Equivalence.ReadAsync(_http, _proxyAdmin + $"/v2/project/list?page={LastPage(total) - 1}&page_size=100", ServiceHost.MasterKey))!;
        if (before["next_cursor"]?.GetValue<string>() is not { Length: > 0 } cursor)
        {
            table.Skip(label, scenario, "skipped: ProxyAdmin answers no next_cursor, so `after` (keyset paging) is not in this build");
            return;
        }

        var deep = $"/v2/project/list?after={Uri.EscapeDataString(cursor)}&page_size=100";
        var offset = $"/v2/project/list?page={LastPage(total)}&page_size=100";
        // The rows only: a page asked by cursor answers page 1 (its number is not known without counting what lies
        // before it), one asked by offset the number it was asked for.
        Equivalence.RequireIdentical(
            $"{label}, {scenario} (the same rows by cursor and by offset)",
            ProjectsOf(await Equivalence.ReadAsync(_http, _proxyAdmin + deep, ServiceHost.MasterKey)),
            ProjectsOf(await Equivalence.ReadAsync(_http, _proxyAdmin + offset, ServiceHost.MasterKey)));
        var script = Wrk.Script(_scripts, "cursor-" + Guid.NewGuid().ToString("N"), "GET", ServiceHost.MasterKey, null);
        var result = await AlternateAsync(scenario, _proxyAdmin + deep, _proxyAdmin + "/v2/project/list?page=1&page_size=100", script, script);
        table.Add(label, result, Targets.CursorPage, "both sides ProxyAdmin: deep page by cursor / page 1", sideNames: ("cursor page", "page 1"));
    }

    private static string ProjectsOf(string page) => JsonNode.Parse(page)!["projects"]!.ToJsonString();

    private async Task<ABResult> AlternateAsync(string scenario, string urlA, string urlB, string scriptA, string scriptB)
    {
        Console.WriteLine($"  {database.Label}: {scenario} …");
        var loadStart = LoadAverage.Now();
        await SettleAsync();
        await Wrk.RunAsync(urlA, scriptA, sizes.Warmup);
        await SettleAsync();
        await Wrk.RunAsync(urlB, scriptB, sizes.Warmup);
        var a = new SideRuns();
        var b = new SideRuns();
        for (var pair = 0; pair < sizes.Pairs; pair++)
        {
            await MeasureAsync(a, urlA, scriptA);
            await MeasureAsync(b, urlB, scriptB);
        }

        return new ABResult(scenario, a, b, loadStart, LoadAverage.Now());
    }

    private async Task MeasureAsync(SideRuns side, string url, string script)
    {
        await SettleAsync();
        var logged = _logs?.FormattedCharacters ?? 0;
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var result = await Wrk.RunAsync(url, script, sizes.Run);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        logged = (_logs?.FormattedCharacters ?? 0) - logged;
        side.Runs.Add(result);
        side.AllocatedPerRequest.Add(result.Requests == 0 ? double.NaN : (double)allocated / result.Requests);
        side.LoggedPerRequest.Add(result.Requests == 0 ? double.NaN : (double)logged / result.Requests);
    }

    /// <summary>
    /// Waits (30 s at most) until this process is nearly idle: requests wrk abandoned at the end of a run are still being
    /// answered, and would otherwise slow the next run, whichever side it measures.
    /// </summary>
    private static async Task SettleAsync()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            process.Refresh();
            var before = process.TotalProcessorTime;
            await Task.Delay(300);
            process.Refresh();
            if ((process.TotalProcessorTime - before).TotalMilliseconds < 45)
            {
                return;
            }
        }
    }

    private static long LastPage(long total) => Math.Max(1, (total + 99) / 100);

    private static string Count(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
