using System.Text.Json.Nodes;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// A rotation survives <c>kill -9</c>: replicas are real processes on one database. One replica starts a rotation and is
/// killed mid-run; two replicas started afterwards resume it on their own and finish it together. Every row is
/// re-encrypted exactly once (the run's count and the audit say so), and every secret still reads.
/// </summary>
[NonParallelizable]
public sealed class EncryptionRotationCrashTests
{
    private const int Models = 40;
    private const int Credentials = 4;

    private static readonly Dictionary<string, string> WithK2Active = new()
    {
        ["ProxyAdmin__SaltKeys__k2"] = "replica-test-rotation-key-two",
        ["ProxyAdmin__ActiveSaltKeyId"] = "k2",
        ["ProxyAdmin__Encryption__RotationBatchSize"] = "3",
        ["ProxyAdmin__Encryption__RotationPauseMilliseconds"] = "150",
        ["ProxyAdmin__Encryption__RotationPollMilliseconds"] = "200",
    };

    [Test]
    public async Task ARotationKilledMidRunResumesOnTheNextReplicasAndCompletesWithEverySecretReadable()
    {
        var database = ReplicaDatabase.ForProviderUnderTest();
        var secrets = new Dictionary<string, string>();

        // The set's own replica keeps the original key active: a replica not yet restarted, which leaves the run alone.
        await using var set = await ReplicaSet.StartAsync(database, 1);
        var seeding = set[0];
        for (var i = 0; i < Models; i++)
        {
            var secret = "sk-crash-model-" + Guid.NewGuid().ToString("N");
            var created = (await seeding.PostAsync("/model/new", new { model_name = Api.UniqueId("crash"), litellm_params = new { model = "openai/gpt-4o", api_key = secret } })).Expect(200);
            secrets[created["model_id"]!.GetValue<string>()] = secret;
        }

        for (var i = 0; i < Credentials; i++)
        {
            var secret = "sk-crash-credential-" + Guid.NewGuid().ToString("N");
            var name = Api.UniqueId("crashcred");
            (await seeding.PostAsync("/credentials", new { credential_name = name, credential_values = new { api_key = secret } })).Expect(200);
            secrets[name] = secret;
        }

        var victim = await set.StartExtraAsync(WithK2Active);
        (await victim.PostAsync("/encryption/rotate", new { })).Expect(202);
        JsonObject atKill;
        do
        {
            await Task.Delay(20);
            atKill = (await victim.GetAsync("/encryption/status")).Expect(200);
        }
        while (atKill["rotation"]!["rows_reencrypted"]!.GetValue<long>() < 6);

        victim.Kill();
        Assert.That(atKill["rotation"]!["state"]!.GetValue<string>(), Is.EqualTo("running"), "killed mid-run");

        var first = await set.StartExtraAsync(WithK2Active);
        var second = await set.StartExtraAsync(WithK2Active);
        JsonObject done;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        do
        {
            Assert.That(waited.Elapsed, Is.LessThan(TimeSpan.FromSeconds(60)), "the resumed rotation completes");
            await Task.Delay(100);
            done = (await first.GetAsync("/encryption/status")).Expect(200);
        }
        while (done["rotation"]!["state"]!.GetValue<string>() != "completed");

        var audited = (await second.GetAsync("/audit?action=reencrypted&page_size=100")).Expect(200)["audit_logs"]!.AsArray()
            .Select(row => row!["object_id"]!.GetValue<string>())
            .ToList();
        Assert.Multiple(() =>
        {
            Assert.That(done["rotation"]!["rows_reencrypted"]!.GetValue<long>(), Is.EqualTo(Models + Credentials), "every row once: none lost with the killed batch, none twice");
            Assert.That(audited, Is.EquivalentTo(secrets.Keys), "one audit row per re-encrypted row");
            Assert.That(done["complete"]!.GetValue<bool>(), Is.True);
            Assert.That(done["keys_in_use"]!.AsArray().Select(k => k!.GetValue<string>()), Is.EqualTo(new[] { "k2" }));
            Assert.That(done["removable_key_ids"]!.AsArray().Select(k => k!.GetValue<string>()), Is.EqualTo(new[] { "original" }));
        });

        foreach (var (id, secret) in secrets)
        {
            var read = id.StartsWith("crashcred", StringComparison.Ordinal)
                ? (await second.GetAsync($"/credentials/by_name/{id}")).Expect(200)
                : (JsonObject)(await second.GetAsync($"/model/info?litellm_model_id={id}")).Expect(200)["data"]![0]!;
            var values = read["credential_values"] ?? read["litellm_params"];
            Assert.That(read["decryption_error"], Is.Null, id);
            ModelApi.AssertMasked(values!["api_key"], secret, id);
        }
    }
}
