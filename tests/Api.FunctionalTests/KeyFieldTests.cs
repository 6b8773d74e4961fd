using System.Text.Json.Nodes;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// Every field of LiteLLM's key requests (<c>GenerateKeyRequest</c>, <c>UpdateKeyRequest</c>, <c>RegenerateKeyRequest</c>)
/// is stored and read back as sent, with LiteLLM's defaults when absent (terraform-provider-litellm reads them back).
/// </summary>
public sealed class KeyFieldTests
{
    private static HttpClient Admin => Service.App.Admin();

    private static async Task<JsonObject> Info(string keyOrHash) =>
        (await (await Admin.GetAsync($"/key/info?key={Uri.EscapeDataString(keyOrHash)}")).Expect(200))["info"]!.AsObject();

    /// <summary>Every LiteLLM key request field with a value that is not its default.</summary>
    private static string _organizationId = null!;

    /// <summary>The organization every-field keys belong to: a key's organization must exist.</summary>
    [OneTimeSetUp]
    public async Task CreateTheOrganization() => _organizationId = OrganizationApi.OrgId(await OrganizationApi.NewOrganization());

    private static JsonObject EveryField(string teamId, string userId, string alias) => new()
    {
        ["key_alias"] = alias,
        ["duration"] = "30d",
        ["models"] = new JsonArray("gpt-4o", "claude-3"),
        ["spend"] = 1.25,
        ["max_budget"] = 50.0,
        ["soft_budget"] = 40.0,
        ["user_id"] = userId,
        ["team_id"] = teamId,
        ["agent_id"] = "agent-7",
        ["organization_id"] = _organizationId,
        ["max_parallel_requests"] = 4,
        ["metadata"] = new JsonObject { ["owner"] = "ops" },
        ["tpm_limit"] = 10000,
        ["rpm_limit"] = 100,
        ["budget_duration"] = "1mo",
        ["allowed_cache_controls"] = new JsonArray("no-cache", "no-store"),
        ["config"] = new JsonObject { ["region"] = "eu" },
        ["permissions"] = new JsonObject { ["pii"] = false },
        ["model_max_budget"] = new JsonObject { ["gpt-4o"] = new JsonObject { ["budget_limit"] = 5.0, ["time_period"] = "30d" } },
        ["model_rpm_limit"] = new JsonObject { ["gpt-4o"] = 10 },
        ["model_tpm_limit"] = new JsonObject { ["gpt-4o"] = 1000 },
        ["guardrails"] = new JsonArray("pii-mask"),
        ["policies"] = new JsonArray("strict"),
        ["prompts"] = new JsonArray("prompt-1"),
        ["blocked"] = false,
        ["aliases"] = new JsonObject { ["fast"] = "gpt-4o" },
        ["object_permission"] = new JsonObject { ["vector_stores"] = new JsonArray("vs-1"), ["mcp_toolsets"] = new JsonArray("ts-1") },
        ["tags"] = new JsonArray("prod", "eu"),
        ["enforced_params"] = new JsonArray("user"),
        ["allowed_routes"] = new JsonArray("/chat/completions"),
        ["allowed_passthrough_routes"] = new JsonArray("/my-endpoint"),
        ["allowed_vector_store_indexes"] = new JsonArray(new JsonObject { ["index_name"] = "idx", ["index_permissions"] = new JsonArray("read") }),
        ["rpm_limit_type"] = "best_effort_throughput",
        ["tpm_limit_type"] = "guaranteed_throughput",
        ["router_settings"] = new JsonObject { ["num_retries"] = 3 },
        ["access_group_ids"] = new JsonArray("ag-1"),
        ["auto_rotate"] = false,
        ["rotation_interval"] = "90d",
        ["send_invite_email"] = false,
        ["key_type"] = "default",
    };

    private static async Task<(string TeamId, string UserId)> TeamWithMember()
    {
        var teamId = await ProjectApi.NewTeam();
        var (userId, _) = await Api.CreateUser();
        await ProjectApi.AddMember(teamId, userId, "user");
        return (teamId, userId);
    }

    private static void AssertEveryFieldStored(JsonObject key, string teamId, string userId, string alias)
    {
        Assert.Multiple(() =>
        {
            Assert.That(key["key_alias"]!.GetValue<string>(), Is.EqualTo(alias));
            Assert.That(key["user_id"]!.GetValue<string>(), Is.EqualTo(userId));
            Assert.That(key["team_id"]!.GetValue<string>(), Is.EqualTo(teamId));
            Assert.That(key["agent_id"]!.GetValue<string>(), Is.EqualTo("agent-7"));
            Assert.That(key["organization_id"]!.GetValue<string>(), Is.EqualTo(_organizationId));
            Assert.That(key["models"]!.ToJsonString(), Is.EqualTo("""["gpt-4o","claude-3"]"""));
            Assert.That(key["spend"]!.GetValue<double>(), Is.EqualTo(1.25));
            Assert.That(key["max_budget"]!.GetValue<double>(), Is.EqualTo(50));
            Assert.That(key["soft_budget"]!.GetValue<double>(), Is.EqualTo(40));
            Assert.That(key["litellm_budget_table"]!["soft_budget"]!.GetValue<double>(), Is.EqualTo(40));
            Assert.That(key["budget_id"]!.GetValue<string>(), Is.EqualTo(key["litellm_budget_table"]!["budget_id"]!.GetValue<string>()));
            Assert.That(key["max_parallel_requests"]!.GetValue<int>(), Is.EqualTo(4));
            Assert.That(key["tpm_limit"]!.GetValue<long>(), Is.EqualTo(10000));
            Assert.That(key["rpm_limit"]!.GetValue<long>(), Is.EqualTo(100));
            Assert.That(key["budget_duration"]!.GetValue<string>(), Is.EqualTo("1mo"));
            Assert.That(key["budget_reset_at"], Is.Not.Null);
            Assert.That(key["expires"], Is.Not.Null);
            Assert.That(key["allowed_cache_controls"]!.ToJsonString(), Is.EqualTo("""["no-cache","no-store"]"""));
            Assert.That(key["config"]!.ToJsonString(), Is.EqualTo("""{"region":"eu"}"""));
            Assert.That(key["permissions"]!.ToJsonString(), Is.EqualTo("""{"pii":false}"""));
            Assert.That(key["model_max_budget"]!.ToJsonString(), Is.EqualTo("""{"gpt-4o":{"budget_limit":5,"time_period":"30d"}}"""));
            Assert.That(key["aliases"]!.ToJsonString(), Is.EqualTo("""{"fast":"gpt-4o"}"""));
            Assert.That(key["allowed_routes"]!.ToJsonString(), Is.EqualTo("""["/chat/completions"]"""));
            Assert.That(key["router_settings"]!.ToJsonString(), Is.EqualTo("""{"num_retries":3}"""));
            Assert.That(key["access_group_ids"]!.ToJsonString(), Is.EqualTo("""["ag-1"]"""));
            Assert.That(key["auto_rotate"]!.GetValue<bool>(), Is.False);
            Assert.That(key["rotation_interval"]!.GetValue<string>(), Is.EqualTo("90d"));
            Assert.That(key["blocked"]!.GetValue<bool>(), Is.False);
            Assert.That(key["object_permission"]!["vector_stores"]!.ToJsonString(), Is.EqualTo("""["vs-1"]"""));
            Assert.That(key["object_permission"]!["mcp_toolsets"]!.ToJsonString(), Is.EqualTo("""["ts-1"]"""));
            Assert.That(key["object_permission_id"]!.GetValue<string>(), Is.EqualTo(key["object_permission"]!["object_permission_id"]!.GetValue<string>()));

            // LiteLLM keeps these request fields inside metadata; they are also shown under their own names.
            var metadata = key["metadata"]!.AsObject();
            Assert.That(metadata["owner"]!.GetValue<string>(), Is.EqualTo("ops"));
            foreach (var (field, json) in new[]
            {
                ("model_rpm_limit", """{"gpt-4o":10}"""), ("model_tpm_limit", """{"gpt-4o":1000}"""), ("guardrails", """["pii-mask"]"""),
                ("policies", """["strict"]"""), ("prompts", """["prompt-1"]"""), ("tags", """["prod","eu"]"""), ("enforced_params", """["user"]"""),
                ("allowed_passthrough_routes", """["/my-endpoint"]"""), ("rpm_limit_type", "\"best_effort_throughput\""),
                ("tpm_limit_type", "\"guaranteed_throughput\""),
            })
            {
                Assert.That(metadata[field]?.ToJsonString(), Is.EqualTo(json), $"metadata.{field}");
                Assert.That(key[field]?.ToJsonString(), Is.EqualTo(json), field);
            }

            Assert.That(metadata["allowed_vector_store_indexes"]!.ToJsonString(), Is.EqualTo("""[{"index_name":"idx","index_permissions":["read"]}]"""));
        });
    }

    [Test]
    public async Task GenerateStoresEveryLiteLlmFieldAndKeyInfoReturnsIt()
    {
        var (teamId, userId) = await TeamWithMember();
        var alias = Api.UniqueId("every");

        var generated = await Api.GenerateKey(Admin, EveryField(teamId, userId, alias));

        AssertEveryFieldStored(generated, teamId, userId, alias);
        var info = await Info(generated["key"]!.GetValue<string>());
        AssertEveryFieldStored(info, teamId, userId, alias);
        Assert.That(info.ContainsKey("key"), Is.False, "the secret is never read back");
    }

    [Test]
    public async Task AbsentFieldsReadBackAsLiteLlmsDefaults()
    {
        var (userId, _) = await Api.CreateUser();

        var generated = await Api.GenerateKey(Admin, new { user_id = userId });
        var info = await Info(generated["key"]!.GetValue<string>());

        var expected = JsonNode.Parse("""
            {"models":[],"spend":0,"max_budget":null,"soft_budget":null,"expires":null,"aliases":{},"config":{},"permissions":{},
             "metadata":{},"model_max_budget":{},"model_spend":{},"allowed_cache_controls":[],"allowed_routes":[],"access_group_ids":[],
             "router_settings":{},"soft_budget_cooldown":false,"blocked":false,"auto_rotate":false,"rotation_interval":null,
             "key_rotation_at":null,"last_active":null,"budget_id":null,"litellm_budget_table":null,"object_permission_id":null,
             "object_permission":null,"team_id":null,"project_id":null,"agent_id":null,"organization_id":null,"tpm_limit":null,
             "rpm_limit":null,"max_parallel_requests":null,"budget_duration":null,"budget_reset_at":null,"rotation_count":0,
             "tags":null,"guardrails":null,"model_rpm_limit":null}
            """)!.AsObject();
        foreach (var (field, value) in expected)
        {
            Assert.That(info.ContainsKey(field), Is.True, field);
            Assert.That(JsonNode.DeepEquals(info[field], value), Is.True, $"{field}: {info[field]?.ToJsonString()}");
        }
    }

    [Test]
    public async Task UpdateStoresEveryFieldAndAnswersWithTheKeyAndTheFieldsUpdated()
    {
        var (teamId, userId) = await TeamWithMember();
        var generated = await Api.GenerateKey(Admin, new { user_id = userId, team_id = teamId, aliases = new { old = "gpt-3.5" } });
        var hash = generated["token"]!.GetValue<string>();
        var alias = Api.UniqueId("updated");
        var body = EveryField(teamId, userId, alias);
        body.Remove("send_invite_email");
        body.Remove("key_type");
        body["key"] = hash;

        var updated = await (await Admin.PostJson("/key/update", body)).Expect(200);

        var info = await Info(hash);
        AssertEveryFieldStored(info, teamId, userId, alias);
        Assert.That(info["aliases"]!.ToJsonString(), Is.EqualTo("""{"fast":"gpt-4o"}"""), "a map sent replaces the stored one");
        Assert.That(updated["key"]!.GetValue<string>(), Is.EqualTo(hash));
        Assert.That(updated["token"]!.GetValue<string>(), Is.EqualTo(hash));
        foreach (var field in body.Select(f => f.Key).Except(["key", "duration", "object_permission"]))
        {
            Assert.That(JsonNode.DeepEquals(updated[field], info[field]), Is.True, $"{field}: answered {updated[field]?.ToJsonString()}, stored {info[field]?.ToJsonString()}");
        }

        Assert.That(updated["expires"]!.ToJsonString(), Is.EqualTo(info["expires"]!.ToJsonString()), "duration answers with what it set");
        Assert.That(updated["object_permission_id"]!.GetValue<string>(), Is.EqualTo(info["object_permission_id"]!.GetValue<string>()));
        Assert.That(updated.ContainsKey("created_at") || updated.ContainsKey("rotation_count"), Is.False, "fields not updated are not in the answer");
    }

    [Test]
    public async Task AnUpdateDurationOfMinusOneRemovesTheExpiry()
    {
        var (userId, _) = await Api.CreateUser();
        var hash = (await Api.GenerateKey(Admin, new { user_id = userId, duration = "1d" }))["token"]!.GetValue<string>();

        var updated = await (await Admin.PostJson("/key/update", new { key = hash, duration = "-1" })).Expect(200);

        Assert.That(updated.ContainsKey("expires") && updated["expires"] is null, Is.True, updated.ToJsonString());
        Assert.That((await Info(hash))["expires"], Is.Null);
    }

    [Test]
    public async Task ASoftBudgetOnUpdateLandsInTheKeysBudgetRow()
    {
        var (userId, _) = await Api.CreateUser();
        var hash = (await Api.GenerateKey(Admin, new { user_id = userId, max_budget = 10 }))["token"]!.GetValue<string>();

        await (await Admin.PostJson("/key/update", new { key = hash, soft_budget = 8 })).Expect(200);
        await (await Admin.PostJson("/key/update", new { key = hash, soft_budget = 6 })).Expect(200);

        var info = await Info(hash);
        Assert.That(info["soft_budget"]!.GetValue<double>(), Is.EqualTo(6));
        Assert.That(info["litellm_budget_table"]!["soft_budget"]!.GetValue<double>(), Is.EqualTo(6));
        var refused = await (await Admin.PostJson("/key/update", new { key = hash, soft_budget = 12 })).Expect(400);
        Assert.That(refused.ErrorParam(), Is.EqualTo("soft_budget"));
        Assert.That((await Info(hash))["soft_budget"]!.GetValue<double>(), Is.EqualTo(6), "a refused update changes nothing");
    }

    [Test]
    public async Task ABudgetIdLinksAnExistingBudgetRowAndAnUnknownOneIs404()
    {
        var (userId, _) = await Api.CreateUser();
        var teamId = await ProjectApi.NewTeam();
        var project = await ProjectApi.NewProject(new { team_id = teamId, max_budget = 5 });
        var budgetId = project["budget_id"]!.GetValue<string>();

        var linked = await Api.GenerateKey(Admin, new { user_id = userId, budget_id = budgetId });
        var missing = await (await Admin.PostJson("/key/generate", new { user_id = userId, budget_id = "no-such-budget" })).Expect(404);

        Assert.That(linked["budget_id"]!.GetValue<string>(), Is.EqualTo(budgetId));
        Assert.That(linked["litellm_budget_table"]!["max_budget"]!.GetValue<double>(), Is.EqualTo(5));
        Assert.That(missing.ErrorParam(), Is.EqualTo("budget_id"));
        var both = await (await Admin.PostJson("/key/generate", new { user_id = userId, budget_id = budgetId, soft_budget = 1 })).Expect(400);
        Assert.That(both.ErrorParam(), Is.EqualTo("budget_id"));
    }

    [Test]
    public async Task AProxyAdminMayChooseTheSecretOnGenerateAndRegenerate()
    {
        var (userId, _) = await Api.CreateUser();
        var chosen = "sk-chosen-" + Guid.NewGuid().ToString("N");
        var rotated = "sk-rotated-" + Guid.NewGuid().ToString("N");

        var generated = await Api.GenerateKey(Admin, new { user_id = userId, key = chosen });
        await (await Service.App.ClientWith(chosen).GetAsync("/key/info")).Expect(200);
        var taken = await (await Admin.PostJson("/key/generate", new { user_id = userId, key = chosen })).Expect(409);
        var regenerated = await (await Admin.PostJson($"/key/{Api.Sha256Hex(chosen)}/regenerate", new { new_key = rotated, max_budget = 3 })).Expect(200);

        Assert.That(generated["key"]!.GetValue<string>(), Is.EqualTo(chosen));
        Assert.That(taken.ErrorParam(), Is.EqualTo("key"));
        Api.AssertHoldsNone(taken.ToJsonString(), "the conflict", chosen);
        Assert.That(regenerated["key"]!.GetValue<string>(), Is.EqualTo(rotated));
        Assert.That(regenerated["max_budget"]!.GetValue<double>(), Is.EqualTo(3), "the other fields of the body are applied");
        await (await Service.App.ClientWith(chosen).GetAsync("/key/info")).Expect(401);
        await (await Service.App.ClientWith(rotated).GetAsync("/key/info")).Expect(200);
    }

    [Test]
    public async Task OnlyProxyAdminsChooseASecretOrSetSpend()
    {
        var (_, key) = await Api.CreateUser();
        var user = Service.App.ClientWith(key);
        var own = await Api.GenerateKey(user, new { key_alias = Api.UniqueId("own") });

        var chosen = await (await user.PostJson("/key/generate", new { key = "sk-" + Guid.NewGuid().ToString("N") })).Expect(403);
        var spend = await (await user.PostJson("/key/update", new { key = own["key"]!.GetValue<string>(), spend = 0 })).Expect(403);
        var newKey = await (await user.PostJson("/key/regenerate", new { key = own["key"]!.GetValue<string>(), new_key = "sk-" + Guid.NewGuid().ToString("N") })).Expect(403);

        Assert.That(chosen.ErrorParam(), Is.EqualTo("key"));
        Assert.That(spend.ErrorParam(), Is.EqualTo("spend"));
        Assert.That(newKey.ErrorParam(), Is.EqualTo("new_key"));
        await (await Service.App.ClientWith(own["key"]!.GetValue<string>()).GetAsync("/key/info")).Expect(200);
    }

    [TestCase("auto_rotate", "true")]
    [TestCase("send_invite_email", "true")]
    [TestCase("key", "\"not-a-virtual-key\"")]
    [TestCase("rpm_limit_type", "\"as_fast_as_possible\"")]
    [TestCase("key_type", "\"superuser\"")]
    [TestCase("duration", "\"-2\"")]
    public async Task GenerateRefusesWhatLiteLlmOrProxyAdminCannotHonour(string field, string json)
    {
        var alias = Api.UniqueId("refused");

        var body = await (await ProjectApi.PostRaw(Admin, "/key/generate", $$"""{"key_alias":"{{alias}}","{{field}}":{{json}}}""")).Expect(400);

        Assert.That(body.ErrorParam(), Is.EqualTo(field), body.ToJsonString());
        var list = await (await Admin.GetAsync($"/key/list?key_alias={alias}")).Expect(200);
        Assert.That(list["total_count"]!.GetValue<int>(), Is.Zero, "nothing was created");
    }

    [Test]
    public async Task KeyTypeStandsForItsAllowedRoutesAndCannotBeCombinedWithThem()
    {
        var (userId, _) = await Api.CreateUser();

        var readOnly = await Api.GenerateKey(Admin, new { user_id = userId, key_type = "read_only" });
        var both = await (await Admin.PostJson("/key/generate", new { user_id = userId, key_type = "llm_api", allowed_routes = new[] { "/key/info" } })).Expect(400);

        Assert.That(readOnly["allowed_routes"]!.ToJsonString(), Is.EqualTo("""["info_routes"]"""));
        Assert.That(both.ErrorParam(), Is.EqualTo("allowed_routes"));
    }

    [Test]
    public async Task TempBudgetFieldsAreSetTogetherOrNotAtAll()
    {
        var (userId, _) = await Api.CreateUser();
        var hash = (await Api.GenerateKey(Admin, new { user_id = userId }))["token"]!.GetValue<string>();

        var alone = await (await Admin.PostJson("/key/update", new { key = hash, temp_budget_increase = 5 })).Expect(400);
        await (await Admin.PostJson("/key/update", new { key = hash, temp_budget_increase = 5, temp_budget_expiry = "2027-01-01T00:00:00Z" })).Expect(200);

        Assert.That(alone.ErrorMessage(), Does.Contain("temp_budget_increase and temp_budget_expiry must be set together"));
        var metadata = (await Info(hash))["metadata"]!;
        Assert.That(metadata["temp_budget_increase"]!.GetValue<double>(), Is.EqualTo(5));
        Assert.That(metadata["temp_budget_expiry"]!.GetValue<DateTime>(), Is.EqualTo(new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
    }

    [TestCase("grace_period", "\"24h\"")]
    [TestCase("new_master_key", "\"sk-new-master\"")]
    public async Task RegenerateRefusesWhatIsNotSupportedAndRotatesNothing(string field, string json)
    {
        var (userId, _) = await Api.CreateUser();
        var secret = (await Api.GenerateKey(Admin, new { user_id = userId }))["key"]!.GetValue<string>();

        var body = await (await ProjectApi.PostRaw(Admin, "/key/regenerate", $$"""{"key":"{{Api.Sha256Hex(secret)}}","{{field}}":{{json}}}""")).Expect(400);

        Assert.That(body.ErrorParam(), Is.EqualTo(field));
        await (await Service.App.ClientWith(secret).GetAsync("/key/info")).Expect(200);
    }

    [Test]
    public async Task ThePathFormOfRegenerateRefusesABodyNamingAnotherKey()
    {
        var (userId, _) = await Api.CreateUser();
        var first = (await Api.GenerateKey(Admin, new { user_id = userId }))["key"]!.GetValue<string>();
        var second = (await Api.GenerateKey(Admin, new { user_id = userId }))["key"]!.GetValue<string>();

        var body = await (await Admin.PostJson($"/key/{Api.Sha256Hex(first)}/regenerate", new { key = Api.Sha256Hex(second) })).Expect(400);

        Assert.That(body.ErrorParam(), Is.EqualTo("key"));
        await (await Service.App.ClientWith(first).GetAsync("/key/info")).Expect(200);
        await (await Service.App.ClientWith(second).GetAsync("/key/info")).Expect(200);
    }

    [Test]
    public async Task TheAuditRowCarriesTheNewFields()
    {
        var (userId, _) = await Api.CreateUser();
        var generated = await Api.GenerateKey(Admin, new { user_id = userId, config = new { region = "eu" }, allowed_cache_controls = new[] { "no-cache" }, tags = new[] { "prod" } });

        var row = (await Api.AuditRowsFor(generated["token"]!.GetValue<string>())).Single()!;
        var after = row["updated_values"]!;

        Assert.That(after["config"]!.ToJsonString(), Is.EqualTo("""{"region":"eu"}"""));
        Assert.That(after["allowed_cache_controls"]!.ToJsonString(), Is.EqualTo("""["no-cache"]"""));
        Assert.That(after["metadata"]!["tags"]!.ToJsonString(), Is.EqualTo("""["prod"]"""));
    }

    [Test]
    public async Task DeletingWhatABudgetRowOrPermissionHangsOffLeavesNothingDanglingAndIsNever500()
    {
        var (userId, _) = await Api.CreateUser();
        var teamId = await ProjectApi.NewTeam(new { team_member_budget = 2 });
        await ProjectApi.AddMember(teamId, userId, "user");
        await (await Admin.PostJson("/team/member_update", new { team_id = teamId, user_id = userId, max_budget_in_team = 3 })).Expect(200);
        var project = await ProjectApi.NewProject(new { team_id = teamId, max_budget = 5 });
        var shared = await Api.GenerateKey(Admin, new { user_id = userId, budget_id = project["budget_id"]!.GetValue<string>() });
        var permitted = await Api.GenerateKey(Admin, new { user_id = userId, object_permission = new { agents = new[] { "a" } } });

        await (await ProjectApi.Delete(Admin, ProjectApi.Id(project))).ExpectArray(200);
        var stillLinked = await Info(shared["token"]!.GetValue<string>());
        await (await Admin.PostJson("/key/delete", new { keys = new[] { permitted["token"]!.GetValue<string>() } })).Expect(200);
        await (await Admin.PostJson("/key/delete", new { keys = new[] { shared["token"]!.GetValue<string>() } })).Expect(200);
        await (await Admin.PostJson("/team/delete", new { team_ids = new[] { teamId } })).Expect(200);

        Assert.That(stillLinked["litellm_budget_table"]!["max_budget"]!.GetValue<double>(), Is.EqualTo(5), "a budget row a key still links is kept");
        await (await Admin.GetAsync($"/team/info?team_id={teamId}")).Expect(404);
    }

    [Test]
    public async Task AllowedRoutesRestrictWhatAKeyMayCallHere()
    {
        var (userId, _) = await Api.CreateUser();
        var readOnly = Service.App.ClientWith((await Api.GenerateKey(Admin, new { user_id = userId, key_type = "read_only" }))["key"]!.GetValue<string>());
        var inference = Service.App.ClientWith((await Api.GenerateKey(Admin, new { user_id = userId, key_type = "llm_api" }))["key"]!.GetValue<string>());
        var keysOnly = Service.App.ClientWith((await Api.GenerateKey(Admin, new { user_id = userId, allowed_routes = new[] { "/key/*" } }))["key"]!.GetValue<string>());

        await (await readOnly.GetAsync("/key/info")).Expect(200);
        var refused = await (await readOnly.PostJson("/key/generate", new { key_alias = Api.UniqueId("nope") })).Expect(403);
        await (await inference.GetAsync("/v1/models")).Expect(200);
        await (await inference.GetAsync("/key/info")).Expect(403);
        await (await keysOnly.PostJson("/key/generate", new { })).Expect(200);
        await (await keysOnly.GetAsync($"/user/info?user_id={userId}")).Expect(403);

        Assert.That(refused.ErrorMessage(), Is.EqualTo("Virtual key is not allowed to call this route. Only allowed to call routes: ['info_routes']. Tried to call route: /key/generate"));
        Assert.That(refused.ErrorType(), Is.EqualTo("permission_denied_error"));
    }
}
