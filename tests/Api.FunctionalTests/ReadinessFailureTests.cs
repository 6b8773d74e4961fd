using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// Readiness must fail when the database does (LiteLLM answers 200 "healthy" regardless). Each test runs its
/// own service, since it breaks that service's database.
/// </summary>
public sealed class ReadinessFailureTests
{
    [Test]
    public async Task ReadinessIs503WhenTheDatabaseFolderIsGone()
    {
        using var app = new ProxyAdminApp();
        await ExpectReady(app);

        // Pooled connections keep a deleted file alive; without them SQLite cannot even create a new one.
        CloseConnections(app);
        Directory.Delete(app.Directory, recursive: true);

        await ExpectUnhealthy(app);
    }

    [Test]
    public async Task ReadinessIs503WhenTheDatabaseFileIsReplacedByAnEmptyOne()
    {
        using var app = new ProxyAdminApp();
        await ExpectReady(app);

        // An empty file opens fine, but it has no tables: the schema is gone, so the service is not ready.
        CloseConnections(app);
        foreach (var file in Directory.GetFiles(app.Directory, Path.GetFileName(app.DatabasePath) + "*"))
        {
            File.Delete(file);
        }

        await File.WriteAllBytesAsync(app.DatabasePath, []);

        await ExpectUnhealthy(app);
    }

    /// <summary>Closes this service's idle pooled connections, and only this service's.</summary>
    private static void CloseConnections(ProxyAdminApp app)
    {
        using var connection = new SqliteConnection($"Data Source={app.DatabasePath}");
        SqliteConnection.ClearPool(connection);
    }

    private static async Task ExpectReady(ProxyAdminApp app)
    {
        var body = await (await app.ClientWith(null).GetAsync("/health/readiness")).Expect(200);
        Assert.That(body["status"]!.GetValue<string>(), Is.EqualTo("healthy"));
    }

    private static async Task ExpectUnhealthy(ProxyAdminApp app)
    {
        var response = await app.ClientWith(null).GetAsync("/health/readiness");
        var text = await response.Content.ReadAsStringAsync();

        Assert.That((int)response.StatusCode, Is.EqualTo(503), text);
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(text), new JsonObject { ["status"] = "unhealthy", ["db"] = "disconnected" }), Is.True, text);
        Assert.That((int)(await app.ClientWith(null).GetAsync("/health/liveness")).StatusCode, Is.EqualTo(200), "the process itself is alive");
    }
}
