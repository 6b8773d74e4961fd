using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using static ProxyAdmin.Api.FunctionalTests.CrossTenantProbes;
using static ProxyAdmin.Api.FunctionalTests.CrossTenantWorld;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// Team B's callers (its admin, a member, its service key) and a user in no team send every probe of
/// <see cref="CrossTenantProbes"/> naming team A's things. Each must get the answer the table says, reach the route
/// the probe claims to cover, see nothing of A beyond what it sent (no secret at all), change nothing of anyone, and
/// be answered exactly as the same probe naming ids that do not exist (A's never-created twin), so that no answer
/// tells whether A's things exist. The coverage test fails when the service serves a route that neither has a probe
/// nor is exempt.
/// </summary>
/// <remarks>
/// On a service of its own, so the snapshot compared after every probe (every object of both tenants and the row
/// counts of every table, the audit log's included) can only change by what the probe did.
/// </remarks>
[NonParallelizable]
public sealed partial class CrossTenantTests
{
    private const string ProbeHeader = "x-cross-tenant-probe";

    private Blueprint _blueprint = null!;
    private RouteRecordingApp _app = null!;
    private CrossTenantWorld _world = null!;
    private IReadOnlyDictionary<string, string> _state = null!;

    public static IEnumerable<TestCaseData> Cases() =>
        from probe in All
        from caller in Enum.GetValues<CallerKind>()
        select new TestCaseData(probe, caller).SetArgDisplayNames(probe.ToString(), caller.ToString());

    [OneTimeSetUp]
    public async Task Build()
    {
        _blueprint = Draw();
        _app = new RouteRecordingApp(new Dictionary<string, string?> { ["ProxyAdmin:ConfigFile"] = _blueprint.ConfigFile });
        _ = _app.Server;
        _world = await BuildAsync(_app, _blueprint);
        _state = await _world.SnapshotAsync();
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _app.Dispose();
        File.Delete(_blueprint.ConfigFile);
    }

    [TestCaseSource(nameof(Cases))]
    public async Task TeamBsCallersGetNothingOfTeamA(Probe probe, CallerKind caller)
    {
        var context = new ProbeContext(_world.A, _world.B, _world.CallerOf(caller));
        var expected = probe.Answers.For(caller);
        var where = $"{probe} as {caller}";
        var answer = await SendAsync(probe, context);
        Api.AssertHoldsNone(answer.Text, where, [.. _world.A.Secrets]);
        var changed = await ChangedSinceLastProbeAsync();

        // The same probe naming A's never-created twin must be answered alike, or the answer tells that A's things
        // exist. Not where the caller may create under the id it names: for a free id that would create.
        var ghost = expected == Taken ? null : await SendAsync(probe, context with { A = _world.Ghost });
        var changedByGhost = ghost is null ? [] : await ChangedSinceLastProbeAsync();
        var ghostAsA = ghost is null ? null : _world.Ghost.Details.Zip(_world.A.Details)
            .OrderByDescending(pair => pair.First.Value.Length)
            .Aggregate(ghost.Text, (text, pair) => text.Replace(pair.First.Value, pair.Second.Value, StringComparison.Ordinal));

        // A list must hold nothing of A at all; a refusal may name what the caller sent, and only that.
        var details = _world.A.Details
            .Where(detail => answer.Text.Contains(detail.Value, StringComparison.Ordinal))
            .Where(detail => expected == OwnDataOnly || !answer.Sent.Contains(detail.Value, StringComparison.Ordinal))
            .Select(detail => detail.What)
            .ToList();
        var shown = Redacted(answer.Text);
        Assert.Multiple(() =>
        {
            Assert.That(answer.Route, Is.EqualTo(probe.Endpoint), $"{where}: the probe must reach the route it covers");
            Assert.That(answer.Status, Is.EqualTo(expected), $"{where}: {shown}");
            AssertAnswerShape(answer.Text, expected, $"{where}: {shown}");
            Assert.That(details, Is.Empty, $"{where} shows team A's {string.Join(", ", details)}: {shown}");
            Assert.That(changed, Is.Empty, $"{where} changed what is stored: {string.Join(", ", changed)}");
            if (ghost is not null)
            {
                Assert.That(
                    (ghost.Status, Redacted(ghostAsA!)),
                    Is.EqualTo((answer.Status, shown)),
                    $"{where} is answered otherwise for ids that exist than for ids that do not, so it tells that A's exist; for A: {shown}; for the never-created twin: {Redacted(ghost.Text)}");
                Assert.That(changedByGhost, Is.Empty, $"{where}, naming ids that do not exist, changed what is stored: {string.Join(", ", changedByGhost)}");
            }
        });
    }

    [Test]
    public void EveryRouteHasAProbeOrAReasonToHaveNone()
    {
        var served = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["(any method)"])
                .Select(method => $"{method} {Template(endpoint)}"))
            .ToHashSet(StringComparer.Ordinal);
        var probed = All.Select(probe => probe.Endpoint).ToHashSet(StringComparer.Ordinal);

        var unprobed = served.Except(probed).Except(Exempt.Keys).Order(StringComparer.Ordinal).ToList();
        Assert.That(
            unprobed,
            Is.Empty,
            "These routes have no cross-tenant probe. Add to CrossTenantProbes.All a request that team B's callers send naming team A's "
            + "things, with the answer each must get (or, if no tenant data passes through the route, add it to CrossTenantProbes.Exempt with the reason): "
            + string.Join(", ", unprobed));
        Assert.That(probed.Except(served).Order(StringComparer.Ordinal), Is.Empty, "probes of routes the service does not serve");
        Assert.That(Exempt.Keys.Except(served).Order(StringComparer.Ordinal), Is.Empty, "exemptions of routes the service does not serve");
        Assert.That(Exempt.Keys.Intersect(probed).Order(StringComparer.Ordinal), Is.Empty, "routes both probed and exempt");
        Assert.That(Exempt.Where(exemption => string.IsNullOrWhiteSpace(exemption.Value)).Select(exemption => exemption.Key), Is.Empty, "an exemption says why");
    }

    [Test]
    public async Task TheProbesNameRealThingsThatTheirOwnTeamReaches()
    {
        var a = _world.A;
        var ownAdmin = _app.ClientWith(a.Admin.Key);
        var ownService = _app.ClientWith(a.Service.Key);

        // What B's callers are refused, A's own callers get: the refusals are about who asks, not about a wrong id.
        await (await ownAdmin.GetAsync($"/team/info?team_id={a.TeamId}")).Expect(200);
        await (await ownAdmin.GetAsync($"/team/permissions_list?team_id={a.TeamId}")).Expect(200);
        await (await ownAdmin.GetAsync($"/project/info?project_id={a.ProjectId}")).Expect(200);
        await (await ownAdmin.GetAsync($"/model/info?litellm_model_id={a.ModelId}")).Expect(200);
        await (await ownAdmin.GetAsync($"/v1/models/{a.ModelPublicName}")).Expect(200);
        await (await ownAdmin.GetAsync($"/model/info?litellm_model_id={a.ConfigModelId}")).Expect(200);
        await (await ownAdmin.GetAsync($"/v1/models/{a.ConfigModelName}")).Expect(200);
        await (await ownService.GetAsync($"/team/info?team_id={a.TeamId}")).Expect(200);
        await (await ownService.GetAsync("/key/info")).Expect(200);

        // And B's callers are live: each reaches its own side.
        foreach (var kind in new[] { CallerKind.TeamAdmin, CallerKind.Member, CallerKind.ServiceKey })
        {
            await (await _app.ClientWith(_world.CallerOf(kind).Key).GetAsync($"/team/info?team_id={_world.B.TeamId}")).Expect(200);
        }

        await (await _app.ClientWith(_world.Outsider.Key).GetAsync("/key/info")).Expect(200);
        Assert.That(await _world.SnapshotAsync(), Is.EqualTo(_state), "reads change nothing");
    }

    /// <summary>Sends the probe as its caller; the answer with the route it reached and what was sent (path, query and body).</summary>
    private async Task<Answer> SendAsync(Probe probe, ProbeContext context)
    {
        var probeId = Guid.NewGuid().ToString("N");
        using var request = probe.ToRequest(context);
        request.Headers.Add(ProbeHeader, probeId);
        var sent = request.RequestUri + " " + (request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync());
        using var response = await _app.ClientWith(context.Caller.Key).SendAsync(request);
        return new Answer((int)response.StatusCode, await response.Content.ReadAsStringAsync(), _app.RouteOf(probeId), sent);
    }

    /// <summary>
    /// The parts of the snapshot that differ from the last one taken, which becomes this one: taken before any
    /// assertion, so each probe is compared with what the one before it left, whatever failed there.
    /// </summary>
    private async Task<List<string>> ChangedSinceLastProbeAsync()
    {
        var before = _state;
        _state = await _world.SnapshotAsync();
        return _state.Where(part => before[part.Key] != part.Value).Select(part => part.Key).ToList();
    }

    /// <summary>How the coverage test and the route recorder name a route: its template with one leading slash.</summary>
    private static string Template(RouteEndpoint endpoint) => "/" + (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/');

    /// <summary>The text with every key secret masked, for failure messages: a probe that wrongly succeeds may answer with one.</summary>
    private static string Redacted(string text) => KeySecret().Replace(text, "sk-(redacted)");

    [GeneratedRegex("sk-[A-Za-z0-9_-]{8,}")]
    private static partial Regex KeySecret();

    private static void AssertAnswerShape(string text, int status, string where)
    {
        var body = JsonNode.Parse(text);
        Assert.That(body, Is.Not.Null, $"{where}: a JSON body");
        if (status < 400)
        {
            return;
        }

        var error = body?["error"] as JsonObject;
        Assert.That(error, Is.Not.Null, $"{where}: the error envelope");
        Assert.That(error?["code"]?.GetValue<string>(), Is.EqualTo(status.ToString(System.Globalization.CultureInfo.InvariantCulture)), where);
        Assert.That(error?["message"]?.GetValue<string>(), Is.Not.Empty.And.Not.StartWith("Route not found"), where);
    }

    private sealed record Answer(int Status, string Text, string Route, string Sent);

    /// <summary>The service, recording which route each probe's request reached (by the probe header), before the action runs.</summary>
    private sealed class RouteRecordingApp(IReadOnlyDictionary<string, string?> settings) : ProxyAdminApp(settings)
    {
        private readonly ConcurrentDictionary<string, string> _routes = new(StringComparer.Ordinal);

        public string RouteOf(string probeId) => _routes.GetValueOrDefault(probeId, "(no action ran)");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
                services.Configure<MvcOptions>(options => options.Filters.Add(new RouteRecorder(_routes))));
        }
    }

    /// <summary>Runs before model binding, so a probe is recorded even when its body is refused.</summary>
    private sealed class RouteRecorder(ConcurrentDictionary<string, string> routes) : IResourceFilter
    {
        public void OnResourceExecuting(ResourceExecutingContext context)
        {
            var http = context.HttpContext;
            if (http.Request.Headers[ProbeHeader] is [{ } probeId] && http.GetEndpoint() is RouteEndpoint endpoint)
            {
                routes[probeId] = $"{http.Request.Method} {Template(endpoint)}";
            }
        }

        public void OnResourceExecuted(ResourceExecutedContext context)
        {
        }
    }
}
