using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// The model routes as LiteLLM's clients use them (issue 11): the shapes they parse, the routes they call, the
/// messages they match on, edit forms that send back what they read, and outsiders who learn nothing from a write.
/// </summary>
public sealed class ModelClientTests
{
    private static HttpClient Admin => ModelApi.Admin;

    private static JsonObject TeamModel(string publicName, string teamId) =>
        ModelApi.Body(publicName, new JsonObject { ["model"] = "openai/gpt-4o-mini" }, new JsonObject { ["team_id"] = teamId });

    private static async Task<List<string>> OpenAiIds(HttpClient client, string path = "/v1/models") =>
        (await (await client.GetAsync(path)).Expect(200))["data"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()).ToList();

    // ---------------------------------------------------------------- /model/info?litellm_model_id=

    [Test]
    public async Task ModelInfoWithAnIdIsAListOfOneAndTheDocumentSaysSo()
    {
        var created = await Admin.AddModel(ModelApi.Body(Api.UniqueId("one")));

        foreach (var path in new[] { "/model/info", "/v1/model/info" })
        {
            var body = await (await Admin.GetAsync($"{path}?litellm_model_id={created.Id()}")).Expect(200);
            Assert.That(body["data"], Is.InstanceOf<JsonArray>(), path);
            Assert.That(body["data"]!.AsArray().Select(m => m!["model_id"]!.GetValue<string>()), Is.EqualTo(new[] { created.Id() }), path);
        }

        var document = JsonNode.Parse(await (await Service.App.ClientWith(null).GetAsync("/openapi.json")).Content.ReadAsStringAsync())!;
        foreach (var path in new[] { "/model/info", "/v1/model/info" })
        {
            var reference = document["paths"]![path]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>();
            var schema = document["components"]!["schemas"]![reference.Split('/')[^1]]!;
            Assert.That(schema["properties"]!["data"]!["type"]!.GetValue<string>(), Is.EqualTo("array"), $"{path} is documented as a list, with an id or without");
        }
    }

    // ---------------------------------------------------------------- /v1/models/{model_id}

    [Test]
    public async Task RetrieveModelAnswersANameTheCallerMayCallInOpenAisShape()
    {
        var name = Api.UniqueId("retrieve");
        await Admin.AddModel(ModelApi.Body(name, new JsonObject { ["model"] = "anthropic/claude-3" }));

        foreach (var prefix in new[] { "/v1/models/", "/models/" })
        {
            var model = await (await Admin.GetAsync(prefix + name)).Expect(200);
            Assert.That(model.ToJsonString(), Is.EqualTo($$"""{"id":"{{name}}","object":"model","created":1677610602,"owned_by":"anthropic"}"""), prefix);
        }

        var missing = await (await Admin.GetAsync($"/v1/models/{Api.UniqueId("nothing")}")).Expect(404);
        Assert.That(missing.ErrorMessage(), Does.Contain("does not exist or is not accessible"));
        Assert.That(missing.ErrorParam(), Is.EqualTo("model_id"));
    }

    [Test]
    public async Task RetrieveModelFindsANameHoldingSlashesSentAsIsOrEscaped()
    {
        var name = $"{Api.UniqueId("vendor")}/openai/gpt-4o";
        await Admin.AddModel(ModelApi.Body(name, new JsonObject { ["model"] = "gpt-4o", ["custom_llm_provider"] = "azure" }));

        var raw = await (await Admin.GetAsync($"/v1/models/{name}")).Expect(200);
        var escaped = await (await Admin.GetAsync($"/v1/models/{Uri.EscapeDataString(name)}")).Expect(200);
        var shortRoute = await (await Admin.GetAsync($"/models/{name}")).Expect(200);

        Assert.That((raw["id"]!.GetValue<string>(), raw["owned_by"]!.GetValue<string>()), Is.EqualTo((name, "azure")));
        Assert.That(escaped.ToJsonString(), Is.EqualTo(raw.ToJsonString()));
        Assert.That(shortRoute.ToJsonString(), Is.EqualTo(raw.ToJsonString()));
        await (await Admin.GetAsync($"/v1/models/{name}/more")).Expect(404);
    }

    [Test]
    public async Task RetrieveModelAnswersOnlyWhatTheCallerMayCallAndNeverByInternalName()
    {
        var (memberId, member) = await ModelApi.NewCaller();
        var (_, outsider) = await ModelApi.NewCaller();
        var teamId = await ModelApi.NewTeam(null, (memberId, "user"));
        var publicName = Api.UniqueId("byok");
        var created = await Admin.AddModel(TeamModel(publicName, teamId));

        Assert.That((await (await member.GetAsync($"/v1/models/{publicName}")).Expect(200))["id"]!.GetValue<string>(), Is.EqualTo(publicName));
        var hidden = await (await outsider.GetAsync($"/v1/models/{publicName}")).Expect(404);
        var missing = await (await outsider.GetAsync($"/v1/models/{publicName}-x")).Expect(404);
        Assert.That(hidden.ErrorMessage(), Is.EqualTo(missing.ErrorMessage().Replace($"{publicName}-x", publicName, StringComparison.Ordinal)), "another team's model reads as a missing one");
        await (await Admin.GetAsync($"/v1/models/{created.Name()}")).Expect(404);
    }

    // ---------------------------------------------------------------- /model/block and /model/unblock

    [Test]
    public async Task AProxyAdminBlocksAndUnblocksAModelWhichLeavesAndRejoinsTheModelList()
    {
        var name = Api.UniqueId("pausable");
        var created = await Admin.AddModel(ModelApi.Body(name));

        var blocked = await (await Admin.PostJson("/model/block", new { model_id = created.Id() })).Expect(200);
        await Assert.MultipleAsync(async () =>
        {
            Assert.That((blocked["blocked"]!.GetValue<bool>(), blocked["model_info"]!["blocked"]!.GetValue<bool>()), Is.EqualTo((true, true)));
            Assert.That(blocked["model_id"]!.GetValue<string>(), Is.EqualTo(created.Id()));
            Assert.That((await Admin.Info(created.Id()))["model_info"]!["blocked"]!.GetValue<bool>(), Is.True);
            Assert.That(await OpenAiIds(Admin), Does.Not.Contain(name), "a paused model is not listed (LiteLLM's get_fully_blocked_model_names)");
            await (await Admin.GetAsync($"/v1/models/{name}")).Expect(404);
        });

        var unblocked = await (await Admin.PostJson("/model/unblock", new { model_id = created.Id() })).Expect(200);
        Assert.That(unblocked["blocked"]!.GetValue<bool>(), Is.False);
        Assert.That(await OpenAiIds(Admin), Does.Contain(name));

        var actions = (await Api.AuditRowsFor(created.Id())).Select(r => r!["action"]!.GetValue<string>());
        Assert.That(actions, Is.EquivalentTo(new[] { "created", "blocked", "unblocked" }));
    }

    [Test]
    public async Task OnlyAProxyAdminBlocksAndAnOutsiderIsAnsweredAsForAMissingModel()
    {
        var (adminId, teamAdmin) = await ModelApi.NewCaller();
        var (_, outsider) = await ModelApi.NewCaller();
        var teamId = await ModelApi.NewTeam(null, (adminId, "admin"));
        var model = await teamAdmin.AddModel(TeamModel("blockable", teamId));

        foreach (var route in new[] { "/model/block", "/model/unblock" })
        {
            var refused = await (await teamAdmin.PostJson(route, new { model_id = model.Id() })).Expect(403);
            Assert.That((refused.ErrorMessage(), refused.ErrorParam()), Is.EqualTo(("Only proxy admins can change a model's blocked flag.", "blocked")), route);

            var hidden = await (await outsider.PostJson(route, new { model_id = model.Id() })).Expect(404);
            var missing = await (await outsider.PostJson(route, new { model_id = "no-such-model" })).Expect(404);
            Assert.That(hidden.ToJsonString(), Is.EqualTo(missing.ToJsonString().Replace("no-such-model", model.Id(), StringComparison.Ordinal)), route);
        }

        await (await Admin.PostJson("/model/block", new { })).Expect(400);
        Assert.That((await Admin.Info(model.Id()))["model_info"]!["blocked"]!.GetValue<bool>(), Is.False, "nothing changed");
    }

    // ---------------------------------------------------------------- /models with access groups

    [Test]
    public async Task ModelsListsAccessGroupsOnRequestAndOnlyThemWhenAsked()
    {
        var group = Api.UniqueId("group");
        var member = Api.UniqueId("in-group");
        await Admin.AddModel(ModelApi.Body(member, modelInfo: new JsonObject { ["access_groups"] = new JsonArray(group) }));

        foreach (var path in new[] { "/models", "/v1/models" })
        {
            Assert.That(await OpenAiIds(Admin, path), Does.Contain(member).And.Not.Contain(group), path);
            Assert.That(await OpenAiIds(Admin, $"{path}?include_model_access_groups=True"), Does.Contain(member).And.Contain(group), path);
            var only = await OpenAiIds(Admin, $"{path}?include_model_access_groups=true&only_model_access_groups=True");
            Assert.That(only, Does.Contain(group).And.Not.Contain(member), path);
            Assert.That(await OpenAiIds(Admin, $"{path}?only_model_access_groups=True"), Does.Not.Contain(group).And.Not.Contain(member), $"{path}: alone, as LiteLLM, no group is in the list to keep");
        }

        await (await Admin.GetAsync("/v1/models?only_model_access_groups=maybe")).Expect(400);
    }

    // ---------------------------------------------------------------- /model_group/info

    [Test]
    public async Task ModelGroupInfoHasEveryModelGroupInfoFieldWithItsDefaults()
    {
        var name = Api.UniqueId("grouped");
        await Admin.AddModel(ModelApi.Body(name, new JsonObject { ["model"] = "openai/gpt-4o", ["tpm"] = 10, ["input_cost_per_token"] = 0.002 }, new JsonObject { ["supports_vision"] = true }));

        var body = await (await Admin.GetAsync($"/model_group/info?model_group={name}")).Expect(200);
        var group = body["data"]!.AsArray().Single()!.AsObject();

        Assert.That(group.Select(p => p.Key), Is.EquivalentTo(new[]
        {
            "model_group", "providers", "max_input_tokens", "max_output_tokens", "input_cost_per_token", "output_cost_per_token",
            "input_cost_per_pixel", "mode", "tpm", "rpm", "itpm", "otpm", "supports_parallel_function_calling", "supports_vision",
            "supports_web_search", "supports_url_context", "supports_reasoning", "supports_function_calling", "supported_reasoning_efforts",
            "supported_openai_params", "configurable_clientside_auth_params", "is_public_model_group", "health_status",
            "health_response_time", "health_checked_at",
        }));
        Assert.Multiple(() =>
        {
            Assert.That(group["model_group"]!.GetValue<string>(), Is.EqualTo(name));
            Assert.That(group["mode"]!.GetValue<string>(), Is.EqualTo("chat"));
            Assert.That(group["tpm"]!.GetValue<long>(), Is.EqualTo(10));
            Assert.That(group["input_cost_per_token"]!.GetValue<double>(), Is.EqualTo(0.002), "pricing in litellm_params is mirrored into model_info");
            Assert.That(group["supports_vision"]!.GetValue<bool>(), Is.True);
            Assert.That(group["supports_function_calling"]!.GetValue<bool>(), Is.False);
            Assert.That(group["supported_openai_params"]!.AsArray(), Is.Empty);
            Assert.That(group["is_public_model_group"]!.GetValue<bool>(), Is.False);
            Assert.That(group["rpm"], Is.Null);
            Assert.That(group["supported_reasoning_efforts"], Is.Null);
        });
    }

    // ---------------------------------------------------------------- pricing mirrored into model_info

    [Test]
    public async Task CustomPricingInLitellmParamsShowsInModelInfoAndANonNumberIsRefused()
    {
        var created = await Admin.AddModel(ModelApi.Body(
            Api.UniqueId("priced"),
            new JsonObject { ["model"] = "openai/gpt-4o", ["input_cost_per_token"] = 0.001, ["cache_read_input_token_cost"] = 0.0005 },
            new JsonObject { ["output_cost_per_token"] = 0.004 }));

        await Assert.MultipleAsync(async () =>
        {
            foreach (var shown in new[] { created, await Admin.Info(created.Id()) })
            {
                Assert.That(shown["model_info"]!["input_cost_per_token"]!.GetValue<double>(), Is.EqualTo(0.001));
                Assert.That(shown["model_info"]!["cache_read_input_token_cost"]!.GetValue<double>(), Is.EqualTo(0.0005));
                Assert.That(shown["model_info"]!["output_cost_per_token"]!.GetValue<double>(), Is.EqualTo(0.004));
            }
        });

        var repriced = await (await Admin.PatchModel(created.Id(), new JsonObject { ["litellm_params"] = new JsonObject { ["input_cost_per_token"] = 0.003 } })).Expect(200);
        Assert.That(repriced["model_info"]!["input_cost_per_token"]!.GetValue<double>(), Is.EqualTo(0.003), "the price charged is the one shown");

        var refused = await (await Admin.PatchModel(created.Id(), new JsonObject { ["litellm_params"] = new JsonObject { ["output_cost_per_token"] = "cheap" } })).Expect(400);
        Assert.That(refused.ErrorParam(), Is.EqualTo("litellm_params.output_cost_per_token"));
        await (await Admin.PostJson("/model/new", ModelApi.Body("bad-price", modelInfo: new JsonObject { ["input_cost_per_token"] = "1" }))).Expect(400);
        Assert.That((await Admin.Info(created.Id()))["litellm_params"]!["output_cost_per_token"], Is.Null, "nothing changed");
    }

    // ---------------------------------------------------------------- team models under real edit forms (#28382)

    [Test]
    public async Task AnEditFormResendingTheInternalOrUnchangedPublicNameChangesNoNameAndNoTeamList()
    {
        var (adminId, teamAdmin) = await ModelApi.NewCaller();
        var teamId = await ModelApi.NewTeam(null, (adminId, "admin"));
        var publicName = Api.UniqueId("form");
        var created = await teamAdmin.AddModel(TeamModel(publicName, teamId));
        var internalName = created.Name();
        var teamBefore = await ModelApi.TeamInfo(teamId);

        // The admin UI's form sends the whole model back: the name it showed, the model_info blob, one edited field.
        var formInfo = (JsonObject)created["model_info"]!.DeepClone();
        formInfo["team_public_model_name"] = internalName;
        await (await teamAdmin.PatchModel(created.Id(), new JsonObject { ["model_name"] = internalName, ["model_info"] = formInfo, ["litellm_params"] = new JsonObject { ["tpm"] = 11 } })).Expect(200);
        var read = await teamAdmin.Info(created.Id());
        await (await teamAdmin.PatchModel(created.Id(), new JsonObject { ["model_name"] = read.Name(), ["model_info"] = read["model_info"]!.DeepClone(), ["litellm_params"] = new JsonObject { ["tpm"] = 12 } })).Expect(200);
        await (await teamAdmin.PostJson("/model/update", new JsonObject
        {
            ["model_name"] = internalName,
            ["model_info"] = new JsonObject { ["id"] = created.Id(), ["team_id"] = teamId },
            ["litellm_params"] = new JsonObject { ["rpm"] = 13 },
        })).Expect(200);

        var after = await Admin.Info(created.Id());
        var teamAfter = await ModelApi.TeamInfo(teamId);
        Assert.Multiple(() =>
        {
            Assert.That(read.Name(), Is.EqualTo(publicName), "reads show the public name, so a form bound to one sends it back");
            Assert.That(after.Name(), Is.EqualTo(publicName));
            Assert.That(after["model_info"]!["team_public_model_name"]!.GetValue<string>(), Is.EqualTo(publicName));
            Assert.That((after["litellm_params"]!["tpm"]!.GetValue<int>(), after["litellm_params"]!["rpm"]!.GetValue<int>()), Is.EqualTo((12, 13)), "the edits themselves apply");
            Assert.That(teamAfter["models"].Strings(), Is.EqualTo(teamBefore["models"].Strings()).And.EqualTo(new[] { publicName }));
            Assert.That(teamAfter["model_aliases"]!.ToJsonString(), Is.EqualTo(teamBefore["model_aliases"]!.ToJsonString()));
        });
        Assert.That(await OpenAiIds(teamAdmin), Does.Contain(publicName).And.None.StartsWith("model_name_"));
        Assert.That(await OpenAiIds(Admin, "/models"), Has.None.StartsWith($"model_name_{teamId}_"), "not even an admin's list shows internal names");
    }

    [Test]
    public async Task AGenuineRenameThroughAFormMovesThePublicNameAndKeepsTheOldOneWhileASiblingServesIt()
    {
        var teamId = await ModelApi.NewTeam();
        var oldName = Api.UniqueId("old");
        var first = await Admin.AddModel(TeamModel(oldName, teamId));
        await Admin.AddModel(TeamModel(oldName, teamId));
        var read = await Admin.Info(first.Id());

        // The form passes the stored model_info through, stale public name and all; the top-level name is the rename.
        var renamed = await (await Admin.PatchModel(first.Id(), new JsonObject { ["model_name"] = "renamed-" + oldName, ["model_info"] = read["model_info"]!.DeepClone() })).Expect(200);

        Assert.That(renamed["model_info"]!["team_public_model_name"]!.GetValue<string>(), Is.EqualTo("renamed-" + oldName));
        Assert.That((await ModelApi.TeamInfo(teamId))["models"].Strings(), Is.EquivalentTo(new[] { oldName, "renamed-" + oldName }));
        Assert.That(await OpenAiIds(Admin), Does.Contain(oldName).And.Contain("renamed-" + oldName));
    }

    // ---------------------------------------------------------------- messages clients match on

    [Test]
    public async Task RefusalsCarryTheTextsLiteLlmClientsMatchOn()
    {
        var (memberId, member) = await ModelApi.NewCaller();
        var (adminId, teamAdmin) = await ModelApi.NewCaller();
        var teamId = await ModelApi.NewTeam(null, (memberId, "user"), (adminId, "admin"));
        var missing = Api.UniqueId("missing");

        var delete = await (await Admin.PostJson("/model/delete", new { id = missing })).Expect(404);
        var patch = await (await Admin.PatchModel(missing, new JsonObject { ["litellm_params"] = new JsonObject { ["rpm"] = 1 } })).Expect(404);
        var update = await (await Admin.PostJson("/model/update", new { model_info = new { id = missing }, litellm_params = new { rpm = 1 } })).Expect(404);
        var teamModel = await (await member.PostJson("/model/new", TeamModel("members-try", teamId))).Expect(403);
        var model = await Admin.AddModel(TeamModel("flag", teamId));
        var blockedFlag = await (await teamAdmin.PatchModel(model.Id(), new JsonObject { ["blocked"] = true })).Expect(403);

        Assert.Multiple(() =>
        {
            Assert.That(delete.ErrorMessage(), Does.Contain($"Model with id={missing} not found in db"));
            Assert.That(patch.ErrorMessage(), Does.Contain("model not found"));
            Assert.That(update.ErrorMessage(), Does.Contain("model not found"));
            Assert.That(teamModel.ErrorMessage(), Does.Contain("does not match the API key's team"));
            Assert.That(blockedFlag.ErrorParam(), Is.EqualTo("blocked"));
        });
    }

    // ---------------------------------------------------------------- write routes answer outsiders as reads do

    [Test]
    public async Task EveryModelWriteAnswersAnOutsiderExactlyAsForAMissingModel()
    {
        var teamA = await ModelApi.NewTeam();
        var model = await Admin.AddModel(TeamModel("team-a-model", teamA));
        var (outsiderAdminId, outsiderAdmin) = await ModelApi.NewCaller();
        await ModelApi.NewTeam(null, (outsiderAdminId, "admin"));
        var missing = Api.UniqueId("nope");

        Func<string, Task<HttpResponseMessage>>[] writes =
        [
            id => outsiderAdmin.PatchModel(id, new JsonObject { ["litellm_params"] = new JsonObject { ["rpm"] = 1 } }),
            id => outsiderAdmin.PostJson("/model/update", new { model_info = new { id }, litellm_params = new { rpm = 1 } }),
            id => outsiderAdmin.PostJson("/model/delete", new { id }),
            id => outsiderAdmin.PostJson("/model/block", new { model_id = id }),
            id => outsiderAdmin.PostJson("/model/unblock", new { model_id = id }),
            id => outsiderAdmin.GetAsync($"/model/info?litellm_model_id={id}"),
        ];
        foreach (var write in writes)
        {
            var hidden = await (await write(model.Id())).Expect(404);
            var absent = await (await write(missing)).Expect(404);
            Assert.That(hidden.ToJsonString(), Is.EqualTo(absent.ToJsonString().Replace(missing, model.Id(), StringComparison.Ordinal)));
            Assert.That(hidden.ToJsonString(), Does.Not.Contain(teamA).And.Not.Contain("admin"), "neither the owner nor a role leaks");
        }

        var after = await Admin.Info(model.Id());
        Assert.That((after["litellm_params"]!.AsObject().ContainsKey("rpm"), after["blocked"]!.GetValue<bool>()), Is.EqualTo((false, false)), "nothing changed");
    }
}
