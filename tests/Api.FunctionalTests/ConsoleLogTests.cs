using System.Diagnostics;
using System.Text.Json.Nodes;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// The console as an operator's log shipper reads it, from a real service process: with
/// <c>Logging__Console__FormatterName=json</c> every line is one JSON object, the start-up lines written before the
/// host has loggers included; every line a request leaves carries the request's trace id (W3C <c>traceparent</c>, when
/// the caller sent one), and none carries the path it was sent to.
/// </summary>
public sealed class ConsoleLogTests
{
    private const string TraceId = "4bf92f3577b34da6a3ce929d0e0e4736";

    [Test]
    public async Task EveryLineIsJsonAndTheLinesOfARequestCarryItsTraceId()
    {
        var missingTeam = Api.UniqueId("team");
        var unknownKey = "sk-unknown-" + Guid.NewGuid().ToString("N");
        using var database = ReplicaDatabase.Sqlite(replicas: 1);
        var replica = Replica.Launch("json-logs", ReplicaSet.ApiDll(), database, new Dictionary<string, string>
        {
            ["Logging__Console__FormatterName"] = "json",
            ["Logging__LogLevel__Default"] = "Information",

            // No salt key on SQLite: the start-up logger warns that it made one, before the host exists.
            ["ProxyAdmin__SaltKey"] = "",
        });
        try
        {
            await replica.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
            using var http = new HttpClient { BaseAddress = replica.BaseAddress };
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ReplicaSet.MasterKey);
            using (var failing = new HttpRequestMessage(HttpMethod.Get, $"/team/info?team_id={missingTeam}"))
            {
                failing.Headers.Add("traceparent", $"00-{TraceId}-00f067aa0ba902b7-01");
                Assert.That((int)(await http.SendAsync(failing)).StatusCode, Is.EqualTo(404));
            }

            Assert.That((int)(await http.GetAsync($"/key/info?key={unknownKey}")).StatusCode, Is.EqualTo(404));
            Assert.That((int)(await http.GetAsync($"/key/{unknownKey}/regenerate")).StatusCode, Is.EqualTo(405));

            // The console logger writes from a queue of its own: wait for the last request's line.
            var written = Stopwatch.StartNew();
            while (!replica.Output.Contains("\"StatusCode\":405", StringComparison.Ordinal) && written.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.Delay(100);
            }
        }
        finally
        {
            await replica.DisposeAsync();
        }

        var output = replica.Output;
        Api.AssertHoldsNone(output, "the console", ReplicaSet.MasterKey, unknownKey);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var parsed = lines.Select((line, index) => (Index: index, Json: TryParse(line))).ToList();
        var notJson = parsed.Where(line => line.Json is null).Select(line => $"line {line.Index + 1}: {Shorten(lines[line.Index])}").ToList();
        Assert.That(notJson, Is.Empty, "lines that are not one JSON object");

        var json = parsed.Select(line => line.Json!).ToList();
        var requestLines = json.Where(line => Category(line) == ProxyAdmin.Api.Http.RequestLogging.Category).ToList();
        var traced = json.Where(line => TraceIdOf(line) == TraceId).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(json.Select(Category), Has.Some.EqualTo("ProxyAdmin.Startup"), "the start-up logger's warning, written before the host has loggers");
            Assert.That(json.Select(Category), Has.Some.EqualTo("Microsoft.Hosting.Lifetime"));
            Assert.That(requestLines, Has.Count.GreaterThanOrEqualTo(3));
            Assert.That(requestLines.Where(line => TraceIdOf(line) is not { Length: 32 }).Select(line => line.ToJsonString()), Is.Empty, "request lines without a trace id");
            Assert.That(traced, Has.Count.GreaterThanOrEqualTo(2), "the request's own lines (its message's, its request line) carry the trace id the caller sent");
            Assert.That(
                traced.Where(line => Category(line) == ProxyAdmin.Api.Http.RequestLogging.Category).Select(line => (line["State"]?["Route"]?.GetValue<string>(), line["State"]?["StatusCode"]?.GetValue<int>())),
                Is.EqualTo(new[] { ((string?)"/team/info", (int?)404) }),
                "the failed request's line keeps its route template");
            Assert.That(output, Does.Not.Contain("RequestPath"), "ASP.NET's request scope names the path: it is never written");
            Assert.That(output, Does.Not.Contain(missingTeam), "a query a caller sent");
        });
    }

    private static JsonObject? TryParse(string line)
    {
        try
        {
            return JsonNode.Parse(line) as JsonObject is { } obj && obj["LogLevel"] is not null && obj["Category"] is not null ? obj : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string? Category(JsonObject line) => line["Category"]?.GetValue<string>();

    private static string? TraceIdOf(JsonObject line) =>
        line["Scopes"]?.AsArray().Select(scope => scope?["TraceId"]?.GetValue<string>()).FirstOrDefault(id => id is not null);

    private static string Shorten(string line) => line.Length <= 200 ? line : line[..200] + "…";
}
