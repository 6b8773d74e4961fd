using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// Traces are recorded only when they can be exported (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>), and then no span keeps a
/// path, query or URL that could hold a key: a server span keeps its route template as its <c>url.path</c>.
/// </summary>
[NonParallelizable]
public sealed class TraceTests
{
    [Test]
    public void WithoutAnOtlpEndpointNoTraceIsRecorded() =>
        Assert.That(Service.App.Services.GetService<TracerProvider>(), Is.Null);

    [Test]
    public void AClientSpanKeepsOnlyTheSchemeHostAndPortOfItsUrl()
    {
        // A webhook URL may carry its token in the path (Slack's do).
        using var span = new Activity("POST")
            .SetTag("url.full", "https://hooks.example.com:8443/services/T000/B000/secret-token?sig=abc")
            .SetTag("url.query", "sig=abc")
            .SetTag("http.url", "https://hooks.example.com:8443/services/T000/B000/secret-token");

        new ProxyAdmin.Api.Telemetry.TraceRedaction().OnEnd(span);

        Assert.That(span.TagObjects.Select(tag => $"{tag.Key}={tag.Value}"), Is.EqualTo(new[] { "url.full=https://hooks.example.com:8443" }));
    }

    [Test]
    public async Task WithAnOtlpEndpointSpansAreRecordedWithoutKeysPathsOrQueries()
    {
        // Nothing listens there: the exporter's failures are its own; the spans are read as they end, after the redaction.
        using var app = new ProxyAdminApp(new Dictionary<string, string?> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:5134" });
        _ = app.Server;
        Assert.That(app.Services.GetService<TracerProvider>(), Is.Not.Null);

        var ended = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.None,
            ActivityStopped = ended.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        var marker = Guid.NewGuid().ToString("N");
        var key = "sk-traced-" + marker;
        await (await app.Admin().GetAsync($"/key/info?key={key}")).Expect(404);
        await (await app.Admin().PostJson($"/key/{key}/regenerate", new { })).Expect(404);
        await (await app.Admin().GetAsync($"/team/info?team_id=team-{marker}")).Expect(404);

        var spans = ended.ToList();
        var server = spans.Where(span => span.Kind == ActivityKind.Server && span.GetTagItem("http.route") is not null).ToList();
        var leaks = spans
            .SelectMany(span => span.TagObjects.Select(tag => (span.DisplayName, tag.Key, Value: tag.Value?.ToString() ?? "")))
            .Where(tag => tag.Value.Contains(marker, StringComparison.Ordinal))
            .Select(tag => $"{tag.DisplayName}: {tag.Key}")
            .ToList();
        Assert.Multiple(() =>
        {
            Assert.That(server.Select(span => span.DisplayName), Is.SupersetOf(new[] { "GET key/info", "POST key/{key}/regenerate", "GET team/info" }), "a failed request's span keeps its route");
            Assert.That(server.Select(span => span.GetTagItem("url.path")), Has.All.EqualTo(null).Or.Matches<object?>(path => server.Any(s => Equals(s.GetTagItem("http.route"), path))), "url.path is the route template");
            Assert.That(server.Where(span => span.GetTagItem("url.query") is not null).Select(span => span.DisplayName), Is.Empty, "no query");
            Assert.That(spans.Where(span => span.DisplayName.Contains(marker, StringComparison.Ordinal)).Select(span => span.DisplayName), Is.Empty, "no span named after a path");
            Assert.That(leaks, Is.Empty, "tags holding a key, a path or a query a caller sent");
        });
    }
}
