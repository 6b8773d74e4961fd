using System.Text.Json.Nodes;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>The model read routes: their shapes, paging, grouping, and what each kind of caller sees.</summary>
public sealed class ModelReadTests
{
    private static HttpClient Admin => ModelApi.Admin;

    private static async Task<List<JsonNode>> InfoList(HttpClient client, string path = "/model/info") =>
        (await (await client.GetAsync(path)).Expect(200))["data"]!.AsArray().Select(m => m!).ToList();

    private static async Task<List<string>> OpenAiIds(HttpClient client, string path = "/models") =>
        (await (await client.GetAsync(path)).Expect(200))["data"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()).ToList();

    private static async Task<List<string>> GroupNames(HttpClient client) =>
        (await (await client.GetAsync("/model_group/info")).Expect(200))["data"]!.AsArray().Select(g => g!["model_group"]!.GetValue<string>()).ToList();

    // ---------------------------------------------------------------- shapes

    [Test]
    public async Task ModelInfoAndV1ModelInfoListAndFetchOneModel()
    {
        var created = await Admin.AddModel(ModelApi.Body(Api.UniqueId("info"), modelInfo: new JsonObject { ["mode"] = "chat" }));

        foreach (var path in new[] { "/model/info", "/v1/model/info" })
        {
            var listed = (await InfoList(Admin, path)).Single(m => m["model_id"]!.GetValue<string>() == created.Id());
            Assert.That(listed.ToJsonString(), Is.EqualTo(created.ToJsonString()), path);
            var single = await (await Admin.GetAsync($"{path}?litellm_model_id={created.Id()}")).Expect(200);
            Assert.That(single["data"]!.ToJsonString(), Is.EqualTo($"[{created.ToJsonString()}]"), $"{path}?litellm_model_id returns a list of exactly the one model, as LiteLLM now does");
            var missing = Api.UniqueId("missing");
            var notFound = await (await Admin.GetAsync($"{path}?litellm_model_id={missing}")).Expect(404);
            Assert.That(notFound.ErrorMessage(), Is.EqualTo($"Model id = {missing} not found on litellm proxy"));
        }

        // Every entry carries the deployment's fields.
        foreach (var field in new[] { "model_id", "model_name", "litellm_params", "model_info", "created_at", "created_by", "updated_at", "updated_by" })
        {
            Assert.That(created.ContainsKey(field), Is.True, field);
        }
    }

    [Test]
    public async Task ModelInfoFiltersByTeam()
    {
        var teamId = await ModelApi.NewTeam();
        var teamModel = await Admin.AddModel(ModelApi.Body("filtered", modelInfo: new JsonObject { ["team_id"] = teamId }));
        await Admin.AddModel(ModelApi.Body(Api.UniqueId("unfiltered")));

        var listed = await InfoList(Admin, $"/model/info?team_id={teamId}");

        Assert.That(listed.Select(m => m["model_id"]!.GetValue<string>()), Is.EqualTo(new[] { teamModel.Id() }));
        Assert.That(await OpenAiIds(Admin, $"/v1/models?team_id={teamId}"), Is.EqualTo(new[] { "filtered" }));
    }

    [Test]
    public async Task V2ModelInfoPagesSearchesAndFiltersByTeam()
    {
        var prefix = Api.UniqueId("paged");
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await Admin.AddModel(ModelApi.Body($"{prefix}-{i}"))).Id());
        }

        var page1 = await (await Admin.GetAsync($"/v2/model/info?search={prefix}&size=2&page=1")).Expect(200);
        var page2 = await (await Admin.GetAsync($"/v2/model/info?search={prefix}&size=2&page=2")).Expect(200);
        var page3 = await (await Admin.GetAsync($"/v2/model/info?search={prefix}&size=2&page=3")).Expect(200);

        Assert.Multiple(() =>
        {
            Assert.That((page1["total_count"]!.GetValue<int>(), page1["current_page"]!.GetValue<int>(), page1["total_pages"]!.GetValue<int>(), page1["size"]!.GetValue<int>()), Is.EqualTo((3, 1, 2, 2)));
            Assert.That((page2["total_count"]!.GetValue<int>(), page2["current_page"]!.GetValue<int>()), Is.EqualTo((3, 2)));
            Assert.That(page3["data"]!.AsArray(), Is.Empty, "past the last page");
            var seen = page1["data"]!.AsArray().Concat(page2["data"]!.AsArray()).Select(m => m!["model_id"]!.GetValue<string>()).ToList();
            Assert.That(seen, Is.EqualTo(ids), "pages cover every match once, oldest first");
        });

        var teamId = await ModelApi.NewTeam();
        var teamModel = await Admin.AddModel(ModelApi.Body($"{prefix}-team", modelInfo: new JsonObject { ["team_id"] = teamId }));
        var byTeam = await (await Admin.GetAsync($"/v2/model/info?team_id={teamId}")).Expect(200);
        Assert.That(byTeam["data"]!.AsArray().Select(m => m!["model_id"]!.GetValue<string>()), Is.EqualTo(new[] { teamModel.Id() }));
        Assert.That(byTeam["total_count"]!.GetValue<int>(), Is.EqualTo(1));
        var byPublicName = await (await Admin.GetAsync($"/v2/model/info?search={prefix}-team")).Expect(200);
        Assert.That(byPublicName["data"]!.AsArray().Select(m => m!["model_id"]!.GetValue<string>()), Is.EqualTo(new[] { teamModel.Id() }), "search finds a team model by its public name");

        var defaults = await (await Admin.GetAsync($"/v2/model/info?search={prefix}")).Expect(200);
        Assert.That((defaults["current_page"]!.GetValue<int>(), defaults["size"]!.GetValue<int>(), defaults["total_count"]!.GetValue<int>()), Is.EqualTo((1, 50, 4)));
    }

    [TestCase("page=0")]
    [TestCase("size=0")]
    [TestCase("size=100000")]
    [TestCase("page=abc")]
    [TestCase("size=-1")]
    public async Task V2ModelInfoRejectsABadPageWithA400(string query)
    {
        await (await Admin.GetAsync($"/v2/model/info?{query}")).Expect(400);
    }

    [Test]
    public async Task TheOpenAiListNamesEachModelOnceInOpenAisShape()
    {
        var name = Api.UniqueId("openai");
        await Admin.AddModel(ModelApi.Body(name));
        await Admin.AddModel(ModelApi.Body(name, new JsonObject { ["model"] = "azure/gpt-4o" }));

        foreach (var path in new[] { "/models", "/v1/models" })
        {
            var body = await (await Admin.GetAsync(path)).Expect(200);
            Assert.That(body["object"]!.GetValue<string>(), Is.EqualTo("list"), path);
            var entries = body["data"]!.AsArray().Where(e => e!["id"]!.GetValue<string>() == name).ToList();
            Assert.That(entries, Has.Count.EqualTo(1), $"{path}: two deployments of one name are one model");
            Assert.That(entries[0]!.AsObject().Select(p => p.Key), Is.EquivalentTo(new[] { "id", "object", "created", "owned_by" }), path);
            Assert.That(entries[0]!["object"]!.GetValue<string>(), Is.EqualTo("model"));
            Assert.That(entries[0]!["created"]!.GetValue<long>(), Is.EqualTo(1677610602));
            Assert.That(entries[0]!["owned_by"]!.GetValue<string>(), Is.EqualTo("openai"));
            var ids = body["data"]!.AsArray().Select(e => e!["id"]!.GetValue<string>()).ToList();
            Assert.That(ids, Is.Unique, path);
        }
    }

    [Test]
    public async Task ModelGroupInfoGroupsDeploymentsByPublicName()
    {
        var name = Api.UniqueId("group");
        await Admin.AddModel(ModelApi.Body(name, new JsonObject { ["model"] = "openai/gpt-4o", ["tpm"] = 100, ["rpm"] = 10 }, new JsonObject { ["mode"] = "embedding", ["max_input_tokens"] = 8000 }));
        await Admin.AddModel(ModelApi.Body(name, new JsonObject { ["model"] = "gpt-4o-eu", ["custom_llm_provider"] = "azure", ["tpm"] = 200, ["rpm"] = 20 }, new JsonObject { ["max_input_tokens"] = 16000 }));
        var teamId = await ModelApi.NewTeam();
        var publicName = Api.UniqueId("team-group");
        await Admin.AddModel(ModelApi.Body(publicName, new JsonObject { ["model"] = "anthropic/claude-3", ["rpm"] = 7 }, new JsonObject { ["team_id"] = teamId }));
        await Admin.AddModel(ModelApi.Body(publicName, new JsonObject { ["model"] = "anthropic/claude-3", ["rpm"] = 8 }, new JsonObject { ["team_id"] = teamId }));

        var groups = (await (await Admin.GetAsync("/model_group/info")).Expect(200))["data"]!.AsArray();

        var group = groups.Single(g => g!["model_group"]!.GetValue<string>() == name)!;
        Assert.Multiple(() =>
        {
            Assert.That(group["providers"].Strings(), Is.EqualTo(new[] { "azure", "openai" }));
            Assert.That(group["tpm"]!.GetValue<long>(), Is.EqualTo(300));
            Assert.That(group["rpm"]!.GetValue<long>(), Is.EqualTo(30));
            Assert.That(group["mode"]!.GetValue<string>(), Is.EqualTo("embedding"));
            Assert.That(group["max_input_tokens"]!.GetValue<long>(), Is.EqualTo(16000));
        });
        var teamGroup = groups.Single(g => g!["model_group"]!.GetValue<string>() == publicName)!;
        Assert.That(teamGroup["providers"].Strings(), Is.EqualTo(new[] { "anthropic" }));
        Assert.That(teamGroup["rpm"]!.GetValue<long>(), Is.EqualTo(15));
        Assert.That(teamGroup["tpm"], Is.Null, "no deployment declares tpm");
        Assert.That(teamGroup["mode"]!.GetValue<string>(), Is.EqualTo("chat"), "chat unless model_info says otherwise");
        Assert.That(groups.Any(g => g!["model_group"]!.GetValue<string>().StartsWith($"model_name_{teamId}_", StringComparison.Ordinal)), Is.False, "internal names are not groups");
    }

    [Test]
    public async Task OddIdsAndQueriesNeverCauseA500()
    {
        var longId = new string('x', 300);
        var requests = new (HttpMethod Method, string Path, string? Body)[]
        {
            (HttpMethod.Get, "/model/info?litellm_model_id=", null),
            (HttpMethod.Get, $"/model/info?litellm_model_id={longId}", null),
            (HttpMethod.Get, "/v2/model/info?search=%25_%27%22", null),
            (HttpMethod.Get, $"/v2/model/info?search={new string('s', 600)}", null),
            (HttpMethod.Get, "/v2/model/info?team_id=", null),
            (HttpMethod.Get, $"/v2/model/info?page={int.MaxValue}&size=100", null),
            (HttpMethod.Get, "/models?team_id=%00", null),
            (HttpMethod.Patch, $"/model/{longId}/update", """{"model_name": "x"}"""),
            (HttpMethod.Post, "/model/delete", $$$"""{"id": "{{{longId}}}"}"""),
            (HttpMethod.Post, "/model/update", $$$"""{"model_info": {"id": "{{{longId}}}"}}"""),
            (HttpMethod.Post, "/model/new", $$$"""{"model_name": "x", "litellm_params": {"model": "openai/x"}, "model_info": {"id": "{{{longId}}}"}}"""),
            (HttpMethod.Post, "/model/new", $$$"""{"model_name": "{{{new string('n', 600)}}}", "litellm_params": {"model": "openai/x"}}"""),
            (HttpMethod.Post, "/model/new", $$$"""{"model_name": "x", "litellm_params": {"model": "openai/x"}, "model_info": {"team_id": "{{{longId}}}"}}"""),
        };

        foreach (var (method, path, body) in requests)
        {
            var request = new HttpRequestMessage(method, path);
            if (body is not null)
            {
                request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            }

            var response = await Admin.SendAsync(request);
            Assert.That((int)response.StatusCode, Is.LessThan(500), $"{method} {path[..Math.Min(path.Length, 60)]}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    // ---------------------------------------------------------------- who sees what

    [Test]
    public async Task AKeyRestrictedToSomeModelsSeesOnlyThoseOnEveryRoute()
    {
        var allowed = Api.UniqueId("allowed");
        var denied = Api.UniqueId("denied");
        var allowedModel = await Admin.AddModel(ModelApi.Body(allowed));
        var deniedModel = await Admin.AddModel(ModelApi.Body(denied));
        var (userId, _) = await Api.CreateUser();
        var key = (await Api.GenerateKey(Admin, new { user_id = userId, models = new[] { allowed } }))["key"]!.GetValue<string>();
        var client = Service.App.ClientWith(key);

        var info = (await InfoList(client)).Select(m => m.Name()).ToList();
        var paged = (await (await client.GetAsync("/v2/model/info?size=100")).Expect(200))["data"]!.AsArray().Select(m => m!.Name()).ToList();
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(info, Is.EqualTo(new[] { allowed }));
            Assert.That(paged, Is.EqualTo(new[] { allowed }));
            Assert.That(await OpenAiIds(client), Is.EqualTo(new[] { allowed }));
            Assert.That(await OpenAiIds(client, "/v1/models"), Is.EqualTo(new[] { allowed }));
            Assert.That(await GroupNames(client), Is.EqualTo(new[] { allowed }));
        });
        Assert.That((await client.Info(allowedModel.Id())).Name(), Is.EqualTo(allowed));
        await (await client.GetAsync($"/model/info?litellm_model_id={deniedModel.Id()}")).Expect(404);
        var pagedFiltered = await (await client.GetAsync($"/v2/model/info?search={denied}")).Expect(200);
        Assert.That(pagedFiltered["total_count"]!.GetValue<int>(), Is.EqualTo(0), "the count does not reveal hidden models");
    }

    [Test]
    public async Task AUsersOwnModelListRestrictsEveryKeyOfTheUser()
    {
        var allowed = Api.UniqueId("user-allowed");
        var denied = Api.UniqueId("user-denied");
        await Admin.AddModel(ModelApi.Body(allowed));
        await Admin.AddModel(ModelApi.Body(denied));
        var userId = Api.UniqueId("restricted");
        var key = (await (await Admin.PostJson("/user/new", new { user_id = userId, user_role = "internal_user", models = new[] { allowed } })).Expect(200))["key"]!.GetValue<string>();

        var names = await OpenAiIds(Service.App.ClientWith(key));

        Assert.That(names, Is.EqualTo(new[] { allowed }));
    }

    [Test]
    public async Task AKeyOfATeamSeesThePlainModelsTheTeamAllowsAndTheTeamsOwnModels()
    {
        var allowed = Api.UniqueId("team-allows");
        var denied = Api.UniqueId("team-denies");
        await Admin.AddModel(ModelApi.Body(allowed));
        await Admin.AddModel(ModelApi.Body(denied));
        var (userId, _) = await Api.CreateUser();
        var teamId = await ModelApi.NewTeam(new { models = new[] { allowed } }, (userId, "user"));
        var publicName = Api.UniqueId("byok");
        await Admin.AddModel(ModelApi.Body(publicName, modelInfo: new JsonObject { ["team_id"] = teamId }));
        var key = (await Api.GenerateKey(Admin, new { user_id = userId, team_id = teamId }))["key"]!.GetValue<string>();

        var names = await OpenAiIds(Service.App.ClientWith(key));

        Assert.That(names, Is.EquivalentTo(new[] { allowed, publicName }));
    }

    [Test]
    public async Task TeamMembersSeeTheirTeamsModelsUnderPublicNamesAndOutsidersDoNot()
    {
        var (memberId, member) = await ModelApi.NewCaller();
        var (_, outsider) = await ModelApi.NewCaller();
        var teamId = await ModelApi.NewTeam(null, (memberId, "user"));
        var publicName = Api.UniqueId("public");
        var first = await Admin.AddModel(ModelApi.Body(publicName, modelInfo: new JsonObject { ["team_id"] = teamId }));
        var second = await Admin.AddModel(ModelApi.Body(publicName, modelInfo: new JsonObject { ["team_id"] = teamId }));

        var seen = await member.Info(first.Id());
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(seen.Name(), Is.EqualTo(publicName), "a member sees the public name");
            Assert.That(seen["model_info"]!["team_id"]!.GetValue<string>(), Is.EqualTo(teamId));
            var listed = (await InfoList(member)).Where(m => m["model_info"]!["team_id"]?.GetValue<string>() == teamId).ToList();
            Assert.That(listed.Select(m => m["model_id"]!.GetValue<string>()), Is.EquivalentTo(new[] { first.Id(), second.Id() }));
            Assert.That(listed.Select(m => m.Name()).Distinct(), Is.EqualTo(new[] { publicName }));
            var paged = await (await member.GetAsync($"/v2/model/info?team_id={teamId}")).Expect(200);
            Assert.That(paged["data"]!.AsArray().Select(m => m!.Name()), Is.EqualTo(new[] { publicName, publicName }));
            Assert.That((await OpenAiIds(member)).Count(n => n == publicName), Is.EqualTo(1));
            Assert.That(await GroupNames(member), Does.Contain(publicName));
        });

        await (await outsider.GetAsync($"/model/info?litellm_model_id={first.Id()}")).Expect(404);
        await Assert.MultipleAsync(async () =>
        {
            Assert.That((await InfoList(outsider)).Any(m => m["model_info"]!["team_id"]?.GetValue<string>() == teamId), Is.False);
            Assert.That(await OpenAiIds(outsider), Does.Not.Contain(publicName));
            Assert.That(await GroupNames(outsider), Does.Not.Contain(publicName));
            var paged = await (await outsider.GetAsync($"/v2/model/info?team_id={teamId}")).Expect(200);
            Assert.That(paged["total_count"]!.GetValue<int>(), Is.EqualTo(0));
        });
    }

    [TestCase("proxy_admin_viewer")]
    [TestCase("proxy_admin")]
    public async Task AdminsAndViewersSeeEveryModelButTeamModelsUnderTheirPublicName(string role)
    {
        var (_, reader) = await ModelApi.NewCaller(role);
        var teamId = await ModelApi.NewTeam();
        var teamModel = await Admin.AddModel(ModelApi.Body(Api.UniqueId("anyone"), modelInfo: new JsonObject { ["team_id"] = teamId }));
        var plain = await Admin.AddModel(ModelApi.Body(Api.UniqueId("plain")));

        var single = await reader.Info(teamModel.Id());
        Assert.That(teamModel.Name(), Does.StartWith("model_name_"), "stored under the internal name, which the write answers with");
        Assert.That(single.Name(), Is.EqualTo(teamModel["model_info"]!["team_public_model_name"]!.GetValue<string>()), "reads show the public name, to admins too (LiteLLM's _translate_model_name_for_response)");
        var listed = (await InfoList(reader)).Select(m => m["model_id"]!.GetValue<string>()).ToList();
        Assert.That(listed, Is.SupersetOf(new[] { teamModel.Id(), plain.Id() }));
        var paged = await (await reader.GetAsync($"/v2/model/info?team_id={teamId}")).Expect(200);
        Assert.That(paged["total_count"]!.GetValue<int>(), Is.EqualTo(1));
    }
}
