using System.Net;
using ProxyAdmin.Api.Http;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// Browsers at another origin: the default service (any origin) and one configured with a list of origins, in both
/// configuration forms at once. A preflight carries no key and must be answered before authentication.
/// </summary>
public sealed class CorsTests
{
    private const string Allowed = "https://app.example.com";
    private const string AlsoAllowed = "http://localhost:3000";
    private const string Stranger = "https://evil.example.net";

    private const string HealthControllerAllowed = "GET, OPTIONS";

    private ProxyAdminApp _listed = null!;

    [OneTimeSetUp]
    public void StartAServiceWithListedOrigins()
    {
        _listed = new ProxyAdminApp(new Dictionary<string, string?>
        {
            ["ProxyAdmin:Cors:Origins:0"] = Allowed,
            ["ProxyAdmin:Cors:Origins:1"] = AlsoAllowed + "; http://127.0.0.1:5173",
        });
        _ = _listed.Server;
    }

    [OneTimeTearDown]
    public void Stop() => _listed.Dispose();

    [Test]
    public async Task ByDefaultEveryOriginMayReadAnswersButNeverWithCredentials()
    {
        var response = await Send(Service.App, HttpMethod.Get, "/user/list", Stranger, ProxyAdminApp.MasterKey);

        await response.Expect(200);
        Assert.That(Header(response, "Access-Control-Allow-Origin"), Is.EqualTo("*"));
        Assert.That(Header(response, "Access-Control-Allow-Credentials"), Is.Null);
        Assert.That(Header(response, "Access-Control-Expose-Headers"), Is.EqualTo("Retry-After,Allow,x-proxyadmin-revision,ETag,Idempotent-Replayed,x-proxyadmin-dry-run"));
    }

    [TestCase(Allowed)]
    [TestCase(AlsoAllowed)]
    [TestCase("http://127.0.0.1:5173")]
    public async Task AListedOriginIsAllowedByName(string origin)
    {
        var response = await Send(_listed, HttpMethod.Get, "/user/list", origin, ProxyAdminApp.MasterKey);

        await response.Expect(200);
        Assert.That(Header(response, "Access-Control-Allow-Origin"), Is.EqualTo(origin));
        Assert.That(response.Headers.Vary, Does.Contain("Origin"));
        Assert.That(Header(response, "Access-Control-Allow-Credentials"), Is.Null);
    }

    [Test]
    public async Task AnOriginNotListedGetsTheAnswerButNoLeaveToReadIt()
    {
        var response = await Send(_listed, HttpMethod.Get, "/user/list", Stranger, ProxyAdminApp.MasterKey);

        await response.Expect(200);
        Assert.That(Header(response, "Access-Control-Allow-Origin"), Is.Null);
    }

    [Test]
    public async Task APreflightWithoutAKeyIsAnsweredNotRefused()
    {
        using var preflight = Preflight("/key/generate", Allowed, "POST", "authorization, content-type, x-api-key");

        var response = await _listed.ClientWith(null).SendAsync(preflight);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await response.Content.ReadAsStringAsync());
        Assert.That(Header(response, "Access-Control-Allow-Origin"), Is.EqualTo(Allowed));
        Assert.That(Header(response, "Access-Control-Allow-Methods"), Is.EqualTo("POST"));
        Assert.That(Header(response, "Access-Control-Allow-Headers"), Is.EqualTo("authorization,content-type,x-api-key"));
        Assert.That(Header(response, "Access-Control-Max-Age"), Is.EqualTo("600"));
        Assert.That(Header(response, "Access-Control-Allow-Credentials"), Is.Null);
        Assert.That(await response.Content.ReadAsStringAsync(), Is.Empty);
    }

    [Test]
    public async Task APreflightFromAnOriginNotListedGetsNoLeave()
    {
        using var preflight = Preflight("/user/list", Stranger, "GET", "authorization");

        var response = await _listed.ClientWith(null).SendAsync(preflight);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(Header(response, "Access-Control-Allow-Origin"), Is.Null);
        Assert.That(Header(response, "Access-Control-Allow-Methods"), Is.Null);
    }

    [Test]
    public async Task ByDefaultAPreflightFromAnyOriginIsAllowed()
    {
        using var preflight = Preflight("/team/update", Stranger, "POST", "x-litellm-api-key,content-type");

        var response = await Service.App.ClientWith(null).SendAsync(preflight);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(Header(response, "Access-Control-Allow-Origin"), Is.EqualTo("*"));
        Assert.That(Header(response, "Access-Control-Allow-Headers"), Is.EqualTo("x-litellm-api-key,content-type"));
    }

    [Test]
    public async Task ErrorAnswersCarryTheCorsHeadersSoThePageCanReadTheEnvelope()
    {
        var noKey = await Send(_listed, HttpMethod.Get, "/user/list", Allowed, apiKey: null);
        var invalid = await Send(_listed, HttpMethod.Post, "/user/new", Allowed, ProxyAdminApp.MasterKey, new { user_email = "not-an-email" });
        var missingRoute = await Send(_listed, HttpMethod.Get, "/no/such/route", Allowed, ProxyAdminApp.MasterKey);

        await noKey.Expect(401);
        await invalid.Expect(400);
        await missingRoute.Expect(404);
        Assert.That(new[] { noKey, invalid, missingRoute }.Select(r => Header(r, "Access-Control-Allow-Origin")), Is.All.EqualTo(Allowed));
    }

    [TestCase("/health/liveliness")]
    [TestCase("/health/liveness")]
    [TestCase("/health/readiness")]
    public async Task OptionsOnAHealthRouteListsItsMethodsAsLiteLlmDoes(string path)
    {
        var response = await Service.App.ClientWith(null).SendAsync(new HttpRequestMessage(HttpMethod.Options, path));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.Allow, Is.EquivalentTo(new[] { "GET", "OPTIONS" }));
        Assert.That(Header(response, "Allow"), Is.EqualTo(HealthControllerAllowed));
        Assert.That(Header(response, "Access-Control-Allow-Methods"), Is.EqualTo(HealthControllerAllowed));
        Assert.That(Header(response, "Access-Control-Allow-Headers"), Is.EqualTo("*"));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.Empty);
    }

    [Test]
    public async Task OptionsOnAHealthRouteFromAnAllowedOriginIsReadable()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/health/readiness");
        request.Headers.Add("Origin", Allowed);

        var response = await _listed.ClientWith(null).SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Header(response, "Access-Control-Allow-Origin"), Is.EqualTo(Allowed));
        Assert.That(Header(response, "Allow"), Is.EqualTo(HealthControllerAllowed));
    }

    [Test]
    public void AnInvalidOriginStopsTheStart()
    {
        using var app = new ProxyAdminApp(new Dictionary<string, string?> { ["ProxyAdmin:Cors:Origins"] = "app.example.com" });

        var refused = Assert.Catch(() => _ = app.Server);

        Assert.That(Innermost(refused!).Message, Does.StartWith("ProxyAdmin refuses to start: ProxyAdmin__Cors__Origins holds \"app.example.com\""));
    }

    private static HttpRequestMessage Preflight(string path, string origin, string method, string headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return request;
    }

    private static async Task<HttpResponseMessage> Send(ProxyAdminApp app, HttpMethod method, string path, string origin, string? apiKey, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Origin", origin);
        if (body is not null)
        {
            request.Content = System.Net.Http.Json.JsonContent.Create(body);
        }

        return await app.ClientWith(apiKey).SendAsync(request);
    }

    /// <summary>The header as the service wrote it, unparsed.</summary>
    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.NonValidated.TryGetValues(name, out var values) || response.Content.Headers.NonValidated.TryGetValues(name, out values)
            ? values.ToString()
            : null;

    private static Exception Innermost(Exception exception) => exception.InnerException is { } inner ? Innermost(inner) : exception;
}
