using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// <c>GET /metrics</c>: who may scrape it (proxy admins and the scrape token; everyone else 401 or 403 in the envelope),
/// that a scrape finds the standard HTTP and database metrics and ProxyAdmin's own once the service has done what they
/// count, and that no label of any metric carries a key, a token, a path or a value a caller sent.
/// </summary>
[NonParallelizable]
public sealed partial class TelemetryTests
{
    private const string ScrapeToken = "scrape-token-of-the-functional-tests";

    private ProxyAdminApp _app = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _app = new ProxyAdminApp(new Dictionary<string, string?> { ["ProxyAdmin:Metrics:ScrapeToken"] = ScrapeToken });
        _ = _app.Server;
    }

    [OneTimeTearDown]
    public void Stop() => _app?.Dispose();

    [Test]
    public async Task OnlyProxyAdminsAndTheScrapeTokenMayScrape()
    {
        var (_, adminKey) = await NewUser("proxy_admin");
        var (_, viewerKey) = await NewUser("proxy_admin_viewer");
        var (memberId, memberKey) = await NewUser("internal_user");
        var teamId = Api.UniqueId("team");
        await (await _app.Admin().PostJson("/team/new", new { team_id = teamId })).Expect(200);
        await (await _app.Admin().PostJson("/team/member_add", new { team_id = teamId, member = new { user_id = memberId, role = "admin" } })).Expect(200);
        var serviceKey = (await Api.GenerateKey(_app.Admin(), new { team_id = teamId }))["key"]!.GetValue<string>();
        var restrictedAdminKey = (await Api.GenerateKey(_app.ClientWith(adminKey), new { allowed_routes = new[] { "/key/info" } }))["key"]!.GetValue<string>();

        await Assert.MultipleAsync(async () =>
        {
            await AssertScraped(_app.Admin(), "the master key");
            await AssertScraped(_app.ClientWith(adminKey), "a proxy_admin's key");
            await AssertScraped(_app.ClientWith(ScrapeToken), "the scrape token");
            await AssertScraped(WithHeader("x-litellm-api-key", "Bearer " + ScrapeToken), "the scrape token in LiteLLM's key header");

            await AssertRefused(_app.ClientWith(null), 401, "no key");
            await AssertRefused(_app.ClientWith("sk-not-a-key-of-anyone-0000"), 401, "an unknown key");
            await AssertRefused(_app.ClientWith(ScrapeToken[..^1] + "X"), 401, "a token one character off");
            await AssertRefused(_app.ClientWith(viewerKey), 403, "a proxy_admin_viewer");
            await AssertRefused(_app.ClientWith(memberKey), 403, "a team admin");
            await AssertRefused(_app.ClientWith(serviceKey), 403, "a team's service key");
            await AssertRefused(_app.ClientWith(restrictedAdminKey), 403, "a proxy_admin's key whose allowed_routes leave /metrics out");
        });

        // The token opens /metrics and nothing else: elsewhere it is an unknown key.
        await (await _app.ClientWith(ScrapeToken).GetAsync("/team/list")).Expect(401);
    }

    [Test]
    public async Task AScrapeFindsTheMetricsAndNoLabelCarriesAKeyAPathOrWhatACallerSent()
    {
        var (_, memberKey) = await NewUser("internal_user");
        var member = _app.ClientWith(memberKey);
        var missingTeam = Api.UniqueId("probe-team");
        var modelName = Api.UniqueId("probe-model");
        var secret = "sk-provider-secret-" + Guid.NewGuid().ToString("N");

        // Authentication twice with one key (a miss, then a hit); a key in a query and in a path; a 404 and a 400.
        await (await member.GetAsync("/key/info")).Expect(200);
        await (await member.GetAsync("/key/info")).Expect(200);
        await (await _app.Admin().GetAsync($"/key/info?key={Uri.EscapeDataString(memberKey)}")).Expect(200);
        await (await _app.Admin().PostJson($"/key/{Uri.EscapeDataString("sk-no-such-key-" + missingTeam)}/regenerate", new { })).Expect(404);
        await (await _app.Admin().GetAsync($"/team/info?team_id={missingTeam}")).Expect(404);
        await (await _app.Admin().PostJson("/team/new", new { team_id = "", team_alias = missingTeam })).Expect(400);

        // A write with audit rows, a secret sealed and unsealed.
        var model = await (await _app.Admin().PostJson("/model/new", new JsonObject
        {
            ["model_name"] = modelName,
            ["litellm_params"] = new JsonObject { ["model"] = "openai/gpt-4o", ["api_key"] = secret },
        })).Expect(200);
        await (await _app.Admin().GetAsync($"/model/info?litellm_model_id={model["model_id"]!.GetValue<string>()}")).Expect(200);

        // A revision committed elsewhere (another writer of the database), which a request waits for.
        await _app.Database.Execute("""UPDATE "Revision" SET "Value" = "Value" + 1 WHERE "Id" = 1""");
        var committedElsewhere = Convert.ToInt64(await _app.Database.Scalar("""SELECT "Value" FROM "Revision" WHERE "Id" = 1"""), CultureInfo.InvariantCulture);
        using (var waiting = new HttpRequestMessage(HttpMethod.Get, "/health/revision"))
        {
            waiting.Headers.Add("x-proxyadmin-min-revision", committedElsewhere.ToString(CultureInfo.InvariantCulture));
            await (await _app.Admin().SendAsync(waiting)).Expect(200);
        }

        var text = await Scrape(_app.ClientWith(ScrapeToken));
        var samples = Samples(text);
        var names = samples.Select(sample => sample.Name).ToHashSet(StringComparer.Ordinal);

        Assert.Multiple(() =>
        {
            Assert.That(names, Is.SupersetOf(new[]
            {
                "http_server_request_duration_seconds_count",
                "microsoft_entityframeworkcore_queries_total",
                "proxyadmin_key_cache_hits_total",
                "proxyadmin_key_cache_misses_total",
                "proxyadmin_audit_rows_total",
                "proxyadmin_encryption_operations_total",
                "proxyadmin_revision_advances_total",
                "proxyadmin_revision_applied",
                "proxyadmin_revision_poll_lag_seconds_count",
                "proxyadmin_revision_wait_seconds_count",
            }));
            Assert.That(Has(samples, "http_server_request_duration_seconds_count", ("http_route", "team/info"), ("http_response_status_code", "404")), "a 404 keeps its route template");
            Assert.That(Has(samples, "http_server_request_duration_seconds_count", ("http_route", "team/new"), ("http_response_status_code", "400")), "a 400 keeps its route template");
            Assert.That(Has(samples, "proxyadmin_key_cache_hits_total", ("lookup", "authentication")));
            Assert.That(Has(samples, "proxyadmin_key_cache_misses_total", ("lookup", "authentication"), ("reason", "absent")));
            Assert.That(Has(samples, "proxyadmin_audit_rows_total", ("table", "LiteLLM_ProxyModelTable")));
            Assert.That(Has(samples, "proxyadmin_audit_rows_total", ("table", "LiteLLM_UserTable")));
            Assert.That(Has(samples, "proxyadmin_encryption_operations_total", ("operation", "seal"), ("key_id", "original"), ("outcome", "ok")));
            Assert.That(Has(samples, "proxyadmin_encryption_operations_total", ("operation", "unseal"), ("key_id", "original"), ("outcome", "ok")));
            // On PostgreSQL this replica's own NOTIFY can arrive before its commit returns; either source then moved the revision.
            Assert.That(
                Has(samples, "proxyadmin_revision_advances_total", ("source", "commit"))
                    || Has(samples, "proxyadmin_revision_advances_total", ("source", "notify")),
                "this replica's own writes moved the revision");
            Assert.That(Has(samples, "proxyadmin_revision_advances_total", ("source", "poll")), "the revision committed elsewhere arrived through the poll");
            Assert.That(Has(samples, "proxyadmin_revision_wait_seconds_count", ("outcome", "applied")));
        });

        // Labels: templates and names from fixed sets only.
        var routes = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(endpoint => endpoint.RoutePattern.RawText!.TrimStart('/'))
            .ToHashSet(StringComparer.Ordinal);
        var values = samples.SelectMany(sample => sample.Labels).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(values, Is.Not.Empty);
            Api.AssertHoldsNone(text, "the scrape", ProxyAdminApp.MasterKey, memberKey, ScrapeToken, secret, Api.Sha256Hex(memberKey));
            Assert.That(text, Does.Not.Contain(missingTeam), "a value a caller sent (in a query, a path, a body)");
            Assert.That(text, Does.Not.Contain(modelName), "a model name a caller chose");
            Assert.That(values.Where(label => label.Value.Contains("sk-", StringComparison.Ordinal)).Select(label => label.Key), Is.Empty, "labels holding something like a key");
            Assert.That(values.Where(label => label.Value.Contains('?', StringComparison.Ordinal)).Select(label => label.Key), Is.Empty, "labels holding a query");
            Assert.That(
                values.Where(label => label.Key == "http_route").Select(label => label.Value).Distinct().Where(route => !routes.Contains(route)),
                Is.Empty,
                "http_route values that are not route templates");
        });
    }

    [Test]
    public async Task AScrapeCountsOnlyWhatItsOwnServiceDid()
    {
        // Two services in one process (as replicas are in these tests, or a host embedding two): what one does is not
        // the other's to count, and the other stopping takes nothing from the first one's metrics.
        var other = new ProxyAdminApp(new Dictionary<string, string?> { ["ProxyAdmin:Metrics:ScrapeToken"] = ScrapeToken });
        try
        {
            _ = other.Server;
            await (await _app.Admin().GetAsync($"/team/info?team_id={Api.UniqueId("probe-team")}")).Expect(404);
            await (await _app.Admin().PostJson("/team/new", new { team_alias = Api.UniqueId("probe-team") })).Expect(200);

            var samples = Samples(await Scrape(other.ClientWith(ScrapeToken)));
            Assert.Multiple(() =>
            {
                Assert.That(Has(samples, "http_server_request_duration_seconds_count", ("http_route", "team/info")), Is.False, "a request the first service answered");
                Assert.That(Has(samples, "proxyadmin_audit_rows_total"), Is.False, "audit rows the first service wrote");
                Assert.That(samples.Any(sample => sample.Name.StartsWith("dotnet_", StringComparison.Ordinal)), "the process's own metrics are shared, as the process is");
            });
        }
        finally
        {
            other.Dispose();
        }

        await (await _app.Admin().GetAsync($"/team/info?team_id={Api.UniqueId("probe-team")}")).Expect(404);
        var own = Samples(await Scrape(_app.ClientWith(ScrapeToken)));
        Assert.Multiple(() =>
        {
            Assert.That(Has(own, "http_server_request_duration_seconds_count", ("http_route", "team/info"), ("http_response_status_code", "404")), "the first service's requests, once the other stopped");
            Assert.That(Has(own, "proxyadmin_audit_rows_total", ("table", "LiteLLM_TeamTable")), "the first service's audit rows, once the other stopped");
        });
    }

    [TestCase("short-token")]
    [TestCase("   fifteen-chars   ")]
    public void AScrapeTokenTooShortToBeASecretStopsTheStart(string token)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("ProxyAdmin:Metrics:ScrapeToken", token)])
            .Build();

        var refusal = Assert.Throws<InvalidOperationException>(() => ProxyAdmin.Api.Telemetry.TelemetrySettings.Read(configuration));
        Assert.That(refusal!.Message, Does.Contain("ProxyAdmin__Metrics__ScrapeToken").And.Not.Contain(token.Trim()));
    }

    /// <summary>The name, labels and value of every sample in a Prometheus text scrape.</summary>
    private static List<(string Name, List<KeyValuePair<string, string>> Labels)> Samples(string text) =>
        text.Split('\n')
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line =>
            {
                var brace = line.IndexOf('{', StringComparison.Ordinal);
                var space = line.IndexOf(' ', StringComparison.Ordinal);
                var name = brace >= 0 && brace < space ? line[..brace] : line[..space];
                var labels = brace >= 0 && brace < space
                    ? Label().Matches(line[brace..line.LastIndexOf('}')]).Select(match => KeyValuePair.Create(match.Groups[1].Value, match.Groups[2].Value)).ToList()
                    : [];
                return (name, labels);
            })
            .ToList();

    private static bool Has(List<(string Name, List<KeyValuePair<string, string>> Labels)> samples, string name, params (string Key, string Value)[] labels) =>
        samples.Any(sample => sample.Name == name && labels.All(label => sample.Labels.Contains(KeyValuePair.Create(label.Key, label.Value))));

    private static async Task<string> Scrape(HttpClient client)
    {
        var response = await client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/plain"));
        return text;
    }

    private static async Task AssertScraped(HttpClient client, string who)
    {
        var response = await client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), who);
        Assert.That(text, Does.Contain("# TYPE http_server_request_duration_seconds histogram"), who);
    }

    private static async Task AssertRefused(HttpClient client, int status, string who)
    {
        var response = await client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(status), $"{who}: {text}");
        Assert.That(JsonNode.Parse(text)?["error"]?["code"]?.GetValue<string>(), Is.EqualTo(status.ToString(CultureInfo.InvariantCulture)), $"{who}: the error envelope");
        Assert.That(text, Does.Not.Contain("http_server"), who);
    }

    private HttpClient WithHeader(string name, string value)
    {
        var client = _app.ClientWith(null);
        client.DefaultRequestHeaders.TryAddWithoutValidation(name, value);
        return client;
    }

    private async Task<(string UserId, string Key)> NewUser(string role)
    {
        var userId = Api.UniqueId("user");
        var body = await (await _app.Admin().PostJson("/user/new", new { user_id = userId, user_role = role })).Expect(200);
        return (userId, body["key"]!.GetValue<string>());
    }

    [GeneratedRegex(@"([A-Za-z_][A-Za-z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();
}
