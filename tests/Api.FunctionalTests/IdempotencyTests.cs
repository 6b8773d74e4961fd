using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// Safe retries (README, "Safe retries: Idempotency-Key"): a create sent again with the same Idempotency-Key by the same
/// caller is answered with the first answer, marked <c>Idempotent-Replayed: true</c>, and changes nothing; the same key
/// with another body is a 409; a malformed key a 400; every caller's keys are its own.
/// </summary>
public sealed class IdempotencyTests
{
    private const string Header = "Idempotency-Key";
    private const string Replayed = "Idempotent-Replayed";

    /// <summary>One create of each kind that honours the header: its route and a fresh body.</summary>
    public sealed record Create(string Path, JsonObject Body);

    public static IEnumerable<TestCaseData> Creates()
    {
        yield return Case("key", () => Task.FromResult(new Create("/key/generate", new JsonObject { ["key_alias"] = Api.UniqueId("alias") })));
        yield return Case("user", () => Task.FromResult(new Create("/user/new", new JsonObject { ["user_id"] = Api.UniqueId("user") })));
        yield return Case("team", () => Task.FromResult(new Create("/team/new", new JsonObject { ["team_alias"] = Api.UniqueId("team") })));
        yield return Case("project", async () => new Create("/project/new", new JsonObject { ["team_id"] = await ProjectApi.NewTeam(), ["project_alias"] = Api.UniqueId("project") }));
        yield return Case("model", () => Task.FromResult(new Create("/model/new", ModelApi.Body(Api.UniqueId("model")))));
        yield return Case("organization", () => Task.FromResult(new Create("/organization/new", new JsonObject { ["organization_alias"] = Api.UniqueId("org") })));
        yield return Case("budget", () => Task.FromResult(new Create("/budget/new", new JsonObject { ["budget_id"] = Api.UniqueId("budget"), ["max_budget"] = 10 })));
        yield return Case("credential", () => Task.FromResult(new Create("/credentials", new JsonObject
        {
            ["credential_name"] = Api.UniqueId("cred"),
            ["credential_values"] = new JsonObject { ["api_key"] = "sk-cred-" + Guid.NewGuid().ToString("N") },
        })));
        yield return Case("key regeneration", async () =>
        {
            var key = (await Api.GenerateKey(Service.App.Admin(), new { key_alias = Api.UniqueId("alias") }))["key"]!.GetValue<string>();
            return new Create("/key/regenerate", new JsonObject { ["key"] = key });
        });
    }

    [TestCaseSource(nameof(Creates))]
    public async Task ACreateSentTwiceWithOneIdempotencyKeyRunsOnceAndAnswersTheFirstAnswerAgain(Func<Task<Create>> arrange)
    {
        var create = await arrange();
        var idempotencyKey = Guid.NewGuid().ToString();
        using var admin = Service.App.Admin();

        using var first = await Send(admin, create.Path, create.Body, idempotencyKey);
        var firstBody = await first.Expect(200);
        Assert.That(first.Headers.Contains(Replayed), Is.False, "the first answer is not a replay");
        var changes = await Changes();

        using var again = await Send(admin, create.Path, create.Body, idempotencyKey);
        var againBody = await again.Expect(200);

        Assert.Multiple(() =>
        {
            Assert.That(JsonNode.DeepEquals(againBody, firstBody), Is.True, "the replay is the first answer, word for word (a minted key included)");
            Assert.That(again.Headers.GetValues(Replayed).Single(), Is.EqualTo("true"));
            Assert.That(again.Headers.Contains("x-proxyadmin-revision"), Is.False, "a replay commits nothing, so it names no revision");
        });
        Assert.That(await Changes(), Is.EqualTo(changes), "a replay writes no row and audits nothing");
    }

    [Test]
    public async Task AReplayedKeyIsTheOneKeyMintedAndItWorks()
    {
        using var admin = Service.App.Admin();
        var idempotencyKey = Guid.NewGuid().ToString();
        var body = new JsonObject { ["key_alias"] = Api.UniqueId("alias") };

        var minted = (await (await Send(admin, "/key/generate", body, idempotencyKey)).Expect(200))["key"]!.GetValue<string>();
        var replayed = (await (await Send(admin, "/key/generate", body, idempotencyKey)).Expect(200))["key"]!.GetValue<string>();

        Assert.That(replayed == minted, Is.True, "the replay answers the key the first request minted");
        using var holder = Service.App.ClientWith(replayed);
        await (await holder.GetAsync("/key/info")).Expect(200);
        Assert.That(await Api.AuditRowsFor(Api.Sha256Hex(minted)), Has.Count.EqualTo(1), "one key, created once");
    }

    [Test]
    public async Task TheSameIdempotencyKeyWithAnotherBodyIsA409ThatChangesNothing()
    {
        using var admin = Service.App.Admin();
        var idempotencyKey = Guid.NewGuid().ToString();
        await (await Send(admin, "/team/new", new JsonObject { ["team_alias"] = Api.UniqueId("team") }, idempotencyKey)).Expect(200);
        var changes = await Changes();

        var otherAlias = Api.UniqueId("team");
        var refused = await (await Send(admin, "/team/new", new JsonObject { ["team_alias"] = otherAlias }, idempotencyKey)).Expect(409);

        Assert.Multiple(() =>
        {
            Assert.That(refused.ErrorParam(), Is.EqualTo(Header));
            Assert.That(refused.ErrorMessage(), Does.Contain("different request"));
        });
        Assert.That(await Changes(), Is.EqualTo(changes), "nothing was created");
    }

    [Test]
    public async Task TheSameIdempotencyKeyOnAnotherRouteIsA409()
    {
        using var admin = Service.App.Admin();
        var idempotencyKey = Guid.NewGuid().ToString();
        await (await Send(admin, "/team/new", new JsonObject { ["team_alias"] = Api.UniqueId("team") }, idempotencyKey)).Expect(200);

        var refused = await (await Send(admin, "/organization/new", new JsonObject { ["organization_alias"] = Api.UniqueId("org") }, idempotencyKey)).Expect(409);

        Assert.That(refused.ErrorParam(), Is.EqualTo(Header));
    }

    [Test]
    public async Task EveryCallersIdempotencyKeysAreItsOwn()
    {
        var (_, firstKey) = await Api.CreateUser();
        var (_, secondKey) = await Api.CreateUser();
        using var first = Service.App.ClientWith(firstKey);
        using var second = Service.App.ClientWith(secondKey);
        var idempotencyKey = Guid.NewGuid().ToString();
        var body = new JsonObject { ["key_alias"] = Api.UniqueId("alias") };

        using var firstAnswer = await Send(first, "/key/generate", body, idempotencyKey);
        var firstMinted = (await firstAnswer.Expect(200))["key"]!.GetValue<string>();
        using var secondAnswer = await Send(second, "/key/generate", new JsonObject { ["key_alias"] = Api.UniqueId("alias") }, idempotencyKey);
        var secondMinted = (await secondAnswer.Expect(200))["key"]!.GetValue<string>();

        Assert.Multiple(() =>
        {
            Assert.That(secondMinted == firstMinted, Is.False, "another caller's key is never answered");
            Assert.That(secondAnswer.Headers.Contains(Replayed), Is.False, "another caller's same Idempotency-Key is a request of its own");
        });
    }

    [Test]
    public async Task AReplayJudgesTheCallerAgainARevokedKeyGetsA401()
    {
        var (_, callerKey) = await Api.CreateUser();
        using var caller = Service.App.ClientWith(callerKey);
        var idempotencyKey = Guid.NewGuid().ToString();
        var body = new JsonObject { ["key_alias"] = Api.UniqueId("alias") };
        var minted = (await (await Send(caller, "/key/generate", body, idempotencyKey)).Expect(200))["key"]!.GetValue<string>();

        using var admin = Service.App.Admin();
        await (await admin.PostJson("/key/delete", new { keys = new[] { callerKey } })).Expect(200);

        using var replay = await Send(caller, "/key/generate", body, idempotencyKey);
        var refused = await replay.Expect(401);

        Api.AssertHoldsNone(refused.ToJsonString(), "the refusal", minted);
    }

    [Test]
    public async Task ARefusedRequestStoresNothingTheCorrectedRetryRuns()
    {
        using var admin = Service.App.Admin();
        var idempotencyKey = Guid.NewGuid().ToString();

        await (await Send(admin, "/budget/new", new JsonObject { ["budget_id"] = Api.UniqueId("budget"), ["max_budget"] = -1 }, idempotencyKey)).Expect(400);
        using var corrected = await Send(admin, "/budget/new", new JsonObject { ["budget_id"] = Api.UniqueId("budget"), ["max_budget"] = 10 }, idempotencyKey);

        await corrected.Expect(200);
        Assert.That(corrected.Headers.Contains(Replayed), Is.False, "a refusal keeps no answer, so the retry is a request of its own");
    }

    [Test]
    public async Task AnUpdateIgnoresTheHeaderAndRunsEachTime()
    {
        using var admin = Service.App.Admin();
        var teamId = await ProjectApi.NewTeam();
        var idempotencyKey = Guid.NewGuid().ToString();

        await (await Send(admin, "/team/update", new JsonObject { ["team_id"] = teamId, ["team_alias"] = "first" }, idempotencyKey)).Expect(200);
        using var second = await Send(admin, "/team/update", new JsonObject { ["team_id"] = teamId, ["team_alias"] = "second" }, idempotencyKey);

        await second.Expect(200);
        Assert.That(second.Headers.Contains(Replayed), Is.False);
        var info = await (await admin.GetAsync($"/team/info?team_id={teamId}")).Expect(200);
        Assert.That(info["team_info"]!["team_alias"]!.GetValue<string>(), Is.EqualTo("second"));
    }

    [TestCase("has space", TestName = "with a space")]
    [TestCase("tab\tinside", TestName = "with a control character")]
    [TestCase("naïve", TestName = "not ASCII")]
    [TestCase(null, TestName = "over 255 characters")]
    public async Task AMalformedIdempotencyKeyIsA400NamingTheHeaderAndChangesNothing(string? idempotencyKey)
    {
        idempotencyKey ??= new string('k', 256);
        using var admin = Service.App.Admin();
        var changes = await Changes();

        var refused = await (await Send(admin, "/team/new", new JsonObject { ["team_alias"] = Api.UniqueId("team") }, idempotencyKey)).Expect(400);

        Assert.That(refused.ErrorParam(), Is.EqualTo(Header));
        Assert.That(await Changes(), Is.EqualTo(changes));
    }

    [Test]
    public async Task TheStoredAnswerIsSealedAMintedKeyIsNotInTheDatabase()
    {
        using var admin = Service.App.Admin();
        var minted = (await (await Send(admin, "/key/generate", new JsonObject { ["key_alias"] = Api.UniqueId("alias") }, Guid.NewGuid().ToString())).Expect(200))["key"]!.GetValue<string>();

        var stored = await Service.App.Database.Strings("SELECT \"SealedResponse\" FROM \"IdempotencyRecords\"");

        Assert.That(stored, Is.Not.Empty);
        Api.AssertHoldsNone(string.Join("\n", stored), "the idempotency records", minted);
    }

    private static TestCaseData Case(string name, Func<Task<Create>> arrange) => new TestCaseData(arrange).SetArgDisplayNames(name);

    private static Task<HttpResponseMessage> Send(HttpClient client, string path, JsonObject body, string idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation(Header, idempotencyKey);
        return client.SendAsync(request);
    }

    /// <summary>The database's revision and audit row count: both move with every committed write.</summary>
    private static async Task<string> Changes()
    {
        var revision = await Service.App.Database.Scalar("SELECT \"Value\" FROM \"Revision\"");
        var audits = await Service.App.Database.Scalar("SELECT COUNT(*) FROM \"AuditLogs\"");
        return $"revision {revision}, {audits} audit rows";
    }
}
