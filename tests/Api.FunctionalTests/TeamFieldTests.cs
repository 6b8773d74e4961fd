using System.Text.Json.Nodes;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// Every field of LiteLLM's team requests (<c>NewTeamRequest</c>, <c>UpdateTeamRequest</c>) and team-membership requests
/// (<c>TeamMemberAddRequest</c>, <c>TeamMemberUpdateRequest</c>) is stored and read back, with LiteLLM's defaults.
/// </summary>
public sealed class TeamFieldTests
{
    private static HttpClient Admin => Service.App.Admin();

    private static async Task<JsonObject> Info(string teamId) =>
        await (await Admin.GetAsync($"/team/info?team_id={Uri.EscapeDataString(teamId)}")).Expect(200);

    private static string _organizationId = null!;

    /// <summary>The organization every-field teams belong to: a team's organization must exist.</summary>
    [OneTimeSetUp]
    public async Task CreateTheOrganization() => _organizationId = OrganizationApi.OrgId(await OrganizationApi.NewOrganization());

    private static JsonObject EveryField(string teamId) => new()
    {
        ["team_id"] = teamId,
        ["team_alias"] = "every field",
        ["organization_id"] = _organizationId,
        ["admins"] = new JsonArray(),
        ["members"] = new JsonArray(),
        ["team_member_permissions"] = new JsonArray("/key/generate", "/key/update"),
        ["metadata"] = new JsonObject { ["owner"] = "ops" },
        ["tpm_limit"] = 100000,
        ["rpm_limit"] = 1000,
        ["max_budget"] = 500.0,
        ["soft_budget"] = 400.0,
        ["budget_duration"] = "30d",
        ["models"] = new JsonArray("gpt-4o"),
        ["blocked"] = false,
        ["router_settings"] = new JsonObject { ["fallbacks"] = new JsonArray(new JsonObject { ["gpt-4o"] = new JsonArray("claude-3") }) },
        ["access_group_ids"] = new JsonArray("ag-1"),
        ["model_aliases"] = new JsonObject { ["fast"] = "gpt-4o" },
        ["tags"] = new JsonArray("prod"),
        ["guardrails"] = new JsonArray("pii-mask"),
        ["policies"] = new JsonArray("strict"),
        ["prompts"] = new JsonArray("prompt-1"),
        ["object_permission"] = new JsonObject { ["agents"] = new JsonArray("agent-1") },
        ["allowed_passthrough_routes"] = new JsonArray("/my-endpoint"),
        ["secret_manager_settings"] = new JsonObject { ["namespace"] = "team-a" },
        ["model_rpm_limit"] = new JsonObject { ["gpt-4o"] = 50 },
        ["model_tpm_limit"] = new JsonObject { ["gpt-4o"] = 5000 },
        ["rpm_limit_type"] = "guaranteed_throughput",
        ["tpm_limit_type"] = "best_effort_throughput",
        ["team_member_budget"] = 25.0,
        ["team_member_rpm_limit"] = 20,
        ["team_member_tpm_limit"] = 2000,
        ["team_member_key_duration"] = "7d",
        ["team_member_budget_duration"] = "1mo",
        ["allowed_vector_store_indexes"] = new JsonArray(new JsonObject { ["index_name"] = "idx", ["index_permissions"] = new JsonArray("read") }),
        ["enforced_batch_output_expires_after"] = new JsonObject { ["anchor"] = "created_at", ["seconds"] = 3600 },
        ["enforced_file_expires_after"] = new JsonObject { ["anchor"] = "created_at", ["seconds"] = 7200 },
    };

    private static void AssertEveryFieldStored(JsonObject team, string teamId)
    {
        Assert.Multiple(() =>
        {
            Assert.That(team["team_id"]!.GetValue<string>(), Is.EqualTo(teamId));
            Assert.That(team["team_alias"]!.GetValue<string>(), Is.EqualTo("every field"));
            Assert.That(team["organization_id"]!.GetValue<string>(), Is.EqualTo(_organizationId));
            Assert.That(team["team_member_permissions"]!.ToJsonString(), Is.EqualTo("""["/key/generate","/key/update"]"""));
            Assert.That(team["tpm_limit"]!.GetValue<long>(), Is.EqualTo(100000));
            Assert.That(team["rpm_limit"]!.GetValue<long>(), Is.EqualTo(1000));
            Assert.That(team["max_budget"]!.GetValue<double>(), Is.EqualTo(500));
            Assert.That(team["soft_budget"]!.GetValue<double>(), Is.EqualTo(400));
            Assert.That(team["budget_duration"]!.GetValue<string>(), Is.EqualTo("30d"));
            Assert.That(team["models"]!.ToJsonString(), Is.EqualTo("""["gpt-4o"]"""));
            Assert.That(team["blocked"]!.GetValue<bool>(), Is.False);
            Assert.That(team["router_settings"]!.ToJsonString(), Is.EqualTo("""{"fallbacks":[{"gpt-4o":["claude-3"]}]}"""));
            Assert.That(team["access_group_ids"]!.ToJsonString(), Is.EqualTo("""["ag-1"]"""));
            Assert.That(team["model_aliases"]!.ToJsonString(), Is.EqualTo("""{"fast":"gpt-4o"}"""));
            Assert.That(team["object_permission"]!["agents"]!.ToJsonString(), Is.EqualTo("""["agent-1"]"""));
            Assert.That(team["team_member_budget"]!.GetValue<double>(), Is.EqualTo(25));
            Assert.That(team["team_member_rpm_limit"]!.GetValue<long>(), Is.EqualTo(20));
            Assert.That(team["team_member_tpm_limit"]!.GetValue<long>(), Is.EqualTo(2000));
            Assert.That(team["team_member_budget_duration"]!.GetValue<string>(), Is.EqualTo("1mo"));
            var memberBudget = team["team_member_budget_table"]!;
            Assert.That(memberBudget["max_budget"]!.GetValue<double>(), Is.EqualTo(25));
            Assert.That(memberBudget["rpm_limit"]!.GetValue<long>(), Is.EqualTo(20));
            Assert.That(memberBudget["tpm_limit"]!.GetValue<long>(), Is.EqualTo(2000));
            Assert.That(memberBudget["budget_duration"]!.GetValue<string>(), Is.EqualTo("1mo"));
            Assert.That(team["model_spend"]!.ToJsonString(), Is.EqualTo("{}"));
            Assert.That(team["model_max_budget"]!.ToJsonString(), Is.EqualTo("{}"));

            var metadata = team["metadata"]!.AsObject();
            Assert.That(metadata["owner"]!.GetValue<string>(), Is.EqualTo("ops"));
            foreach (var (field, json) in new[]
            {
                ("tags", """["prod"]"""), ("guardrails", """["pii-mask"]"""), ("policies", """["strict"]"""), ("prompts", """["prompt-1"]"""),
                ("allowed_passthrough_routes", """["/my-endpoint"]"""), ("model_rpm_limit", """{"gpt-4o":50}"""),
                ("model_tpm_limit", """{"gpt-4o":5000}"""), ("rpm_limit_type", "\"guaranteed_throughput\""),
                ("tpm_limit_type", "\"best_effort_throughput\""),
            })
            {
                Assert.That(metadata[field]?.ToJsonString(), Is.EqualTo(json), $"metadata.{field}");
                Assert.That(team[field]?.ToJsonString(), Is.EqualTo(json), field);
            }

            Assert.That(metadata["secret_manager_settings"]!.ToJsonString(), Is.EqualTo("""{"namespace":"team-a"}"""));
            Assert.That(metadata["team_member_key_duration"]!.GetValue<string>(), Is.EqualTo("7d"));
            Assert.That(metadata["allowed_vector_store_indexes"]!.ToJsonString(), Is.EqualTo("""[{"index_name":"idx","index_permissions":["read"]}]"""));
            Assert.That(metadata["enforced_batch_output_expires_after"]!.ToJsonString(), Is.EqualTo("""{"anchor":"created_at","seconds":3600}"""));
            Assert.That(metadata["enforced_file_expires_after"]!.ToJsonString(), Is.EqualTo("""{"anchor":"created_at","seconds":7200}"""));
        });
    }

    [Test]
    public async Task NewStoresEveryLiteLlmFieldAndTeamInfoReturnsIt()
    {
        var teamId = Api.UniqueId("team");

        var created = await (await Admin.PostJson("/team/new", EveryField(teamId))).Expect(200);

        AssertEveryFieldStored(created, teamId);
        AssertEveryFieldStored((await Info(teamId))["team_info"]!.AsObject(), teamId);
    }

    [Test]
    public async Task UpdateStoresEveryFieldTerraformSendsOnUpdate()
    {
        var teamId = await ProjectApi.NewTeam(new { team_alias = "before" });
        var body = EveryField(teamId);

        var updated = await (await Admin.PostJson("/team/update", body)).Expect(200);

        AssertEveryFieldStored(updated["data"]!.AsObject(), teamId);
        AssertEveryFieldStored((await Info(teamId))["team_info"]!.AsObject(), teamId);
    }

    [Test]
    public async Task AbsentFieldsReadBackAsLiteLlmsDefaults()
    {
        var teamId = await ProjectApi.NewTeam();

        var team = (await Info(teamId))["team_info"]!.AsObject();

        var expected = JsonNode.Parse("""
            {"team_member_permissions":[],"router_settings":{},"access_group_ids":[],"model_spend":{},"model_max_budget":{},
             "team_member_budget_table":null,"team_member_budget":null,"team_member_rpm_limit":null,"team_member_tpm_limit":null,
             "metadata":{},"models":[],"blocked":false,"spend":0,"max_budget":null,"tags":null,"guardrails":null,"members":[],"admins":[]}
            """)!.AsObject();
        foreach (var (field, value) in expected)
        {
            Assert.That(JsonNode.DeepEquals(team[field], value), Is.True, $"{field}: {team[field]?.ToJsonString()}");
        }
    }

    [TestCase("admins", """["alice"]""")]
    [TestCase("members", """["bob"]""")]
    [TestCase("rpm_limit_type", "\"dynamic\"")]
    [TestCase("team_member_budget", "-1")]
    public async Task NewRefusesWhatItCannotStoreFaithfully(string field, string json)
    {
        var teamId = Api.UniqueId("team");

        var body = await (await ProjectApi.PostRaw(Admin, "/team/new", $$"""{"team_id":"{{teamId}}","{{field}}":{{json}}}""")).Expect(400);

        Assert.That(body.ErrorParam(), Is.EqualTo(field));
        await (await Admin.GetAsync($"/team/info?team_id={teamId}")).Expect(404);
    }

    [Test]
    public async Task UpdateRefusesMembersWithRolesAndPointsToTheMemberRoutes()
    {
        var teamId = await ProjectApi.NewTeam();

        var body = await (await Admin.PostJson("/team/update", new { team_id = teamId, members_with_roles = new[] { new { user_id = "x", role = "admin" } } })).Expect(400);

        Assert.That(body.ErrorParam(), Is.EqualTo("members_with_roles"));
        Assert.That(body.ErrorMessage(), Does.Contain("/team/member_add"));
    }

    [Test]
    public async Task ATeamAdminMayNotChangeTheMemberBudget()
    {
        var teamId = await ProjectApi.NewTeam(new { team_member_budget = 10 });
        var (_, admin) = await ProjectApi.Member(teamId, "admin");

        await (await admin.PostJson("/team/update", new { team_id = teamId, team_member_budget = 100 })).Expect(403);

        Assert.That((await Info(teamId))["team_info"]!["team_member_budget"]!.GetValue<double>(), Is.EqualTo(10));
    }

    // ---------------------------------------------------------------- memberships

    [Test]
    public async Task MembersGetTheTeamsMemberBudgetOrTheirOwnMaxBudgetInTeam()
    {
        var teamId = await ProjectApi.NewTeam(new { team_member_budget = 10, team_member_rpm_limit = 5 });
        var (plain, _) = await Api.CreateUser();
        var (rich, _) = await Api.CreateUser();

        var addedPlain = await (await Admin.PostJson("/team/member_add", new { team_id = teamId, member = new { user_id = plain, role = "user" } })).Expect(200);
        var addedRich = await (await Admin.PostJson("/team/member_add", new { team_id = teamId, member = new { user_id = rich, role = "user" }, max_budget_in_team = 50 })).Expect(200);

        var info = await Info(teamId);
        var teamBudgetId = info["team_info"]!["team_member_budget_table"]!["budget_id"]!.GetValue<string>();
        var memberships = info["team_memberships"]!.AsArray().ToDictionary(m => m!["user_id"]!.GetValue<string>(), m => m!.AsObject());
        Assert.Multiple(() =>
        {
            Assert.That(addedPlain["updated_team_memberships"]![0]!["budget_id"]!.GetValue<string>(), Is.EqualTo(teamBudgetId));
            Assert.That(memberships[plain]["budget_id"]!.GetValue<string>(), Is.EqualTo(teamBudgetId));
            Assert.That(memberships[plain]["litellm_budget_table"]!["max_budget"]!.GetValue<double>(), Is.EqualTo(10));
            Assert.That(memberships[plain]["litellm_budget_table"]!["rpm_limit"]!.GetValue<long>(), Is.EqualTo(5));
            Assert.That(memberships[plain]["spend"]!.GetValue<double>(), Is.Zero);
            Assert.That(memberships[rich]["budget_id"]!.GetValue<string>(), Is.Not.EqualTo(teamBudgetId));
            Assert.That(memberships[rich]["litellm_budget_table"]!["max_budget"]!.GetValue<double>(), Is.EqualTo(50));
            Assert.That(addedRich["updated_team_memberships"]![0]!["litellm_budget_table"]!["max_budget"]!.GetValue<double>(), Is.EqualTo(50));
        });
    }

    [Test]
    public async Task MemberUpdateGivesTheMemberItsOwnLimitsWithoutTouchingTheOthers()
    {
        var teamId = await ProjectApi.NewTeam(new { team_member_budget = 10, team_member_rpm_limit = 5 });
        var (alice, _) = await Api.CreateUser();
        var (bob, _) = await Api.CreateUser();
        await ProjectApi.AddMember(teamId, alice, "user");
        await ProjectApi.AddMember(teamId, bob, "user");

        var updated = await (await Admin.PostJson("/team/member_update", new { team_id = teamId, user_id = alice, max_budget_in_team = 30, tpm_limit = 700 })).Expect(200);

        var memberships = (await Info(teamId))["team_memberships"]!.AsArray().ToDictionary(m => m!["user_id"]!.GetValue<string>(), m => m!);
        Assert.Multiple(() =>
        {
            Assert.That(updated["user_id"]!.GetValue<string>(), Is.EqualTo(alice));
            Assert.That(updated["team_id"]!.GetValue<string>(), Is.EqualTo(teamId));
            Assert.That(updated["max_budget_in_team"]!.GetValue<double>(), Is.EqualTo(30));
            Assert.That(updated["tpm_limit"]!.GetValue<long>(), Is.EqualTo(700));
            Assert.That(updated["rpm_limit"]!.GetValue<long>(), Is.EqualTo(5), "copied from the team's member budget");
            Assert.That(updated["role"]!.GetValue<string>(), Is.EqualTo("user"), "role is optional and unchanged");
            Assert.That(memberships[alice]["litellm_budget_table"]!["max_budget"]!.GetValue<double>(), Is.EqualTo(30));
            Assert.That(memberships[bob]["litellm_budget_table"]!["max_budget"]!.GetValue<double>(), Is.EqualTo(10), "the shared budget is unchanged");
        });
    }

    // ---------------------------------------------------------------- member permissions

    [Test]
    public async Task MemberPermissionsAreListedAndReplacedThroughLiteLlmsPermissionRoutes()
    {
        var teamId = await ProjectApi.NewTeam(new { team_member_permissions = new[] { "/key/generate" } });
        var (_, member) = await ProjectApi.Member(teamId, "user");
        var (_, outsider) = await ProjectApi.UserWithRole();

        var listed = await (await Admin.GetAsync($"/team/permissions_list?team_id={teamId}")).Expect(200);
        var updated = await (await Admin.PostJson("/team/permissions_update", new { team_id = teamId, team_member_permissions = new[] { "/key/info", "/key/update" } })).Expect(200);
        var invalid = await (await Admin.PostJson("/team/permissions_update", new { team_id = teamId, team_member_permissions = new[] { "/team/delete" } })).Expect(400);

        Assert.That(listed["team_member_permissions"]!.ToJsonString(), Is.EqualTo("""["/key/generate"]"""));
        Assert.That(listed["all_available_permissions"]!.AsArray().Select(p => p!.GetValue<string>()), Does.Contain("/key/generate").And.Contain("/key/{key_id}/regenerate"));
        Assert.That(updated["team_member_permissions"]!.ToJsonString(), Is.EqualTo("""["/key/info","/key/update"]"""));
        Assert.That(invalid.ErrorParam(), Is.EqualTo("team_member_permissions"));
        Assert.That((await Info(teamId))["team_info"]!["team_member_permissions"]!.ToJsonString(), Is.EqualTo("""["/key/info","/key/update"]"""));
        await (await member.GetAsync($"/team/permissions_list?team_id={teamId}")).Expect(403);
        await (await member.PostJson("/team/permissions_update", new { team_id = teamId, team_member_permissions = Array.Empty<string>() })).Expect(403);
        await (await outsider.GetAsync($"/team/permissions_list?team_id={teamId}")).Expect(404);
    }

    [Test]
    public async Task ATeamThatNamesNoMemberPermissionsListsLiteLlmsDefault()
    {
        var teamId = await ProjectApi.NewTeam();

        var listed = await (await Admin.GetAsync($"/team/permissions_list?team_id={teamId}")).Expect(200);

        Assert.That(listed["team_member_permissions"]!.ToJsonString(), Is.EqualTo("""["/key/info","/key/health"]"""));
    }
}
