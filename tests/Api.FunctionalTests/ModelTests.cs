using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>The seed's model management behaviours, with ProxyAdmin's corrections.</summary>
public sealed class ModelTests
{
    private const string ProviderSecret = "sk-provider-0123456789-SECRET";

    private static HttpClient Admin => Service.App.Admin();

    private static async Task<JsonObject> AddModel(HttpClient client, string modelName, object? modelInfo = null, object? extraParams = null)
    {
        var litellmParams = new JsonObject { ["model"] = "openai/gpt-4o", ["api_key"] = ProviderSecret, ["api_base"] = "https://example.test/v1", ["tpm"] = 1000, ["drop_params"] = true };
        if (extraParams is not null)
        {
            foreach (var (name, value) in JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(extraParams))!.AsObject().ToList())
            {
                litellmParams[name] = value?.DeepClone();
            }
        }

        var body = new JsonObject { ["model_name"] = modelName, ["litellm_params"] = litellmParams };
        if (modelInfo is not null)
        {
            body["model_info"] = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(modelInfo));
        }

        return await (await client.PostJson("/model/new", body)).Expect(200);
    }

    private static async Task<string> NewTeam(params (string UserId, string Role)[] members)
    {
        var teamId = Api.UniqueId("team");
        await (await Admin.PostJson("/team/new", new { team_id = teamId, members_with_roles = members.Select(m => new { user_id = m.UserId, role = m.Role }) })).Expect(200);
        return teamId;
    }

    [Test]
    public async Task SecretsAreMaskedInResponsesAndOtherParamsComeBackDecrypted()
    {
        var model = await AddModel(Admin, Api.UniqueId("gpt"));

        var litellmParams = model["litellm_params"]!;
        Assert.Multiple(() =>
        {
            Assert.That(litellmParams["api_key"]!.GetValue<string>(), Is.EqualTo("****CRET"));
            Assert.That(litellmParams["api_base"]!.GetValue<string>(), Is.EqualTo("https://example.test/v1"));
            Assert.That(litellmParams["model"]!.GetValue<string>(), Is.EqualTo("openai/gpt-4o"));
            Assert.That(litellmParams["tpm"]!.GetValue<int>(), Is.EqualTo(1000));
            Assert.That(model["model_info"]!["db_model"]!.GetValue<bool>(), Is.True);
            Api.AssertHoldsNone(model.ToJsonString(), "a model response", ProviderSecret);
        });
    }

    [Test]
    public async Task TheDatabaseHoldsNoPlaintextCredential()
    {
        var model = await AddModel(Admin, Api.UniqueId("gpt"));
        var modelId = model["model_id"]!.GetValue<string>();

        var stored = (string)(await Service.App.Database.Scalar("""SELECT "LitellmParams" FROM "ModelDeployments" WHERE "ModelId" = @id""", ("@id", modelId)))!;

        Api.AssertHoldsNone(stored, "the stored row", ProviderSecret, "example.test");
        Assert.That(JsonNode.Parse(stored)!["api_key"]!.GetValue<string>(), Does.StartWith("v3:gcm:"));
        Assert.That(JsonNode.Parse(stored)!["tpm"]!.GetValue<int>(), Is.EqualTo(1000), "only strings are encrypted");
    }

    [Test]
    public async Task ADuplicateIdIsAConflictAndAnUnknownDeleteIsNotFound()
    {
        var modelId = Api.UniqueId("model");
        await AddModel(Admin, "gpt", new { id = modelId });

        await (await Admin.PostJson("/model/new", new { model_name = "gpt", litellm_params = new { model = "openai/gpt-4o" }, model_info = new { id = modelId } })).Expect(409);
        await (await Admin.PostJson("/model/delete", new { id = "no-such-model" })).Expect(404);
    }

    [Test]
    public async Task ATeamModelGetsAnInternalNameAndJoinsTheTeamsModelsAndAliases()
    {
        var (adminId, adminKey) = await Api.CreateUser();
        var teamId = await NewTeam((adminId, "admin"));
        var model = await AddModel(Service.App.ClientWith(adminKey), "team-gpt", new { team_id = teamId });

        var internalName = model["model_name"]!.GetValue<string>();
        Assert.That(internalName, Does.StartWith($"model_name_{teamId}_"));
        Assert.That(model["model_info"]!["team_public_model_name"]!.GetValue<string>(), Is.EqualTo("team-gpt"));

        var team = (await (await Admin.GetAsync($"/team/info?team_id={teamId}")).Expect(200))["team_info"]!;
        Assert.That(team["models"]!.AsArray().Select(m => m!.GetValue<string>()), Is.EqualTo(new[] { "team-gpt" }));
        Assert.That(team["model_aliases"]!["team-gpt"]!.GetValue<string>(), Is.EqualTo(internalName));
    }

    [Test]
    public async Task DeletingATeamModelKeepsTheNameWhileASiblingServesIt()
    {
        var teamId = await NewTeam();
        var first = await AddModel(Admin, "shared", new { team_id = teamId });
        var second = await AddModel(Admin, "shared", new { team_id = teamId });

        await (await Admin.PostJson("/model/delete", new { id = first["model_id"]!.GetValue<string>() })).Expect(200);
        var team = (await (await Admin.GetAsync($"/team/info?team_id={teamId}")).Expect(200))["team_info"]!;
        Assert.That(team["models"]!.AsArray().Select(m => m!.GetValue<string>()), Is.EqualTo(new[] { "shared" }));
        Assert.That(team["model_aliases"]!["shared"]!.GetValue<string>(), Is.EqualTo(second["model_name"]!.GetValue<string>()));

        await (await Admin.PostJson("/model/delete", new { id = second["model_id"]!.GetValue<string>() })).Expect(200);
        team = (await (await Admin.GetAsync($"/team/info?team_id={teamId}")).Expect(200))["team_info"]!;
        Assert.That(team["models"]!.AsArray(), Is.Empty);
        Assert.That(team["model_aliases"]!.AsObject().ContainsKey("shared"), Is.False);
    }

    [Test]
    public async Task PatchMergesParamsAndANullClearsOnlyPricingFields()
    {
        var model = await AddModel(Admin, Api.UniqueId("gpt"), new { input_cost_per_token = 0.001 }, new { output_cost_per_token = 0.002 });
        var modelId = model["model_id"]!.GetValue<string>();

        var patched = await (await Admin.PatchAsync($"/model/{modelId}/update", System.Net.Http.Json.JsonContent.Create(new JsonObject
        {
            ["litellm_params"] = new JsonObject { ["api_base"] = null, ["output_cost_per_token"] = null, ["rpm"] = 5 },
            ["model_info"] = new JsonObject { ["input_cost_per_token"] = null, ["mode"] = "chat" },
        }))).Expect(200);

        var p = patched["litellm_params"]!.AsObject();
        var info = patched["model_info"]!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(p["api_base"]!.GetValue<string>(), Is.EqualTo("https://example.test/v1"), "a null on a non-pricing field is ignored");
            Assert.That(p.ContainsKey("output_cost_per_token"), Is.False);
            Assert.That(info.ContainsKey("input_cost_per_token"), Is.False);
            Assert.That(p["rpm"]!.GetValue<int>(), Is.EqualTo(5));
            Assert.That(p["drop_params"]!.GetValue<bool>(), Is.True, "keys not sent are kept");
            Assert.That(p["api_key"]!.GetValue<string>(), Is.EqualTo("****CRET"));
            Assert.That(info["mode"]!.GetValue<string>(), Is.EqualTo("chat"));
        });
    }

    [Test]
    public async Task TheOlderUpdateKeepsStoredParamsThatAreNotSent()
    {
        var model = await AddModel(Admin, Api.UniqueId("gpt"));
        var modelId = model["model_id"]!.GetValue<string>();

        var updated = await (await Admin.PostJson("/model/update", new { model_info = new { id = modelId }, litellm_params = new { rpm = 7 } })).Expect(200);

        Assert.That(updated["litellm_params"]!["drop_params"]!.GetValue<bool>(), Is.True);
        Assert.That(updated["litellm_params"]!["rpm"]!.GetValue<int>(), Is.EqualTo(7));
        var missingInfo = await (await Admin.PostJson("/model/update", new { litellm_params = new { rpm = 7 } })).Expect(400);
        Assert.That(missingInfo.ErrorMessage(), Does.Contain("model_info"));
        await (await Admin.PostJson("/model/update", new { model_info = new { mode = "chat" } })).Expect(400);
    }

    [Test]
    public async Task OnlyProxyAdminsChangeBlockedAndNonAdminsCannotAddPlainModels()
    {
        var (adminId, adminKey) = await Api.CreateUser();
        var teamId = await NewTeam((adminId, "admin"));
        var teamAdmin = Service.App.ClientWith(adminKey);
        var model = await AddModel(teamAdmin, "tm", new { team_id = teamId });
        var modelId = model["model_id"]!.GetValue<string>();

        await (await teamAdmin.PatchAsync($"/model/{modelId}/update", System.Net.Http.Json.JsonContent.Create(new { blocked = true }))).Expect(403);
        await (await Admin.PatchAsync($"/model/{modelId}/update", System.Net.Http.Json.JsonContent.Create(new { blocked = true }))).Expect(200);
        var refused = await (await teamAdmin.PostJson("/model/new", new { model_name = "x", litellm_params = new { model = "openai/x" } })).Expect(403);
        Assert.That(refused.ErrorMessage(), Does.Contain("PROXY_ADMIN"));
        var (_, outsiderKey) = await Api.CreateUser();
        var hidden = await (await Service.App.ClientWith(outsiderKey).PostJson("/model/delete", new { id = modelId })).Expect(404);
        Assert.That(hidden.ErrorMessage(), Is.EqualTo($"Model with id={modelId} not found in db"), "an outsider learns nothing of another team's model");
    }

    [Test]
    public async Task RehomingAModelMovesItsNameBetweenTeams()
    {
        var fromTeam = await NewTeam();
        var toTeam = await NewTeam();
        var model = await AddModel(Admin, "moving", new { team_id = fromTeam });
        var modelId = model["model_id"]!.GetValue<string>();

        var moved = await (await Admin.PatchAsync($"/model/{modelId}/update", System.Net.Http.Json.JsonContent.Create(new { model_info = new { team_id = toTeam } }))).Expect(200);

        Assert.That(moved["model_name"]!.GetValue<string>(), Does.StartWith($"model_name_{toTeam}_"));
        var from = (await (await Admin.GetAsync($"/team/info?team_id={fromTeam}")).Expect(200))["team_info"]!;
        var to = (await (await Admin.GetAsync($"/team/info?team_id={toTeam}")).Expect(200))["team_info"]!;
        Assert.That(from["models"]!.AsArray(), Is.Empty);
        Assert.That(to["models"]!.AsArray().Select(m => m!.GetValue<string>()), Is.EqualTo(new[] { "moving" }));
    }

    [Test]
    public async Task ReadsHaveLiteLlmsShapesAndNonAdminsSeeOnlyTheirModelsUnderPublicNames()
    {
        var (memberId, memberKey) = await Api.CreateUser();
        var teamId = await NewTeam((memberId, "user"));
        var teamModel = await AddModel(Admin, "members-model", new { team_id = teamId });
        var otherTeam = await NewTeam();
        await AddModel(Admin, "hidden-model", new { team_id = otherTeam });
        var member = Service.App.ClientWith(memberKey);

        var single = await (await Admin.GetAsync($"/model/info?litellm_model_id={teamModel["model_id"]}")).Expect(200);
        Assert.That(single["data"]!.AsArray().Single()!["model_id"]!.GetValue<string>(), Is.EqualTo(teamModel["model_id"]!.GetValue<string>()));
        var list = await (await member.GetAsync("/v1/model/info")).Expect(200);
        var names = list["data"]!.AsArray().Select(m => m!["model_name"]!.GetValue<string>()).ToList();
        Assert.That(names, Does.Contain("members-model"));
        Assert.That(names, Does.Not.Contain("hidden-model"));
        Assert.That(names.Any(n => n.StartsWith("model_name_", StringComparison.Ordinal)), Is.False);

        var openAi = await (await member.GetAsync("/v1/models")).Expect(200);
        Assert.That(openAi["object"]!.GetValue<string>(), Is.EqualTo("list"));
        Assert.That(openAi["data"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()), Does.Contain("members-model"));
        Assert.That(openAi["data"]![0]!["created"]!.GetValue<long>(), Is.EqualTo(1677610602));

        var page = await (await member.GetAsync("/v2/model/info?size=1")).Expect(200);
        Assert.That(page["data"]!.AsArray(), Has.Count.EqualTo(1));
        Assert.That(page["total_count"]!.GetValue<int>(), Is.GreaterThanOrEqualTo(1));

        var groups = await (await member.GetAsync("/model_group/info")).Expect(200);
        var group = groups["data"]!.AsArray().Single(g => g!["model_group"]!.GetValue<string>() == "members-model")!;
        Assert.That(group["providers"]!.AsArray().Select(p => p!.GetValue<string>()), Is.EqualTo(new[] { "openai" }));
        Assert.That(group["tpm"]!.GetValue<long>(), Is.EqualTo(1000));

        await (await member.GetAsync($"/model/info?litellm_model_id=nope")).Expect(404);
    }

    [Test]
    public async Task ModelWritesAreAuditedWithSecretsMasked()
    {
        var model = await AddModel(Admin, Api.UniqueId("gpt"));
        var modelId = model["model_id"]!.GetValue<string>();
        await (await Admin.PatchAsync($"/model/{modelId}/update", System.Net.Http.Json.JsonContent.Create(new { litellm_params = new { api_key = "sk-rotated-provider-key-9876" } }))).Expect(200);
        await (await Admin.PostJson("/model/delete", new { id = modelId })).Expect(200);

        var rows = await Api.AuditRowsFor(modelId);

        Assert.That(rows.Select(r => r!["action"]!.GetValue<string>()), Is.EquivalentTo(new[] { "created", "updated", "deleted" }));
        Api.AssertHoldsNone(rows.ToJsonString(), "the audit rows", ProviderSecret, "sk-rotated-provider-key-9876");
        Assert.That(rows.All(r => r!["table_name"]!.GetValue<string>() == "LiteLLM_ProxyModelTable"), Is.True);
    }
}

/// <summary>Config models and the webhook need their own service instance.</summary>
public sealed class ConfigModelTests
{
    private sealed class ConfiguredApp(string configFile) : ProxyAdminApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ProxyAdmin:ConfigFile", configFile);
            builder.UseSetting("ProxyAdmin:Alerting:WebhookUrl", "http://127.0.0.1:9/unreachable");
        }
    }

    [Test]
    public async Task ConfigModelsAreListedReadOnlyAndAFailingWebhookNeverFailsARequest()
    {
        var configFile = Path.Combine(Path.GetTempPath(), $"proxyadmin-config-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(configFile, """
            model_list:
              - model_name: config-gpt
                litellm_params:
                  model: openai/gpt-4o-mini
                  api_key: sk-config-secret-abcdefgh
                  rpm: 60
                model_info:
                  id: config-model-1
                  mode: chat
            """);
        try
        {
            using var app = new ConfiguredApp(configFile);
            var admin = app.Admin();

            var info = (await (await admin.GetAsync("/model/info?litellm_model_id=config-model-1")).Expect(200))["data"]!.AsArray().Single()!;
            Assert.That(info["model_info"]!["db_model"]!.GetValue<bool>(), Is.False);
            Assert.That(info["litellm_params"]!["api_key"]!.GetValue<string>(), Is.EqualTo("****efgh"));
            Assert.That(info["litellm_params"]!["rpm"]!.GetValue<int>(), Is.EqualTo(60));

            var refused = await (await admin.PatchAsync("/model/config-model-1/update", System.Net.Http.Json.JsonContent.Create(new { model_name = "x" }))).Expect(400);
            Assert.That(refused.ErrorMessage(), Is.EqualTo("Cannot edit config-based model. Store model in DB via /model/new first."));
            await (await admin.PostJson("/model/new", new { model_name = "dup", litellm_params = new { model = "openai/x" }, model_info = new { id = "config-model-1" } })).Expect(409);

            await (await admin.PostJson("/model/new", new { model_name = "db-gpt", litellm_params = new { model = "openai/gpt-4o" } })).Expect(200);
            var all = await (await admin.GetAsync("/model/info")).Expect(200);
            Assert.That(all["data"]!.AsArray().Select(m => m!["model_name"]!.GetValue<string>()), Is.SupersetOf(new[] { "config-gpt", "db-gpt" }));
        }
        finally
        {
            File.Delete(configFile);
        }
    }
}
