using System.Text.Json.Nodes;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// Rotating the salt key online (<c>POST /encryption/rotate</c>, <c>GET /encryption/status</c>). A service seals models
/// and credentials under its original key; a second instance on the same database, with <c>k2</c> added and active
/// (configuration is read at start, so a second instance is the restart), rotates them: afterwards the database holds
/// no value under the original key, every secret still reads, each re-encrypted row is audited once with key ids and
/// no value, and the status says the original key can be removed.
/// </summary>
[NonParallelizable]
public sealed class EncryptionRotationTests
{
    private const string ModelSecretPrefix = "sk-rotate-model-";
    private const string CredentialSecretPrefix = "sk-rotate-credential-";

    private static Dictionary<string, string?> WithK2(ProxyAdminApp first) => new()
    {
        ["ConnectionStrings:ProxyAdmin"] = first.Database.ConnectionString,
        ["ProxyAdmin:SaltKeys:k2"] = "functional-test-rotation-key-two",
        ["ProxyAdmin:ActiveSaltKeyId"] = "k2",
        ["ProxyAdmin:Encryption:RotationBatchSize"] = "4",
        ["ProxyAdmin:Encryption:RotationPauseMilliseconds"] = "0",
    };

    private static async Task<JsonObject> Status(HttpClient client) => await (await client.GetAsync("/encryption/status")).Expect(200);

    private static JsonObject Table(JsonObject status, string table) =>
        status["tables"]!.AsArray().Single(t => t!["table"]!.GetValue<string>() == table)!.AsObject();

    private static async Task<JsonObject> WaitForCompletedRunAsync(HttpClient client)
    {
        for (var waited = 0; waited < 600; waited++)
        {
            var status = await Status(client);
            if (status["rotation"]?["state"]?.GetValue<string>() == "completed")
            {
                return status;
            }

            await Task.Delay(50);
        }

        throw new AssertionException("The rotation did not complete within 30 s: " + (await Status(client)).ToJsonString());
    }

    [Test]
    public async Task ARotationReencryptsEveryStoredSecretUnderTheActiveKeyAndTheOldKeyCanGo()
    {
        using var first = new ProxyAdminApp();
        var secrets = new Dictionary<string, string>();
        var modelIds = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            var secret = ModelSecretPrefix + Guid.NewGuid().ToString("N");
            var id = (await first.Admin().AddModel(ModelApi.Body(Api.UniqueId("rot"), new JsonObject { ["model"] = "openai/gpt-4o", ["api_key"] = secret, ["rpm"] = i }))).Id();
            modelIds.Add(id);
            secrets[id] = secret;
        }

        var credentialNames = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var secret = CredentialSecretPrefix + Guid.NewGuid().ToString("N");
            var name = Api.UniqueId("rotcred");
            await (await first.Admin().PostJson("/credentials", new { credential_name = name, credential_values = new { api_key = secret } })).Expect(200);
            credentialNames.Add(name);
            secrets[name] = secret;
        }

        var initial = await Status(first.Admin());
        Assert.Multiple(() =>
        {
            Assert.That(initial["complete"]!.GetValue<bool>(), Is.True, "one key, everything under it");
            Assert.That(initial["keys_in_use"]!.AsArray().Select(k => k!.GetValue<string>()), Is.EqualTo(new[] { "original" }));
            Assert.That(initial["rotation"], Is.Null);
        });

        using var second = new ProxyAdminApp(WithK2(first));
        var before = await Status(second.Admin());
        var started = await (await second.Admin().PostAsync("/encryption/rotate", null)).Expect(202);
        var done = await WaitForCompletedRunAsync(second.Admin());

        var storedModels = await first.Database.Strings("""SELECT "LitellmParams" FROM "ModelDeployments" """);
        var storedCredentials = await first.Database.Strings("""SELECT "CredentialValues" FROM "Credentials" """);
        var auditRows = await first.Database.Strings("""SELECT "ObjectId" || '|' || COALESCE("BeforeValue", '') || '|' || COALESCE("UpdatedValues", '') FROM "AuditLogs" WHERE "Action" = 'Reencrypted'""");
        Assert.Multiple(() =>
        {
            Assert.That(before["complete"]!.GetValue<bool>(), Is.False);
            Assert.That(Table(before, "LiteLLM_ProxyModelTable")["done_rows"]!.GetValue<long>(), Is.Zero);
            Assert.That(before["removable_key_ids"]!.AsArray(), Is.Empty, "the original key is still in use");
            Assert.That(started["state"]!.GetValue<string>(), Is.EqualTo("running"));
            Assert.That(started["target_key_id"]!.GetValue<string>(), Is.EqualTo("k2"));

            Assert.That(done["complete"]!.GetValue<bool>(), Is.True);
            Assert.That(done["keys_in_use"]!.AsArray().Select(k => k!.GetValue<string>()), Is.EqualTo(new[] { "k2" }));
            Assert.That(done["removable_key_ids"]!.AsArray().Select(k => k!.GetValue<string>()), Is.EqualTo(new[] { "original" }));
            Assert.That(Table(done, "LiteLLM_ProxyModelTable")["done_rows"]!.GetValue<long>(), Is.EqualTo(10));
            Assert.That(Table(done, "LiteLLM_CredentialsTable")["done_rows"]!.GetValue<long>(), Is.EqualTo(5));
            Assert.That(done["rotation"]!["rows_reencrypted"]!.GetValue<long>(), Is.EqualTo(15));
            Assert.That(done["rotation"]!["unreadable_values"]!.GetValue<long>(), Is.Zero);

            foreach (var stored in storedModels.Concat(storedCredentials))
            {
                Assert.That(stored, Does.Not.Contain("v3:gcm:original:"), "no value under the original key is left");
                Assert.That(System.Text.RegularExpressions.Regex.IsMatch(stored, "v3:gcm:(?!k2:)"), Is.False, "every sealed value names k2");
            }

            Assert.That(auditRows.Select(r => r.Split('|')[0]), Is.EquivalentTo(modelIds.Concat(credentialNames)), "each re-encrypted row is audited exactly once");
            Assert.That(auditRows, Has.All.Contain("original").And.All.Contain("k2"), "the audit names the keys");
            Api.AssertHoldsNone(string.Join('\n', auditRows) + done.ToJsonString(), "the audit rows and the status", [.. secrets.Values]);
        });

        foreach (var modelId in modelIds)
        {
            var read = await second.Admin().Info(modelId);
            Assert.That(read["decryption_error"], Is.Null, modelId);
            ModelApi.AssertMasked(read["litellm_params"]!["api_key"], secrets[modelId], modelId);
        }

        foreach (var name in credentialNames)
        {
            var read = await (await second.Admin().ByName(name)).Expect(200);
            Assert.That(read["decryption_error"], Is.Null, name);
            ModelApi.AssertMasked(read["credential_values"]!["api_key"], secrets[name], name);
        }

        // The first instance has no k2: it now reports, rather than misreads, what it can no longer decrypt.
        Assert.That((await first.Admin().Info(modelIds[0]))["decryption_error"]!.GetValue<string>(), Does.Contain("api_key"));
    }

    [Test]
    public async Task RunningItAgainIsHarmless()
    {
        using var first = new ProxyAdminApp();
        var id = (await first.Admin().AddModel(ModelApi.Body(Api.UniqueId("again"), new JsonObject { ["model"] = "openai/gpt-4o", ["api_key"] = ModelSecretPrefix + Guid.NewGuid().ToString("N") }))).Id();
        using var second = new ProxyAdminApp(WithK2(first));
        await (await second.Admin().PostAsync("/encryption/rotate", null)).Expect(202);
        await WaitForCompletedRunAsync(second.Admin());
        var sealedAfterFirst = (string)(await first.Database.Scalar("""SELECT "LitellmParams" FROM "ModelDeployments" WHERE "ModelId" = @id""", ("@id", id)))!;

        var again = await (await second.Admin().PostAsync("/encryption/rotate", null)).Expect(202);
        var done = await WaitForCompletedRunAsync(second.Admin());
        var sealedAfterSecond = (string)(await first.Database.Scalar("""SELECT "LitellmParams" FROM "ModelDeployments" WHERE "ModelId" = @id""", ("@id", id)))!;

        Assert.Multiple(() =>
        {
            Assert.That(again["rotation_id"]!.GetValue<string>(), Is.EqualTo(done["rotation"]!["rotation_id"]!.GetValue<string>()));
            Assert.That(done["rotation"]!["rows_reencrypted"]!.GetValue<long>(), Is.Zero, "nothing was left to do");
            Assert.That(sealedAfterSecond, Is.EqualTo(sealedAfterFirst), "a value already under the active key is not touched");
        });
    }

    [Test]
    public async Task OnlyProxyAdminsRotateAndViewersMayWatch()
    {
        var (_, viewer) = await ModelApi.NewCaller("proxy_admin_viewer");
        var (_, user) = await ModelApi.NewCaller();

        await (await viewer.PostAsync("/encryption/rotate", null)).Expect(403);
        await (await user.PostAsync("/encryption/rotate", null)).Expect(403);
        await (await user.GetAsync("/encryption/status")).Expect(403);
        var status = await Status(viewer);

        Assert.That(status["active_key_id"]!.GetValue<string>(), Is.EqualTo("original"));
    }
}
