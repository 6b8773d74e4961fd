using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// No lost edits (README): every single-resource read names the row's version as a strong ETag, every update and
/// delete of it honours If-Match, and a stale tag is a 412 that changes nothing and audits nothing.
/// </summary>
public sealed class EntityTagTests
{
    /// <summary>One resource of each kind, made fresh: how to read it, change it (each call a different change) and delete it.</summary>
    public sealed record Tagged(
        string AuditId,
        Func<HttpRequestMessage> Read,
        Func<int, HttpRequestMessage> Update,
        Func<HttpRequestMessage> Delete);

    public static IEnumerable<TestCaseData> Resources()
    {
        yield return Case("project", async () =>
        {
            var projectId = await ProjectApi.NewProjectId(await ProjectApi.NewTeam());
            return new Tagged(
                projectId,
                () => Get($"/project/info?project_id={projectId}"),
                n => Json(HttpMethod.Post, "/project/update", new { project_id = projectId, description = $"change {n}" }),
                () => Json(HttpMethod.Delete, "/project/delete", new { project_ids = new[] { projectId } }));
        });
        yield return Case("team", async () =>
        {
            var teamId = await ProjectApi.NewTeam();
            return new Tagged(
                teamId,
                () => Get($"/team/info?team_id={teamId}"),
                n => Json(HttpMethod.Post, "/team/update", new { team_id = teamId, team_alias = $"alias {n}" }),
                () => Json(HttpMethod.Post, "/team/delete", new { team_ids = new[] { teamId } }));
        });
        yield return Case("model", async () =>
        {
            var modelId = (await Service.App.Admin().AddModel(ModelApi.Body(Api.UniqueId("model")))).Id();
            return new Tagged(
                modelId,
                () => Get($"/model/info?litellm_model_id={modelId}"),
                n => Json(HttpMethod.Post, "/model/update", new { model_info = new { id = modelId }, litellm_params = new { rpm = n + 1 } }),
                () => Json(HttpMethod.Post, "/model/delete", new { id = modelId }));
        });
        yield return Case("key", async () =>
        {
            var key = (await Api.GenerateKey(Service.App.Admin(), new { key_alias = Api.UniqueId("alias") }))["key"]!.GetValue<string>();
            return new Tagged(
                Api.Sha256Hex(key),
                () => Get($"/key/info?key={key}"),
                n => Json(HttpMethod.Post, "/key/update", new { key, key_alias = Api.UniqueId($"alias{n}") }),
                () => Json(HttpMethod.Post, "/key/delete", new { keys = new[] { key } }));
        });
        yield return Case("user", async () =>
        {
            var (userId, _) = await Api.CreateUser();
            return new Tagged(
                userId,
                () => Get($"/user/info?user_id={userId}"),
                n => Json(HttpMethod.Post, "/user/update", new { user_id = userId, user_alias = $"alias {n}" }),
                () => Json(HttpMethod.Post, "/user/delete", new { user_ids = new[] { userId } }));
        });
        yield return Case("organization", async () =>
        {
            var organizationId = OrganizationApi.OrgId(await OrganizationApi.NewOrganization());
            return new Tagged(
                organizationId,
                () => Get($"/organization/info?organization_id={organizationId}"),
                n => Json(HttpMethod.Patch, "/organization/update", new { organization_id = organizationId, organization_alias = Api.UniqueId($"alias{n}") }),
                () => Json(HttpMethod.Delete, "/organization/delete", new { organization_ids = new[] { organizationId } }));
        });
        yield return Case("budget", async () =>
        {
            var budgetId = Api.UniqueId("budget");
            await (await Service.App.Admin().PostJson("/budget/new", new { budget_id = budgetId, max_budget = 10 })).Expect(200);
            return new Tagged(
                budgetId,
                () => Json(HttpMethod.Post, "/budget/info", new { budgets = new[] { budgetId } }),
                n => Json(HttpMethod.Post, "/budget/update", new { budget_id = budgetId, max_budget = 20 + n }),
                () => Json(HttpMethod.Post, "/budget/delete", new { id = budgetId }));
        });
        yield return Case("credential", async () =>
        {
            var name = await CredentialApi.NewCredential();
            return new Tagged(
                name,
                () => Get($"/credentials/by_name/{CredentialApi.Path(name)}"),
                n => Json(HttpMethod.Patch, $"/credentials/{CredentialApi.Path(name)}", new { credential_info = new { note = $"change {n}" } }),
                () => new HttpRequestMessage(HttpMethod.Delete, $"/credentials/{CredentialApi.Path(name)}"));
        });
    }

    [TestCaseSource(nameof(Resources))]
    public async Task AReadAndEveryWriteNameTheStoredVersionAsAStrongTag(Func<Task<Tagged>> create)
    {
        var resource = await create();
        var read = await Tag(await Send(resource.Read()));
        Assert.That(read, Does.Match("^\"[A-Za-z0-9_-]{24}\"$"), "a strong, quoted, opaque tag");
        Assert.That(await Tag(await Send(resource.Read())), Is.EqualTo(read), "a read changes nothing, so the tag stays");

        var written = await Tag(await Send(resource.Update(1), read));
        Assert.That(written, Is.Not.EqualTo(read), "a write answers with the next version's tag");
        Assert.That(await Tag(await Send(resource.Read())), Is.EqualTo(written), "the write's tag is the one a read now gives");

        var unconditional = await Tag(await Send(resource.Update(2)));
        Assert.That(unconditional, Is.Not.EqualTo(written), "without If-Match a write goes ahead, as LiteLLM's clients expect");
    }

    [TestCaseSource(nameof(Resources))]
    public async Task OfTwoClientsThatReadTheSameVersionTheSecondWriterGets412AndChangesNothing(Func<Task<Tagged>> create)
    {
        var resource = await create();
        var first = await Tag(await Send(resource.Read()));
        var second = await Tag(await Send(resource.Read()));
        Assert.That(second, Is.EqualTo(first));

        var current = await Tag(await Send(resource.Update(1), first));
        var shownAfterTheFirstWrite = await (await Send(resource.Read())).Content.ReadAsStringAsync();
        var auditRows = (await Api.AuditRowsFor(resource.AuditId)).Count;

        var refused = await Send(resource.Update(2), second);
        var body = await refused.Expect(412);
        Assert.That(body.ErrorType(), Is.EqualTo("precondition_failed_error"));
        Assert.That(body.ErrorParam(), Is.EqualTo("If-Match"));
        Assert.That(body.ErrorMessage(), Does.Contain(current), "the message names the current ETag");
        Assert.That(refused.Headers.ETag?.ToString(), Is.EqualTo(current), "and so does the ETag header");

        Assert.That(await (await Send(resource.Read())).Content.ReadAsStringAsync(), Is.EqualTo(shownAfterTheFirstWrite), "nothing was changed");
        Assert.That(await Api.AuditRowsFor(resource.AuditId), Has.Count.EqualTo(auditRows), "nothing was audited");

        var staleDelete = await (await Send(resource.Delete(), second)).Expect(412);
        Assert.That(staleDelete.ErrorMessage(), Does.Contain(current));
        Assert.That(await Tag(await Send(resource.Read())), Is.EqualTo(current), "a stale delete deletes nothing");
        Assert.That(await Api.AuditRowsFor(resource.AuditId), Has.Count.EqualTo(auditRows));

        Assert.That((int)(await Send(resource.Delete(), current)).StatusCode, Is.EqualTo(200));
        Assert.That((await Send(resource.Read())).Headers.ETag, Is.Null, "deleted: a read shows nothing to tag (404, or an empty budget list)");
    }

    [TestCaseSource(nameof(Resources))]
    public async Task AStarMatchesWhicheverVersionIsStored(Func<Task<Tagged>> create)
    {
        var resource = await create();
        await Tag(await Send(resource.Update(1)));

        await Tag(await Send(resource.Update(2), "*"));
        Assert.That((int)(await Send(resource.Delete(), "*")).StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task AWeakTagNeverMatchesEvenWhenItsValueIsTheCurrentOne()
    {
        var teamId = await ProjectApi.NewTeam();
        var current = await Tag(await Send(Get($"/team/info?team_id={teamId}")));

        var body = await (await Send(TeamUpdate(teamId), "W/" + current)).Expect(412);

        Assert.That(body.ErrorMessage(), Does.Contain("weak tag never matches"));
        Assert.That(await Tag(await Send(Get($"/team/info?team_id={teamId}"))), Is.EqualTo(current));
    }

    [TestCase("abc")]
    [TestCase("\"unterminated")]
    [TestCase("\"a\" \"b\"")]
    [TestCase(" , ")]
    public async Task AnIfMatchThatIsNotAListOfTagsIs400(string header)
    {
        var teamId = await ProjectApi.NewTeam();
        var current = await Tag(await Send(Get($"/team/info?team_id={teamId}")));

        var body = await (await Send(TeamUpdate(teamId), header)).Expect(400);

        Assert.That(body.ErrorParam(), Is.EqualTo("If-Match"));
        Assert.That(await Tag(await Send(Get($"/team/info?team_id={teamId}"))), Is.EqualTo(current));
    }

    /// <summary>An empty list is no list (RFC 9110): the generated TypeScript client sends <c>If-Match: </c> when given no tag.</summary>
    [TestCase("")]
    [TestCase("  ")]
    public async Task AnEmptyIfMatchIsAsIfNoneWasSent(string header)
    {
        var teamId = await ProjectApi.NewTeam();

        var response = await Send(TeamUpdate(teamId), header);

        await response.Expect(200);
        Assert.That(response.Headers.ETag, Is.Not.Null, "the write answers with its new tag");
    }

    [Test]
    public async Task ATagOfAnotherResourceDoesNotMatch()
    {
        var (userId, _) = await Api.CreateUser();
        var teamId = await ProjectApi.NewTeam();
        var userTag = await Tag(await Send(Get($"/user/info?user_id={userId}")));
        var teamTag = await Tag(await Send(Get($"/team/info?team_id={teamId}")));
        Assert.That(userTag, Is.Not.EqualTo(teamTag), "two resources at the same version never share a tag");

        await (await Send(TeamUpdate(teamId), userTag)).Expect(412);
    }

    [Test]
    public async Task OfTwoRacingWritesWithTheSameTagOneWinsAndTheOther412s()
    {
        var teamId = await ProjectApi.NewTeam();
        var current = await Tag(await Send(Get($"/team/info?team_id={teamId}")));

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(n => Send(TeamUpdate(teamId, $"racer {n}"), current)));

        var statuses = responses.Select(r => (int)r.StatusCode).ToList();
        Assert.That(statuses.Count(s => s == 200), Is.EqualTo(1), string.Join(",", statuses));
        Assert.That(statuses.Count(s => s == 412), Is.EqualTo(5), string.Join(",", statuses));
        var updates = (await Api.AuditRowsFor(teamId)).Count(row => row!["action"]!.GetValue<string>() == "updated");
        Assert.That(updates, Is.EqualTo(1), "one audit row: the winner's");
    }

    [Test]
    public async Task ABatchDeleteTakesOneTagPerIdInTheOrderOfTheIds()
    {
        var (a, b) = (await ProjectApi.NewTeam(), await ProjectApi.NewTeam());
        var tagA = await Tag(await Send(Get($"/team/info?team_id={a}")));
        var tagB = await Tag(await Send(Get($"/team/info?team_id={b}")));
        HttpRequestMessage Delete() => Json(HttpMethod.Post, "/team/delete", new { team_ids = new[] { a, b } });

        var swapped = await (await Send(Delete(), $"{tagB}, {tagA}")).Expect(412);
        Assert.That(swapped.ErrorMessage(), Does.Contain("resource 1 of 2").And.Contain(tagA));

        var tooFew = await (await Send(Delete(), tagA)).Expect(400);
        Assert.That(tooFew.ErrorParam(), Is.EqualTo("If-Match"));
        Assert.That(tooFew.ErrorMessage(), Does.Contain("1 entity tag(s) for 2 resource(s)"));

        await (await Send(TeamUpdate(b))).Expect(200);
        var stale = await (await Send(Delete(), $"{tagA}, {tagB}")).Expect(412);
        Assert.That(stale.ErrorMessage(), Does.Contain("resource 2 of 2"));
        await (await Send(Get($"/team/info?team_id={a}"))).Expect(200);
        Assert.That(await Api.AuditRowsFor(a), Has.Count.EqualTo(1), "only the create: nothing was deleted");

        var currentB = await Tag(await Send(Get($"/team/info?team_id={b}")));
        await (await Send(Delete(), $"{tagA}, *")).Expect(200);
        Assert.That(currentB, Is.Not.EqualTo(tagB));
        await (await Send(Get($"/team/info?team_id={a}"))).Expect(404);
        await (await Send(Get($"/team/info?team_id={b}"))).Expect(404);
    }

    [Test]
    public async Task ABatchDeleteOfKeysTakesTheKeysTagsThenTheAliases()
    {
        var alias = Api.UniqueId("alias");
        var byAlias = (await Api.GenerateKey(Service.App.Admin(), new { key_alias = alias }))["key"]!.GetValue<string>();
        var byKey = (await Api.GenerateKey(Service.App.Admin(), new { }))["key"]!.GetValue<string>();
        var aliasTag = await Tag(await Send(Get($"/key/info?key={byAlias}")));
        var keyTag = await Tag(await Send(Get($"/key/info?key={byKey}")));
        HttpRequestMessage Delete() => Json(HttpMethod.Post, "/key/delete", new { key_aliases = new[] { alias }, keys = new[] { byKey } });

        await (await Send(Delete(), $"{aliasTag}, {keyTag}")).Expect(412);
        await (await Send(Delete(), $"{keyTag}, {aliasTag}")).Expect(200);
    }

    [Test]
    public async Task ListsAndAnswersOfSeveralResourcesCarryNoTag()
    {
        var (a, b) = (Api.UniqueId("budget"), Api.UniqueId("budget"));
        await (await Service.App.Admin().PostJson("/budget/new", new { budget_id = a, max_budget = 1 })).Expect(200);
        await (await Service.App.Admin().PostJson("/budget/new", new { budget_id = b, max_budget = 1 })).Expect(200);

        Assert.That((await Send(Json(HttpMethod.Post, "/budget/info", new { budgets = new[] { a, b } }))).Headers.ETag, Is.Null);
        Assert.That((await Send(Get("/team/list"))).Headers.ETag, Is.Null);
        Assert.That((await Send(Get("/model/info"))).Headers.ETag, Is.Null);
        Assert.That((await Send(Get("/v2/project/list"))).Headers.ETag, Is.Null);
        Assert.That((await Send(Json(HttpMethod.Post, "/team/delete", new { team_ids = new[] { await ProjectApi.NewTeam() } }))).Headers.ETag, Is.Null, "a delete shows nothing that still exists");
    }

    [Test]
    public async Task AMissingResourceIs404WhateverIfMatchSays()
    {
        var body = await (await Send(TeamUpdate(Api.UniqueId("ghost")), "*")).Expect(404);
        Assert.That(body.ErrorType(), Is.EqualTo("not_found_error"));
    }

    [Test]
    public async Task AResourceTheCallerMayNotSeeIs404NotATagLeak()
    {
        var teamId = await ProjectApi.NewTeam();
        var (_, stranger) = await ProjectApi.UserWithRole();
        var response = await stranger.SendAsync(WithIfMatch(TeamUpdate(teamId), "\"stale\""));

        Assert.That((int)response.StatusCode, Is.EqualTo(404));
        Assert.That(response.Headers.ETag, Is.Null);
    }

    private static TestCaseData Case(string name, Func<Task<Tagged>> create) => new TestCaseData(create).SetArgDisplayNames(name);

    internal static HttpRequestMessage Get(string path) => new(HttpMethod.Get, path);

    internal static HttpRequestMessage Json(HttpMethod method, string path, object body) => new(method, path) { Content = JsonContent.Create(body) };

    internal static HttpRequestMessage TeamUpdate(string teamId, string alias = "renamed") => Json(HttpMethod.Post, "/team/update", new { team_id = teamId, team_alias = alias });

    internal static HttpRequestMessage WithIfMatch(HttpRequestMessage request, string? ifMatch)
    {
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }

    internal static Task<HttpResponseMessage> Send(HttpRequestMessage request, string? ifMatch = null, ProxyAdminApp? app = null) =>
        (app ?? Service.App).Admin().SendAsync(WithIfMatch(request, ifMatch));

    /// <summary>The ETag of a successful answer, exactly as sent.</summary>
    internal static async Task<string> Tag(HttpResponseMessage response)
    {
        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
        Assert.That(response.Headers.TryGetValues("ETag", out var values), Is.True, $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri} answers with an ETag");
        return values!.Single();
    }
}

/// <summary>The document says which operations take If-Match and which answer with an ETag, by the same rule the handlers follow.</summary>
public sealed class EntityTagDocumentTests
{
    private static readonly string[] Writes =
    [
        "POST /project/update", "DELETE /project/delete", "POST /team/update", "POST /team/delete", "POST /model/update",
        "PATCH /model/{model_id}/update", "POST /model/delete", "POST /key/update", "POST /key/delete", "POST /user/update",
        "POST /user/delete", "PATCH /organization/update", "DELETE /organization/delete", "POST /budget/update",
        "POST /budget/delete", "PATCH /credentials/{credential_name}", "DELETE /credentials/{credential_name}",
    ];

    private static readonly string[] TaggedReads =
    [
        "GET /project/info", "GET /team/info", "GET /model/info", "GET /v1/model/info", "GET /key/info", "GET /user/info", "GET /organization/info",
        "POST /budget/info", "GET /credentials/by_name/{credential_name}",
    ];

    private JsonObject _document = null!;

    [OneTimeSetUp]
    public async Task LoadTheDocument() =>
        _document = await (await Service.App.ClientWith(null).GetAsync("/openapi.json")).ReadObject();

    [Test]
    public void EveryUpdateAndDeleteOfATaggedResourceTakesIfMatchAndNoOtherOperationDoes()
    {
        var taking = Operations().Where(o => o.Operation["parameters"]?.AsArray().Any(p => p!["name"]!.GetValue<string>() == "If-Match" && p["in"]!.GetValue<string>() == "header") == true)
            .Select(o => o.Name).ToList();

        Assert.That(taking, Is.EquivalentTo(Writes));
        foreach (var write in Writes)
        {
            var responses = Operations().Single(o => o.Name == write).Operation["responses"]!.AsObject();
            Assert.That(responses.Select(r => r.Key), Is.SupersetOf(new[] { "412", "428" }), write);
            Assert.That(responses["412"]!["headers"]?["ETag"], Is.Not.Null, $"{write}: a 412 names the current tag");
        }
    }

    [Test]
    public void EverySingleResourceReadAndEveryUpdateDocumentsTheETagOfItsAnswer()
    {
        var updates = Writes.Where(w => !w.Contains("delete", StringComparison.OrdinalIgnoreCase) && !w.StartsWith("DELETE", StringComparison.Ordinal));
        var tagged = Operations().Where(o => o.Operation["responses"]!["200"]?["headers"]?["ETag"] is not null).Select(o => o.Name).ToList();

        Assert.That(tagged, Is.EquivalentTo(TaggedReads.Concat(updates)));
    }

    private IEnumerable<(string Name, JsonObject Operation)> Operations() =>
        _document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Where(method => method.Value is JsonObject operation && operation.ContainsKey("responses"))
            .Select(method => ($"{method.Key.ToUpperInvariant()} {path.Key}", method.Value!.AsObject())));
}
