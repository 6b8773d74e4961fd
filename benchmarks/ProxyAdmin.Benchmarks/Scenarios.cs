using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ProxyAdmin.Infrastructure.Revisions;

namespace ProxyAdmin.Benchmarks;

/// <summary>How much each scenario does; <see cref="Quick"/> finishes in well under a minute on two cores.</summary>
internal sealed record Sizes(
    int KeyInfoHits,
    int KeyInfoMisses,
    int ProjectsSmall,
    int ProjectsLarge,
    int PageCalls,
    int ListCallsSmall,
    int ListCallsLarge,
    int MembersSequential,
    int MembersConcurrent,
    int Models,
    int ModelInfoOne,
    int ModelInfoAll,
    int Revocations)
{
    public static readonly Sizes Full = new(5_000, 1_000, 1_000, 10_000, 300, 40, 15, 500, 500, 1_000, 1_000, 20, 200);

    public static readonly Sizes Quick = new(500, 100, 100, 500, 30, 5, 5, 60, 60, 60, 100, 5, 20);

    public static int Warmup(int count) => Math.Clamp(count / 10, 2, 50);
}

/// <summary>The end-to-end scenarios, over HTTP against the hosted service; each yields one row of figures.</summary>
internal sealed class Scenarios(BenchmarkHost host, Sizes sizes, Action<Figures> report)
{
    private static readonly string[] ProjectModels = ["gpt-4o", "gpt-4o-mini"];

    /// <summary>
    /// One writer at a time: SQLite takes one writer, and Microsoft.Data.Sqlite answers a busy database by
    /// sleeping 150 ms before it tries again, so parallel seeding is slower, not faster.
    /// </summary>
    private const int SeedParallelism = 1;
    private const int ConcurrentWorkers = 20;

    private readonly HttpClient _admin = host.ClientWith(BenchmarkHost.MasterKey);

    public async Task RunAllAsync()
    {
        await BaselineAsync();
        await KeyInfoAsync();
        await ProjectListsAsync();
        await TeamMemberAddAsync();
        await ModelsAsync();
        await RevocationPropagationAsync();
    }

    /// <summary>0. The floor: an anonymous route that touches no database.</summary>
    private async Task BaselineAsync()
    {
        using var anonymous = host.CreateClient();
        report(await Harness.MeasureAsync(
            "GET /health/liveliness (baseline: no key, no database)",
            Sizes.Warmup(sizes.KeyInfoHits),
            sizes.KeyInfoHits,
            1,
            (_, sample) => Http.GetAsync(anonymous, "/health/liveliness", sample)));
    }

    /// <summary>1. GET /key/info with a virtual key: the key lookup cache warm, and forced cold before every call.</summary>
    private async Task KeyInfoAsync()
    {
        var created = JsonNode.Parse(await Http.ExpectOkAsync(await _admin.PostAsync(
            "/user/new", Json(new { user_id = "bench-key-user", user_role = "internal_user" }))))!;
        var key = created["key"]!.GetValue<string>();
        using var client = host.ClientWith(key);
        var revisions = host.Services.GetRequiredService<RevisionTracker>();

        var hit = await Harness.MeasureAsync(
            "GET /key/info, virtual key, lookup cached",
            Sizes.Warmup(sizes.KeyInfoHits),
            sizes.KeyInfoHits,
            1,
            (_, sample) => Http.GetAsync(client, "/key/info", sample));
        var miss = await Harness.MeasureAsync(
            "GET /key/info, virtual key, cache emptied before each call",
            Sizes.Warmup(sizes.KeyInfoMisses),
            sizes.KeyInfoMisses,
            1,
            (_, sample) =>
            {
                revisions.Forget();
                return Http.GetAsync(client, "/key/info", sample);
            });
        report(hit with { Note = $"cache saves {Format.Ms(miss.P50Ms - hit.P50Ms)} ms at p50" });
        report(miss);
    }

    /// <summary>2. The paged and the streamed project lists, at two table sizes.</summary>
    private async Task ProjectListsAsync()
    {
        const string team = "bench-projects";
        await Http.ExpectOkAsync(await _admin.PostAsync("/team/new", Json(new { team_id = team })));
        var seeded = 0;
        foreach (var size in new[] { sizes.ProjectsSmall, sizes.ProjectsLarge })
        {
            var seeding = System.Diagnostics.Stopwatch.StartNew();
            await SeedAsync(seeded, size, i => ("/project/new", Json(new
            {
                project_id = $"bench-project-{i:D6}",
                project_alias = $"Bench project {i}",
                team_id = team,
                max_budget = 100.0,
                models = ProjectModels,
                metadata = new { owner = "bench", cost_center = i % 17 },
            })));
            Console.WriteLine($"<!-- seeded {size - seeded:#,0} projects through POST /project/new in {seeding.Elapsed.TotalSeconds:0.0} s -->");
            seeded = size;
            await CheckProjectCountsAsync(size);

            var label = size.ToString("#,0", CultureInfo.InvariantCulture);
            report(await Harness.MeasureAsync(
                $"GET /v2/project/list page 1 of 100, {label} projects",
                Sizes.Warmup(sizes.PageCalls),
                sizes.PageCalls,
                1,
                (_, sample) => Http.GetAsync(_admin, "/v2/project/list?page=1&page_size=100", sample),
                f => $"{Format.Bytes(f.AllocatedBytesPerRequest / 100)}/project on the page"));
            var lastPage = (size + 99) / 100;
            report(await Harness.MeasureAsync(
                $"GET /v2/project/list last page ({lastPage}) of 100, {label} projects",
                Sizes.Warmup(sizes.PageCalls),
                sizes.PageCalls,
                1,
                (_, sample) => Http.GetAsync(_admin, $"/v2/project/list?page={lastPage}&page_size=100", sample),
                f => $"{Format.Bytes(f.AllocatedBytesPerRequest / 100)}/project on the page"));

            var calls = size == sizes.ProjectsSmall ? sizes.ListCallsSmall : sizes.ListCallsLarge;
            long responseBytes = 0;
            report(await Harness.MeasureAsync(
                $"GET /project/list (streamed array), {label} projects",
                Sizes.Warmup(calls),
                calls,
                1,
                async (_, sample) =>
                {
                    await Http.GetAsync(_admin, "/project/list", sample);
                    responseBytes = sample.Bytes;
                },
                f => $"{Format.Bytes(f.AllocatedBytesPerRequest / size)}/project; body {Format.Bytes(responseBytes)}",
                firstByte: true));
        }
    }

    private async Task CheckProjectCountsAsync(int expected)
    {
        var page = JsonNode.Parse(await Http.ExpectOkAsync(await _admin.GetAsync("/v2/project/list?page=1&page_size=1")))!;
        var all = JsonNode.Parse(await Http.ExpectOkAsync(await _admin.GetAsync("/project/list")))!.AsArray();
        if (page["total"]!.GetValue<int>() != expected || all.Count != expected)
        {
            throw new InvalidOperationException($"Expected {expected} projects, the lists show {page["total"]} and {all.Count}.");
        }
    }

    /// <summary>3. POST /team/member_add on one team, one at a time and 20 at once.</summary>
    private async Task TeamMemberAddAsync()
    {
        const string team = "bench-members";
        await Http.ExpectOkAsync(await _admin.PostAsync("/team/new", Json(new { team_id = team })));

        Task Add(string userId, Sample sample) => Http.PostJsonAsync(
            _admin, "/team/member_add", Serialize(new { team_id = team, member = new { user_id = userId, role = "user" } }), sample);

        report(await Harness.MeasureAsync(
            "POST /team/member_add, sequential (creates the user)",
            Sizes.Warmup(sizes.MembersSequential),
            sizes.MembersSequential,
            1,
            (i, sample) => Add(i < 0 ? $"bench-seq-warm-{-i}" : $"bench-seq-{i}", sample)));
        var concurrent = await Harness.MeasureAsync(
            $"POST /team/member_add, {ConcurrentWorkers} concurrent, same team",
            Sizes.Warmup(sizes.MembersConcurrent),
            sizes.MembersConcurrent,
            ConcurrentWorkers,
            (i, sample) => Add(i < 0 ? $"bench-con-warm-{-i}" : $"bench-con-{i}", sample));
        var info = JsonNode.Parse(await Http.ExpectOkAsync(await _admin.GetAsync($"/team/info?team_id={team}")))!;
        var members = info["team_info"]!["members_with_roles"]!.AsArray().Count;
        var note = $"team has {members} members at the end";
        report(concurrent with { Note = concurrent.Note.Length == 0 ? note : concurrent.Note + "; " + note });
    }

    /// <summary>
    /// 6. How long a key blocked through one service keeps authenticating on a second service on the same file (its
    /// own process in production; here a second host in this one, with its own cache and revision poller): from the
    /// block's answer to the first 401 there. Not a request latency; req/s is blocks measured per second.
    /// </summary>
    private async Task RevocationPropagationAsync()
    {
        using var second = new BenchmarkHost(host);
        _ = second.Server;
        var latencies = new List<double>();
        var wall = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < sizes.Revocations; i++)
        {
            var created = JsonNode.Parse(await Http.ExpectOkAsync(await _admin.PostAsync(
                "/user/new", Json(new { user_id = $"bench-revoked-{i}", user_role = "internal_user" }))))!;
            var key = created["key"]!.GetValue<string>();
            using var probe = second.ClientWith(key);
            await Http.ExpectOkAsync(await probe.GetAsync("/key/info"));

            await Http.ExpectOkAsync(await _admin.PostAsync("/key/block", Json(new { key })));
            var blockedAt = System.Diagnostics.Stopwatch.GetTimestamp();
            while (await StatusOf(probe, "/key/info") != System.Net.HttpStatusCode.Unauthorized)
            {
                if (System.Diagnostics.Stopwatch.GetElapsedTime(blockedAt) > TimeSpan.FromSeconds(10))
                {
                    throw new InvalidOperationException("A blocked key still authenticated on the second service after 10 s.");
                }
            }

            latencies.Add(System.Diagnostics.Stopwatch.GetElapsedTime(blockedAt).TotalMilliseconds);
        }

        latencies.Sort();

        static async Task<System.Net.HttpStatusCode> StatusOf(HttpClient client, string path)
        {
            using var response = await client.GetAsync(path);
            return response.StatusCode;
        }

        double At(double fraction) => latencies[Math.Clamp((int)Math.Ceiling(fraction * latencies.Count) - 1, 0, latencies.Count - 1)];
        report(new Figures(
            "Key block reaching a second service on the same file (propagation)",
            latencies.Count,
            1,
            At(0.50),
            At(0.95),
            At(0.99),
            latencies.Count / wall.Elapsed.TotalSeconds,
            0,
            PeakMemory.Read(),
            0,
            $"max {Format.Ms(latencies[^1])} ms; polled every 100 ms; alloc not measured"));
    }

    /// <summary>4. POST /model/new (litellm_params encrypted) and GET /model/info (decrypted, masked).</summary>
    private async Task ModelsAsync()
    {
        static string Body(string id, int i) => Serialize(new
        {
            model_name = $"bench-gpt-{i % 50}",
            litellm_params = new
            {
                model = "openai/gpt-4o",
                api_key = $"sk-bench-provider-placeholder-{i:D6}",
                api_base = "https://llm.example.invalid/v1",
                api_version = "2024-10-21",
                rpm = 600,
                tpm = 100_000,
            },
            model_info = new { id },
        });

        var models = sizes.Models;
        report(await Harness.MeasureAsync(
            "POST /model/new (encrypts litellm_params)",
            Sizes.Warmup(models),
            models,
            1,
            (i, sample) => Http.PostJsonAsync(_admin, "/model/new", Body(i < 0 ? $"bench-model-warm-{-i}" : $"bench-model-{i:D6}", Math.Abs(i)), sample)));
        var total = models + Sizes.Warmup(models);
        var label = total.ToString("#,0", CultureInfo.InvariantCulture);
        report(await Harness.MeasureAsync(
            $"GET /model/info?litellm_model_id= (one of {label})",
            Sizes.Warmup(sizes.ModelInfoOne),
            sizes.ModelInfoOne,
            1,
            (i, sample) => Http.GetAsync(_admin, $"/model/info?litellm_model_id=bench-model-{(i < 0 ? 0 : i) * 7919 % models:D6}", sample)));
        long responseBytes = 0;
        report(await Harness.MeasureAsync(
            $"GET /model/info (all {label}, decrypts each)",
            Sizes.Warmup(sizes.ModelInfoAll),
            sizes.ModelInfoAll,
            1,
            async (_, sample) =>
            {
                await Http.GetAsync(_admin, "/model/info", sample);
                responseBytes = sample.Bytes;
            },
            f => $"{Format.Bytes(f.AllocatedBytesPerRequest / total)}/model; body {Format.Bytes(responseBytes)}",
            firstByte: true));
    }

    private async Task SeedAsync(int from, int to, Func<int, (string Path, HttpContent Body)> request)
    {
        await Parallel.ForEachAsync(
            Enumerable.Range(from, to - from),
            new ParallelOptions { MaxDegreeOfParallelism = SeedParallelism },
            async (i, cancellationToken) =>
            {
                var (path, body) = request(i);
                await Http.ExpectOkAsync(await _admin.PostAsync(path, body, cancellationToken));
            });
    }

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    private static string Serialize(object value) => JsonSerializer.Serialize(value, Options);

    private static StringContent Json(object value) => new(Serialize(value), System.Text.Encoding.UTF8, "application/json");
}
