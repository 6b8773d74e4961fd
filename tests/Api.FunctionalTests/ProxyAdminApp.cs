using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProxyAdmin.Api.FunctionalTests.Contract;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// The real service over HTTP, on a database of its own (<see cref="TestDatabase"/>: a SQLite file in a fresh temporary
/// folder, or a throwaway PostgreSQL database), migrated at start exactly as production does. One instance serves the
/// whole run; tests use unique ids so they never collide.
/// </summary>
public class ProxyAdminApp : WebApplicationFactory<Program>
{
    public const string MasterKey = "sk-functional-test-master-key";

    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Lazy<Task<ResponseContract>> _contract;

    /// <param name="settings">Configuration on top of the test defaults, as <c>Section:Key</c> pairs.</param>
    public ProxyAdminApp(IReadOnlyDictionary<string, string?>? settings = null)
    {
        _settings = settings ?? new Dictionary<string, string?>();
        Directory = Path.Combine(Path.GetTempPath(), "proxyadmin-tests-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Database = TestDatabase.Create(Directory);
        _contract = new Lazy<Task<ResponseContract>>(LoadContractAsync);
    }

    /// <summary>A temporary folder of this instance's own (on SQLite, the database file's).</summary>
    public string Directory { get; }

    /// <summary>The database under this instance, for tests that plant or inspect rows directly.</summary>
    public TestDatabase Database { get; }

    /// <summary>Every line the service logged, at the levels its configuration lets through (its own code at all levels).</summary>
    public LogCapture Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ProxyAdmin:Database:Provider", Database.Provider.ToString());
        builder.UseSetting("ConnectionStrings:ProxyAdmin", Database.ConnectionString);
        builder.UseSetting("ProxyAdmin:MasterKey", MasterKey);
        builder.UseSetting("ProxyAdmin:SaltKey", "functional-test-salt-key");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging
            .AddProvider(Logs)
            .AddFilter<LogCapture>("ProxyAdmin", LogLevel.Trace));
    }

    /// <summary>The service's own OpenAPI document, as the contract every response is checked against.</summary>
    public Task<ResponseContract> Contract => _contract.Value;

    /// <summary>
    /// A client that presents <paramref name="apiKey"/> as a bearer token, or no key at all. Every response it
    /// receives is checked against the OpenAPI document (<see cref="ResponseContractHandler"/>); this is the only
    /// way the tests make clients (<c>ContractCoverageTests</c>), so the check runs over the whole suite.
    /// </summary>
    /// <param name="followRedirects">
    /// False leaves out the redirect handler, which buffers every request body it sends (to send it again after a
    /// redirect) and so gives it a length: a body sent without one reaches the service only through such a client.
    /// </param>
    public HttpClient ClientWith(string? apiKey, bool followRedirects = true)
    {
        // The handlers CreateClient() installs (redirects, cookies), with the contract check innermost, so it sees
        // every response the service sends, a redirect included.
        DelegatingHandler[] handlers = followRedirects
            ? [new RedirectHandler(ClientOptions.MaxAutomaticRedirections), new CookieContainerHandler(), new ResponseContractHandler(() => Contract)]
            : [new CookieContainerHandler(), new ResponseContractHandler(() => Contract)];
        var client = CreateDefaultClient(ClientOptions.BaseAddress, handlers);
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }

    public HttpClient Admin() => ClientWith(MasterKey);

    private async Task<ResponseContract> LoadContractAsync()
    {
        // Read without the check: the document is what the check is made of.
        using var reader = Server.CreateClient();
        var document = await reader.GetStringAsync("/openapi.json");
        return await ResponseContract.LoadAsync(document, Services.GetRequiredService<EndpointDataSource>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Database.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; failing the run over it is not.
        }
    }
}

[SetUpFixture]
public sealed class Service
{
    private static ProxyAdminApp? _app;

    public static ProxyAdminApp App => _app ?? throw new InvalidOperationException("The service is not started.");

    [OneTimeSetUp]
    public void Start()
    {
        _app = new ProxyAdminApp();
        _ = _app.Server;
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _app?.Dispose();

        // Each mismatch already failed the test that received it; this catches one a test swallowed.
        Assert.That(ResponseContractHandler.Mismatches, Is.Empty, "responses that break the OpenAPI document");
    }
}

/// <summary>Shortcuts the tests share: unique names, JSON calls, and creating users and keys.</summary>
public static class Api
{
    public static string UniqueId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>SHA-256 hex of a key, as the service stores it (<c>token</c>) and records it (<c>changed_by_api_key</c>).</summary>
    public static string Sha256Hex(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

    /// <summary>
    /// Fails when <paramref name="text"/> holds any of <paramref name="secrets"/>, naming each by its last four
    /// characters only: <c>Does.Not.Contain</c> would print the whole text, and so the secret, into the test output.
    /// </summary>
    public static void AssertHoldsNone(string text, string where, params string[] secrets)
    {
        foreach (var secret in secrets)
        {
            Assert.That(text.Contains(secret, StringComparison.Ordinal), Is.False, $"{where} holds the secret ending {secret[^4..]}");
        }
    }

    public static Task<HttpResponseMessage> PostJson(this HttpClient client, string path, object body) =>
        client.PostAsJsonAsync(path, body);

    public static async Task<JsonObject> ReadObject(this HttpResponseMessage response) =>
        (JsonNode.Parse(await response.Content.ReadAsStringAsync()) as JsonObject)
        ?? throw new AssertionException($"Expected a JSON object from {response.RequestMessage?.RequestUri}.");

    /// <summary>Asserts the status and, for errors, the envelope; returns the body.</summary>
    public static async Task<JsonObject> Expect(this HttpResponseMessage response, int status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(status), $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {text}");
        var body = JsonNode.Parse(text) as JsonObject ?? throw new AssertionException("Expected a JSON object, got: " + text);
        if (status >= 400)
        {
            var error = body["error"] as JsonObject ?? throw new AssertionException("Expected the error envelope, got: " + text);
            Assert.That(error["code"]!.GetValue<string>(), Is.EqualTo(status.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(error["message"]!.GetValue<string>(), Is.Not.Empty);
            Assert.That(error.ContainsKey("type") && error.ContainsKey("param"), Is.True, text);
        }

        return body;
    }

    public static string ErrorType(this JsonObject body) => body["error"]!["type"]!.GetValue<string>();

    public static string? ErrorParam(this JsonObject body) => body["error"]!["param"]?.GetValue<string>();

    public static string ErrorMessage(this JsonObject body) => body["error"]!["message"]!.GetValue<string>();

    /// <summary>Creates a user with the given role through the API and returns its id and first key.</summary>
    public static async Task<(string UserId, string Key)> CreateUser(string role = "internal_user", string? userId = null)
    {
        userId ??= UniqueId("user");
        var body = await (await Service.App.Admin().PostJson("/user/new", new { user_id = userId, user_role = role })).Expect(200);
        return (userId, body["key"]!.GetValue<string>());
    }

    /// <summary>Generates a key through <paramref name="client"/> and returns the response body.</summary>
    public static async Task<JsonObject> GenerateKey(HttpClient client, object body) =>
        await (await client.PostJson("/key/generate", body)).Expect(200);

    public static async Task<JsonArray> AuditRowsFor(string objectId)
    {
        var body = await (await Service.App.Admin().GetAsync($"/audit?object_id={Uri.EscapeDataString(objectId)}&page_size=100")).Expect(200);
        return body["audit_logs"]!.AsArray();
    }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
