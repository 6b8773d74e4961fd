using System.Text.Json.Nodes;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// Changing the active salt key (ADR 0008). A service writes models under its original key; the service is started
/// again on the same database with <c>ProxyAdmin__SaltKeys__k2</c> added and active (a second instance, since
/// configuration is read at start): it still reads what the original key sealed, in both stored forms, and seals
/// what it writes under <c>k2</c>, naming it. The first instance, which has no <c>k2</c>, reports those values as
/// unreadable rather than misreading them.
/// </summary>
[NonParallelizable]
public sealed class SaltKeyringTests
{
    private const string OldProviderKey = "sk-sealed-under-original-OR11";
    private const string LegacyProviderKey = "sk-legacy-unnamed-layout-LG22";
    private const string NewProviderKey = "sk-sealed-under-k2-secret-K233";

    /// <summary>The stored row, read from the first instance's database, which both instances share.</summary>
    private static async Task<JsonObject> StoredParams(ProxyAdminApp app, string modelId) =>
        JsonNode.Parse((string)(await app.Database.Scalar("""SELECT "LitellmParams" FROM "ModelDeployments" WHERE "ModelId" = @id""", ("@id", modelId)))!)!.AsObject();

    private static JsonObject Params(string apiKey) => new()
    {
        ["model"] = "openai/gpt-4o",
        ["api_base"] = "https://keyring.example.test/v1",
        ["api_key"] = apiKey,
        ["rpm"] = 7,
    };

    [Test]
    public async Task ModelsSealedUnderTheOriginalKeyStayReadableAfterARestartWithK2ActiveAndNewOnesNameK2()
    {
        using var before = new ProxyAdminApp();
        var old = (await before.Admin().AddModel(ModelApi.Body(Api.UniqueId("keyring-old"), Params(OldProviderKey)))).Id();
        var legacy = (await before.Admin().AddModel(ModelApi.Body(Api.UniqueId("keyring-legacy"), Params(LegacyProviderKey)))).Id();
        var oldStored = await StoredParams(before, old);
        Assert.That(oldStored["api_key"]!.GetValue<string>(), Does.StartWith("v3:gcm:original:"), "a new value names the key that sealed it");

        // The layout LiteLLM writes, and ProxyAdmin did before keyrings: no key id.
        var legacyStored = await StoredParams(before, legacy);
        foreach (var (name, value) in legacyStored.ToList())
        {
            if (value is JsonValue v && v.TryGetValue<string>(out var text))
            {
                legacyStored[name] = "v3:gcm:" + text["v3:gcm:original:".Length..];
            }
        }

        Assert.That(await before.Database.Execute("""UPDATE "ModelDeployments" SET "LitellmParams" = @p WHERE "ModelId" = @id""", ("@p", legacyStored.ToJsonString()), ("@id", legacy)), Is.EqualTo(1));

        using var after = new ProxyAdminApp(new Dictionary<string, string?>
        {
            ["ConnectionStrings:ProxyAdmin"] = before.Database.ConnectionString,
            ["ProxyAdmin:SaltKeys:k2"] = "functional-test-second-salt-key",
            ["ProxyAdmin:ActiveSaltKeyId"] = "k2",
        });

        foreach (var (modelId, providerKey) in new[] { (old, OldProviderKey), (legacy, LegacyProviderKey) })
        {
            var read = await after.Admin().Info(modelId);
            Assert.Multiple(() =>
            {
                Assert.That(read["decryption_error"], Is.Null, modelId);
                Assert.That(read["litellm_params"]!["api_base"]!.GetValue<string>(), Is.EqualTo("https://keyring.example.test/v1"), modelId);
                Assert.That(read["litellm_params"]!["rpm"]!.GetValue<int>(), Is.EqualTo(7), modelId);
                ModelApi.AssertMasked(read["litellm_params"]!["api_key"], providerKey, $"{modelId} api_key");
            });
        }

        var created = (await after.Admin().AddModel(ModelApi.Body(Api.UniqueId("keyring-new"), Params(NewProviderKey)))).Id();
        var newStored = await StoredParams(before, created);
        Assert.Multiple(() =>
        {
            foreach (var name in new[] { "model", "api_base", "api_key" })
            {
                Assert.That(newStored[name]!.GetValue<string>(), Does.StartWith("v3:gcm:k2:"), $"stored {name}");
            }

            Assert.That(newStored["rpm"]!.GetValue<int>(), Is.EqualTo(7), "numbers stay plain");
            ModelApi.AssertNoSecret(newStored.ToJsonString(), NewProviderKey, "the stored litellm_params");
        });
        ModelApi.AssertMasked((await after.Admin().Info(created))["litellm_params"]!["api_key"], NewProviderKey, "the new model's api_key");

        // A change through the k2 service re-seals only what it changes; the rest keeps the original key and stays readable.
        await (await after.Admin().PatchModel(old, new JsonObject { ["litellm_params"] = new JsonObject { ["api_base"] = "https://keyring.example.test/v2" } })).Expect(200);
        var patched = await StoredParams(before, old);
        Assert.That(patched["api_base"]!.GetValue<string>(), Does.StartWith("v3:gcm:k2:"));
        Assert.That(patched["api_key"]!.GetValue<string>(), Is.EqualTo(oldStored["api_key"]!.GetValue<string>()), "an unchanged value is not re-sealed");
        Assert.That((await after.Admin().Info(old))["decryption_error"], Is.Null);

        // The service without k2 cannot read what k2 sealed, and says so on that model instead of misreading it.
        var unreadable = await before.Admin().Info(created);
        Assert.That(unreadable["decryption_error"]?.GetValue<string>(), Does.Contain("api_key").And.Contain(created));
        Assert.That(unreadable["litellm_params"]!.AsObject().ContainsKey("api_key"), Is.False);
    }
}
