using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// Dry runs (README, "Dry runs"): every write sent with <c>?dry_run=true</c> is judged, validated, checked against the
/// limits and computed to its answer, marked <c>x-proxyadmin-dry-run: true</c>, and leaves every table of the database as
/// it was: no row, no audit row, no revision, no idempotency record. The same write sent for real then answers the same
/// status with the same fields, and does change the database, so each case shows the dry run held something back.
/// </summary>
[NonParallelizable]
public sealed class DryRunTests
{
    private const string DryRunHeader = "x-proxyadmin-dry-run";

    private ProxyAdminApp _app = null!;

    /// <summary>One of everything a write can name, created for real before each case; the empty team has no project, which a team delete needs.</summary>
    public sealed record World(
        string UserId,
        string MemberId,
        string OrganizationId,
        string TeamId,
        string EmptyTeamId,
        string ProjectId,
        string ModelId,
        string ModelName,
        string Key,
        string BudgetId,
        string CredentialName);

    /// <summary>A write: its method, its path (what it names filled in) and its body, or none.</summary>
    public sealed record Write(string Method, string PathTemplate, Func<World, string> Path, Func<World, JsonNode?> Body)
    {
        public override string ToString() => $"{Method} {PathTemplate}";
    }

    public static IEnumerable<TestCaseData> Writes() => AllWrites().Select(write => new TestCaseData(write).SetArgDisplayNames(write.ToString()));

    [OneTimeSetUp]
    public void Start() => _app = new ProxyAdminApp();

    [OneTimeTearDown]
    public void Stop() => _app.Dispose();

    [Test]
    public async Task EveryOperationThatWritesTakesDryRunAndHasACaseHere()
    {
        var contract = await _app.Contract;
        var documented = contract.Document.Paths
            .SelectMany(path => path.Value.Where(op => op.Value.Parameters.Any(p => p.Name == "dry_run")).Select(op => $"{op.Key.ToUpperInvariant()} {path.Key}"))
            .Order(StringComparer.Ordinal)
            .ToList();
        var written = contract.Document.Paths
            .SelectMany(path => path.Value.Where(op => op.Key is "post" or "put" or "patch" or "delete" && op.Value.OperationId != "Budgets_Info").Select(op => $"{op.Key.ToUpperInvariant()} {path.Key}"))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Multiple(() =>
        {
            Assert.That(documented, Is.EqualTo(written), "every operation that writes documents dry_run, and only those (POST /budget/info reads)");
            Assert.That(AllWrites().Select(w => w.ToString()).Order(StringComparer.Ordinal), Is.EqualTo(documented), "every operation with dry_run has a case in Writes()");
        });
    }

    [TestCaseSource(nameof(Writes))]
    public async Task ADryRunAnswersWhatTheWriteWouldAndWritesNothing(Write write)
    {
        using var admin = _app.Admin();
        var world = await NewWorld(admin);
        var before = await _app.Database.Contents();

        using var dryRun = await Send(admin, write, world, "?dry_run=true");
        var dryStatus = (int)dryRun.StatusCode;
        var dryBody = await dryRun.Content.ReadAsStringAsync();
        var afterDryRun = await _app.Database.Contents();

        Assert.Multiple(() =>
        {
            Assert.That(dryStatus, Is.InRange(200, 299), $"{write} with what the world holds is a write that succeeds: {dryBody}");
            Assert.That(dryRun.Headers.TryGetValues(DryRunHeader, out var marks) ? marks.Single() : null, Is.EqualTo("true"));
            Assert.That(dryRun.Headers.ETag, Is.Null, "the tag of a version rolled back names nothing stored");
            Assert.That(dryRun.Headers.Contains("x-proxyadmin-revision"), Is.False, "a dry run commits no revision");
            AssertSameContents(afterDryRun, before, $"{write} as a dry run");
        });

        using var real = await Send(admin, write, world, string.Empty);
        var realBody = await real.Content.ReadAsStringAsync();
        await RotationSettled(admin);
        var afterWrite = await _app.Database.Contents();

        Assert.Multiple(() =>
        {
            Assert.That((int)real.StatusCode, Is.EqualTo(dryStatus), $"the write answers as its dry run did: {realBody}");
            Assert.That(real.Headers.Contains(DryRunHeader), Is.False, "a write is not marked as a dry run");
            Assert.That(FieldsOf(JsonNode.Parse(dryBody)), Is.EqualTo(FieldsOf(JsonNode.Parse(realBody))), "the dry run's answer has the write's fields");
            Assert.That(afterWrite.Where(table => !afterDryRun.TryGetValue(table.Key, out var rows) || !rows.SequenceEqual(table.Value)).Select(t => t.Key), Is.Not.Empty, "the write changes what its dry run left alone");
        });
    }

    [TestCase("true", true)]
    [TestCase("TRUE", true)]
    [TestCase("True", true)]
    [TestCase("false", false)]
    [TestCase("FALSE", false)]
    public async Task DryRunIsTrueOrFalseInAnyCase(string value, bool dryRun)
    {
        using var admin = _app.Admin();
        var userId = Api.UniqueId("dry-user");

        using var response = await admin.PostJson($"/user/new?dry_run={value}", new { user_id = userId });
        await response.Expect(200);
        var stored = Convert.ToInt64(await _app.Database.Scalar("""SELECT COUNT(*) FROM "Users" WHERE "UserId" = @id""", ("id", userId)));

        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.Contains(DryRunHeader), Is.EqualTo(dryRun));
            Assert.That(stored, Is.EqualTo(dryRun ? 0 : 1));
        });
    }

    [TestCase("?dry_run=yes")]
    [TestCase("?dry_run=1")]
    [TestCase("?dry_run=")]
    [TestCase("?dry_run=%20true")]
    [TestCase("?dry_run=true&dry_run=true")]
    [TestCase("?dry_run=true&dry_run=false")]
    public async Task AnyOtherDryRunIsA400NamingItThatWritesNothing(string query)
    {
        using var admin = _app.Admin();
        var userId = Api.UniqueId("dry-user");
        var before = await _app.Database.Contents();

        var refused = await (await admin.PostJson("/user/new" + query, new { user_id = userId })).Expect(400);

        Assert.Multiple(async () =>
        {
            Assert.That(refused.ErrorParam(), Is.EqualTo("dry_run"));
            Assert.That(refused["error"]!["message"]!.GetValue<string>(), Does.Contain("dry_run"));
            AssertSameContents(await _app.Database.Contents(), before, query);
        });
    }

    [Test]
    public async Task ADryRunIsRefusedAsTheWriteWouldBe()
    {
        using var admin = _app.Admin();
        var world = await NewWorld(admin);
        var viewerKey = await ViewerKey(admin);
        using var viewer = _app.ClientWith(viewerKey);
        var before = await _app.Database.Contents();

        var forbidden = await (await viewer.PostJson("/team/new?dry_run=true", new { team_alias = Api.UniqueId("dry-team") })).Expect(403);
        var invalid = await (await admin.PostJson("/team/new?dry_run=true", new { team_alias = Api.UniqueId("dry-team"), max_budget = -1 })).Expect(400);
        var missing = await (await admin.PostJson("/team/update?dry_run=true", new { team_id = "no-such-team", team_alias = "x" })).Expect(404);
        var duplicate = await (await admin.PostJson("/user/new?dry_run=true", new { user_id = world.UserId })).Expect(409);

        using var stale = new HttpRequestMessage(HttpMethod.Post, "/team/update?dry_run=true") { Content = JsonContent.Create(new { team_id = world.TeamId, team_alias = "x" }) };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"stale\"");
        using var staleAnswer = await admin.SendAsync(stale);
        await staleAnswer.Expect(412);

        Assert.Multiple(async () =>
        {
            Assert.That(invalid.ErrorParam(), Is.EqualTo("max_budget"));
            Assert.That(forbidden["error"]!["type"]!.GetValue<string>(), Is.EqualTo("permission_denied_error"));
            Assert.That(missing["error"]!["code"]!.GetValue<string>(), Is.EqualTo("404"));
            Assert.That(duplicate["error"]!["code"]!.GetValue<string>(), Is.EqualTo("409"));
            AssertSameContents(await _app.Database.Contents(), before, "the refused dry runs");
        });
    }

    [Test]
    public async Task ADryRunChecksTheLimitsTheWriteWouldMeet()
    {
        using var admin = _app.Admin();
        var teamId = (await (await admin.PostJson("/team/new", new { team_alias = Api.UniqueId("dry-team"), max_budget = 100 })).Expect(200))["team_id"]!.GetValue<string>();
        var before = await _app.Database.Contents();

        var overBudget = await (await admin.PostJson("/project/new?dry_run=true", new { team_id = teamId, project_alias = Api.UniqueId("dry-project"), max_budget = 1000 })).Expect(400);
        var real = await (await admin.PostJson("/project/new", new { team_id = teamId, project_alias = Api.UniqueId("dry-project"), max_budget = 1000 })).Expect(400);

        Assert.Multiple(async () =>
        {
            Assert.That(overBudget.ErrorParam(), Is.EqualTo("max_budget"));
            Assert.That(overBudget["error"]!["message"]!.GetValue<string>(), Is.EqualTo(real["error"]!["message"]!.GetValue<string>()));
            AssertSameContents(await _app.Database.Contents(), before, "a dry run over the team's budget");
        });
    }

    [Test]
    public async Task ADryRunNeitherKeepsNorReplaysAnIdempotencyKey()
    {
        using var admin = _app.Admin();
        var userId = Api.UniqueId("dry-user");
        var idempotencyKey = Guid.NewGuid().ToString();

        using var dryRun = await SendWithKey(admin, "/user/new?dry_run=true", new JsonObject { ["user_id"] = userId }, idempotencyKey);
        await dryRun.Expect(200);
        var keptAfterDryRun = Convert.ToInt64(await _app.Database.Scalar("""SELECT COUNT(*) FROM "IdempotencyRecords" """));

        using var real = await SendWithKey(admin, "/user/new", new JsonObject { ["user_id"] = userId }, idempotencyKey);
        await real.Expect(200);

        using var dryRunAgain = await SendWithKey(admin, "/user/new?dry_run=true", new JsonObject { ["user_id"] = userId }, idempotencyKey);
        var duplicate = await dryRunAgain.Expect(409);

        Assert.Multiple(() =>
        {
            Assert.That(keptAfterDryRun, Is.Zero, "a dry run keeps no record under its Idempotency-Key");
            Assert.That(real.Headers.Contains("Idempotent-Replayed"), Is.False, "the write after a dry run with the same key runs");
            Assert.That(dryRunAgain.Headers.Contains("Idempotent-Replayed"), Is.False, "a dry run is not answered from a record either");
            Assert.That(duplicate["error"]!["code"]!.GetValue<string>(), Is.EqualTo("409"), "it is judged as a write of that user would be: a duplicate");
        });
    }

    [Test]
    public async Task ADryRunKeyIsNeverStoredAndAuthenticatesNothing()
    {
        using var admin = _app.Admin();
        var generated = await (await admin.PostJson("/key/generate?dry_run=true", new { key_alias = Api.UniqueId("dry-alias") })).Expect(200);
        var key = generated["key"]!.GetValue<string>();

        using var withIt = _app.ClientWith(key);
        using var answer = await withIt.GetAsync("/key/info");

        Assert.Multiple(async () =>
        {
            Assert.That(key, Does.StartWith("sk-"), "the answer shows a key as the write would");
            Assert.That((int)answer.StatusCode, Is.EqualTo(401));
            Assert.That(await _app.Database.Scalar("""SELECT COUNT(*) FROM "VirtualKeys" WHERE "Token" = @token""", ("token", Api.Sha256Hex(key))), Is.Zero);
        });
    }

    private static IEnumerable<Write> AllWrites()
    {
        static Write Post(string path, Func<World, JsonNode?> body) => new("POST", path, _ => path, body);
        static Write Patch(string path, Func<World, JsonNode?> body) => new("PATCH", path, _ => path, body);
        static Write Delete(string path, Func<World, JsonNode?> body) => new("DELETE", path, _ => path, body);

        yield return Post("/budget/new", _ => new JsonObject { ["max_budget"] = 5 });
        yield return Post("/budget/update", w => new JsonObject { ["budget_id"] = w.BudgetId, ["max_budget"] = 20 });
        yield return Post("/budget/delete", w => new JsonObject { ["id"] = w.BudgetId });
        yield return Post("/credentials", _ => new JsonObject
        {
            ["credential_name"] = Api.UniqueId("dry-credential"),
            ["credential_values"] = new JsonObject { ["api_key"] = "dry-run-provider-value" },
        });
        yield return new Write("PATCH", "/credentials/{credential_name}", w => $"/credentials/{w.CredentialName}", _ => new JsonObject { ["credential_info"] = new JsonObject { ["note"] = "dry" } });
        yield return new Write("DELETE", "/credentials/{credential_name}", w => $"/credentials/{w.CredentialName}", _ => null);
        yield return Post("/encryption/rotate", _ => null);
        yield return Post("/key/generate", w => new JsonObject { ["user_id"] = w.UserId, ["key_alias"] = Api.UniqueId("dry-alias") });
        yield return Post("/key/update", w => new JsonObject { ["key"] = w.Key, ["key_alias"] = Api.UniqueId("dry-alias") });
        yield return Post("/key/delete", w => new JsonObject { ["keys"] = new JsonArray(w.Key) });
        yield return Post("/key/block", w => new JsonObject { ["key"] = w.Key });
        yield return Post("/key/unblock", w => new JsonObject { ["key"] = w.Key });
        yield return Post("/key/regenerate", w => new JsonObject { ["key"] = w.Key });
        yield return new Write("POST", "/key/{key}/regenerate", w => $"/key/{w.Key}/regenerate", _ => new JsonObject());
        yield return Post("/model/new", _ => ModelApi.Body(Api.UniqueId("dry-model")));
        yield return Post("/model/update", w => new JsonObject { ["model_info"] = new JsonObject { ["id"] = w.ModelId }, ["model_name"] = Api.UniqueId("dry-renamed") });
        yield return new Write("PATCH", "/model/{model_id}/update", w => $"/model/{w.ModelId}/update", _ => new JsonObject { ["model_name"] = Api.UniqueId("dry-renamed") });
        yield return Post("/model/delete", w => new JsonObject { ["id"] = w.ModelId });
        yield return Post("/model/block", w => new JsonObject { ["model_id"] = w.ModelId });
        yield return Post("/model/unblock", w => new JsonObject { ["model_id"] = w.ModelId });
        yield return Post("/organization/new", _ => new JsonObject { ["organization_alias"] = Api.UniqueId("dry-org") });
        yield return Patch("/organization/update", w => new JsonObject { ["organization_id"] = w.OrganizationId, ["max_budget"] = 100 });
        yield return Delete("/organization/delete", w => new JsonObject { ["organization_ids"] = new JsonArray(w.OrganizationId) });
        yield return Post("/organization/member_add", w => new JsonObject
        {
            ["organization_id"] = w.OrganizationId,
            ["member"] = new JsonObject { ["user_id"] = w.UserId, ["role"] = "internal_user" },
        });
        yield return Patch("/organization/member_update", w => new JsonObject { ["organization_id"] = w.OrganizationId, ["user_id"] = w.MemberId, ["role"] = "org_admin" });
        yield return Delete("/organization/member_delete", w => new JsonObject { ["organization_id"] = w.OrganizationId, ["user_id"] = w.MemberId });
        yield return Post("/project/new", w => new JsonObject { ["team_id"] = w.TeamId, ["project_alias"] = Api.UniqueId("dry-project") });
        yield return Post("/project/update", w => new JsonObject { ["project_id"] = w.ProjectId, ["project_alias"] = Api.UniqueId("dry-project") });
        yield return Delete("/project/delete", w => new JsonObject { ["project_ids"] = new JsonArray(w.ProjectId) });
        yield return Post("/team/new", _ => new JsonObject { ["team_alias"] = Api.UniqueId("dry-team") });
        yield return Post("/team/update", w => new JsonObject { ["team_id"] = w.TeamId, ["team_alias"] = Api.UniqueId("dry-team") });
        yield return Post("/team/member_add", w => new JsonObject { ["team_id"] = w.TeamId, ["member"] = new JsonObject { ["user_id"] = w.UserId, ["role"] = "user" } });
        yield return Post("/team/member_delete", w => new JsonObject { ["team_id"] = w.TeamId, ["user_id"] = w.MemberId });
        yield return Post("/team/member_update", w => new JsonObject { ["team_id"] = w.TeamId, ["user_id"] = w.MemberId, ["role"] = "admin" });
        yield return Post("/team/permissions_update", w => new JsonObject { ["team_id"] = w.TeamId, ["team_member_permissions"] = new JsonArray("/key/info") });
        yield return Post("/team/model/add", w => new JsonObject { ["team_id"] = w.TeamId, ["models"] = new JsonArray("all-proxy-models") });
        yield return Post("/team/model/delete", w => new JsonObject { ["team_id"] = w.TeamId, ["models"] = new JsonArray(w.ModelName) });
        yield return Post("/team/block", w => new JsonObject { ["team_id"] = w.TeamId });
        yield return Post("/team/unblock", w => new JsonObject { ["team_id"] = w.TeamId });
        yield return Post("/team/delete", w => new JsonObject { ["team_ids"] = new JsonArray(w.EmptyTeamId) });
        yield return Post("/user/new", _ => new JsonObject { ["user_id"] = Api.UniqueId("dry-user") });
        yield return Post("/user/update", w => new JsonObject { ["user_id"] = w.UserId, ["max_budget"] = 7 });
        yield return Post("/user/delete", w => new JsonObject { ["user_ids"] = new JsonArray(w.UserId) });
    }

    private static async Task<World> NewWorld(HttpClient admin)
    {
        var userId = Api.UniqueId("dry-user");
        var memberId = Api.UniqueId("dry-member");
        await (await admin.PostJson("/user/new", new { user_id = userId, user_role = "internal_user" })).Expect(200);
        await (await admin.PostJson("/user/new", new { user_id = memberId, user_role = "internal_user" })).Expect(200);
        var organizationId = (await (await admin.PostJson("/organization/new", new { organization_alias = Api.UniqueId("dry-org") })).Expect(200))["organization_id"]!.GetValue<string>();
        await (await admin.PostJson("/organization/member_add", new { organization_id = organizationId, member = new { user_id = memberId, role = "internal_user" } })).Expect(200);
        var modelName = Api.UniqueId("dry-model");
        var modelId = (await (await admin.PostJson("/model/new", ModelApi.Body(modelName))).Expect(200))["model_id"]!.GetValue<string>();
        var teamId = (await (await admin.PostJson("/team/new", new { team_alias = Api.UniqueId("dry-team"), models = new[] { modelName }, max_budget = 100 })).Expect(200))["team_id"]!.GetValue<string>();
        await (await admin.PostJson("/team/member_add", new { team_id = teamId, member = new { user_id = memberId, role = "user" } })).Expect(200);
        var emptyTeamId = (await (await admin.PostJson("/team/new", new { team_alias = Api.UniqueId("dry-team") })).Expect(200))["team_id"]!.GetValue<string>();
        var projectId = (await (await admin.PostJson("/project/new", new { team_id = teamId, project_alias = Api.UniqueId("dry-project") })).Expect(200))["project_id"]!.GetValue<string>();
        var key = (await (await admin.PostJson("/key/generate", new { user_id = userId })).Expect(200))["key"]!.GetValue<string>();
        var budgetId = (await (await admin.PostJson("/budget/new", new { max_budget = 10 })).Expect(200))["budget_id"]!.GetValue<string>();
        var credentialName = Api.UniqueId("dry-credential");
        await (await admin.PostJson("/credentials", new { credential_name = credentialName, credential_values = new { api_key = "dry-run-provider-value" } })).Expect(200);
        return new World(userId, memberId, organizationId, teamId, emptyTeamId, projectId, modelId, modelName, key, budgetId, credentialName);
    }

    /// <summary>
    /// A rotation goes on after its 202, re-encrypting and auditing rows: the next case's snapshots wait until it has
    /// ended, so they see only what that case does.
    /// </summary>
    private static async Task RotationSettled(HttpClient admin)
    {
        for (var waited = 0; waited < 600; waited++)
        {
            var status = await (await admin.GetAsync("/encryption/status")).Expect(200);
            if (status["rotation"]?["state"]?.GetValue<string>() != "running")
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new AssertionException("The rotation did not end within 30 s.");
    }

    private static async Task<string> ViewerKey(HttpClient admin)
    {
        var viewerId = Api.UniqueId("dry-viewer");
        await (await admin.PostJson("/user/new", new { user_id = viewerId, user_role = "proxy_admin_viewer" })).Expect(200);
        return (await (await admin.PostJson("/key/generate", new { user_id = viewerId })).Expect(200))["key"]!.GetValue<string>();
    }

    private static async Task<HttpResponseMessage> Send(HttpClient client, Write write, World world, string query)
    {
        using var request = new HttpRequestMessage(new HttpMethod(write.Method), write.Path(world) + query);
        if (write.Body(world) is { } body)
        {
            request.Content = JsonContent.Create(body);
        }

        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> SendWithKey(HttpClient client, string path, JsonObject body, string idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await client.SendAsync(request);
    }

    /// <summary>The field names of an answer, nested objects' included (paths like <c>team.members</c>); an array's are its first item's.</summary>
    private static List<string> FieldsOf(JsonNode? node, string prefix = "")
    {
        var fields = new List<string>();
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    fields.Add(prefix + name);
                    fields.AddRange(FieldsOf(value, prefix + name + "."));
                }

                break;
            case JsonArray { Count: > 0 } array:
                fields.AddRange(FieldsOf(array[0], prefix + "[]."));
                break;
        }

        fields.Sort(StringComparer.Ordinal);
        return fields;
    }

    private static void AssertSameContents(SortedDictionary<string, List<string>> after, SortedDictionary<string, List<string>> before, string what)
    {
        var changed = after.Keys.Union(before.Keys)
            .Where(table => !after.TryGetValue(table, out var a) || !before.TryGetValue(table, out var b) || !a.SequenceEqual(b))
            .ToList();
        Assert.That(changed, Is.Empty, $"{what} changed these tables");
    }
}
