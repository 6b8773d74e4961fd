using System.Text.Json.Nodes;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// Readiness must fail when the database does (LiteLLM answers 200 "healthy" regardless). Each test runs its
/// own service, since it breaks that service's database.
/// </summary>
public sealed class ReadinessFailureTests
{
    [Test]
    public async Task ReadinessIs503WhenTheDatabaseIsGone()
    {
        using var app = new ProxyAdminApp();
        await ExpectReady(app);

        // SQLite: the folder holding the file is deleted. PostgreSQL: the database is dropped under the service.
        app.Database.Destroy(app.Directory);

        await ExpectUnhealthy(app);
    }

    [Test]
    public async Task ReadinessIs503WhenTheSchemaIsGone()
    {
        using var app = new ProxyAdminApp();
        await ExpectReady(app);

        // The database opens fine but has no tables (SQLite: an empty file; PostgreSQL: an empty schema), so the service is not ready.
        await app.Database.EmptyTheSchema();

        await ExpectUnhealthy(app);
    }

    [Test]
    public async Task ReadinessIs503WhileAMigrationOfThisVersionIsNotApplied()
    {
        using var app = new ProxyAdminApp();
        await ExpectReady(app);

        // As a database migrated by the previous version looks to this one.
        var last = (string)(await app.Database.Scalar("""SELECT MAX("MigrationId") FROM "__EFMigrationsHistory" """))!;
        await app.Database.Execute("""DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" = @id""", ("@id", last));

        var response = await app.ClientWith(null).GetAsync("/health/readiness");
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(503), text);
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(text), new JsonObject { ["status"] = "unhealthy", ["db"] = "connected", ["pending_migrations"] = 1 }), Is.True, text);
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
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(text), new JsonObject { ["status"] = "unhealthy", ["db"] = "disconnected", ["pending_migrations"] = 0 }), Is.True, text);
        Assert.That((int)(await app.ClientWith(null).GetAsync("/health/liveness")).StatusCode, Is.EqualTo(200), "the process itself is alive");
    }
}
