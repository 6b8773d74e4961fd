using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>The team routes as an admin sees them: fields, merges, validation, delete rules and audit.</summary>
public sealed class TeamTests
{
    private const string TeamTable = "LiteLLM_TeamTable";
    private const string UserTable = "LiteLLM_UserTable";
    private const string KeyTable = "LiteLLM_VerificationToken";

    private static HttpClient Admin => Service.App.Admin();

    private static async Task<string> NewTeam(object? extra = null)
    {
        var teamId = Api.UniqueId("team");
        var body = JsonNode.Parse(JsonSerializer.Serialize(extra ?? new { }))!.AsObject();
        body["team_id"] = teamId;
        await (await Admin.PostJson("/team/new", body)).Expect(200);
        return teamId;
    }

    private static async Task<JsonObject> Info(string teamId) =>
        await (await Admin.GetAsync($"/team/info?team_id={teamId}")).Expect(200);

    private static async Task<JsonObject> TeamInfo(string teamId) => (await Info(teamId))["team_info"]!.AsObject();

    private static List<string> Strings(JsonNode? array) => array!.AsArray().Select(n => n!.GetValue<string>()).ToList();

    private static List<(string UserId, string Role)> Roles(JsonNode team) =>
        team["members_with_roles"]!.AsArray().Select(m => (m!["user_id"]!.GetValue<string>(), m["role"]!.GetValue<string>())).ToList();

    private static async Task<List<JsonObject>> AuditRows(string tableName, string objectId)
    {
        var body = await (await Admin.GetAsync($"/audit?table_name={tableName}&object_id={Uri.EscapeDataString(objectId)}&sort_order=asc&page_size=100")).Expect(200);
        var rows = body["audit_logs"]!.AsArray().Select(r => r!.AsObject()).ToList();
        Assert.That(body["total"]!.GetValue<int>(), Is.EqualTo(rows.Count));
        return rows;
    }

    // ---------------------------------------------------------------- /team/new

    [Test]
    public async Task CreateReturnsTheTeamRowWithEveryFieldItWasGiven()
    {
        var teamId = Api.UniqueId("team");
        var (member, _) = await Api.CreateUser();
        var (admin, _) = await Api.CreateUser();
        var organizationId = await OrganizationApi.OrganizationWith(admin, member);

        var team = await (await Admin.PostJson("/team/new", new
        {
            team_id = teamId,
            team_alias = "search squad",
            organization_id = organizationId,
            members_with_roles = new object[] { new { user_id = admin, role = "admin" }, new { user_id = member, role = "user" } },
            models = new[] { "gpt-4", "claude-3" },
            max_budget = 100.5,
            soft_budget = 80,
            tpm_limit = 100000,
            rpm_limit = 600,
            max_parallel_requests = 7,
            budget_duration = "30d",
            model_aliases = new Dictionary<string, string> { ["cheap"] = "gpt-3.5-turbo" },
            metadata = new { owner = "search", cost_center = 42 },
            blocked = true,
        })).Expect(200);

        Assert.Multiple(() =>
        {
            Assert.That(team["team_id"]!.GetValue<string>(), Is.EqualTo(teamId));
            Assert.That(team["team_alias"]!.GetValue<string>(), Is.EqualTo("search squad"));
            Assert.That(team["organization_id"]!.GetValue<string>(), Is.EqualTo(organizationId));
            Assert.That(Strings(team["models"]), Is.EqualTo(new[] { "gpt-4", "claude-3" }));
            Assert.That(team["max_budget"]!.GetValue<double>(), Is.EqualTo(100.5));
            Assert.That(team["soft_budget"]!.GetValue<double>(), Is.EqualTo(80));
            Assert.That(team["spend"]!.GetValue<double>(), Is.EqualTo(0));
            Assert.That(team["tpm_limit"]!.GetValue<long>(), Is.EqualTo(100000));
            Assert.That(team["rpm_limit"]!.GetValue<long>(), Is.EqualTo(600));
            Assert.That(team["max_parallel_requests"]!.GetValue<int>(), Is.EqualTo(7));
            Assert.That(team["budget_duration"]!.GetValue<string>(), Is.EqualTo("30d"));
            Assert.That(team["budget_reset_at"]!.GetValue<DateTime>(), Is.EqualTo(DateTime.UtcNow.AddDays(30)).Within(TimeSpan.FromMinutes(5)));
            Assert.That(team["model_aliases"]!["cheap"]!.GetValue<string>(), Is.EqualTo("gpt-3.5-turbo"));
            Assert.That(JsonNode.DeepEquals(team["metadata"], new JsonObject { ["owner"] = "search", ["cost_center"] = 42 }), Is.True, team["metadata"]!.ToJsonString());
            Assert.That(team["blocked"]!.GetValue<bool>(), Is.True);
            Assert.That(team["object_permission"], Is.Null);
            Assert.That(team["created_by"]!.GetValue<string>(), Is.EqualTo("default_user_id"));
            Assert.That(Roles(team), Is.EqualTo(new[] { (admin, "admin"), (member, "user") }), "the master key is not added as a member");
            Assert.That(Strings(team["admins"]), Is.EqualTo(new[] { admin }));
            Assert.That(Strings(team["members"]), Is.EqualTo(new[] { member }));
        });

        // Stored members come back in user id order, not in the order they were sent; everything else is identical.
        var stored = await TeamInfo(teamId);
        Assert.That(Roles(stored), Is.EquivalentTo(Roles(team)));
        stored.Remove("members_with_roles");
        team.Remove("members_with_roles");
        Assert.That(JsonNode.DeepEquals(stored, team), Is.True, $"info {stored.ToJsonString()} differs from create {team.ToJsonString()}");
    }

    [Test]
    public async Task CreateWithoutATeamIdGeneratesAUuidAndAcceptsAnEmptyBody()
    {
        var team = await (await Admin.PostJson("/team/new", new { })).Expect(200);

        var teamId = team["team_id"]!.GetValue<string>();
        Assert.That(Guid.TryParse(teamId, out _), Is.True, teamId);
        Assert.That(team["models"]!.AsArray(), Is.Empty);
        Assert.That(team["members_with_roles"]!.AsArray(), Is.Empty);
        Assert.That(team["blocked"]!.GetValue<bool>(), Is.False);
        await Info(teamId);
    }

    [Test]
    public async Task AllProxyModelsIsStoredAsTheNoRestrictionMarker()
    {
        var teamId = await NewTeam(new { models = new[] { "all-proxy-models" } });

        Assert.That(Strings((await TeamInfo(teamId))["models"]), Is.EqualTo(new[] { "all-proxy-models" }));
        // A team that restricts nothing accepts a project using any model.
        await (await Admin.PostJson("/project/new", new { team_id = teamId, models = new[] { "any-model-at-all" } })).Expect(200);
    }

    [Test]
    public async Task ManagedFieldsAreMovedIntoMetadata()
    {
        var team = await (await Admin.PostJson("/team/new", new
        {
            team_id = Api.UniqueId("team"),
            metadata = new { owner = "ops" },
            model_rpm_limit = new Dictionary<string, long> { ["gpt-4"] = 10 },
            model_tpm_limit = new Dictionary<string, long> { ["gpt-4"] = 1000 },
            tags = new[] { "prod", "eu" },
            guardrails = new[] { "pii-mask" },
            policies = new[] { "strict" },
            team_member_key_duration = "7d",
        })).Expect(200);

        var expected = JsonNode.Parse("""
            {"owner":"ops","model_rpm_limit":{"gpt-4":10},"model_tpm_limit":{"gpt-4":1000},"tags":["prod","eu"],
             "guardrails":["pii-mask"],"policies":["strict"],"team_member_key_duration":"7d"}
            """);
        Assert.That(JsonNode.DeepEquals(team["metadata"], expected), Is.True, team["metadata"]!.ToJsonString());
        foreach (var field in new[] { "model_rpm_limit", "model_tpm_limit", "tags", "guardrails", "policies" })
        {
            Assert.That(JsonNode.DeepEquals(team[field], expected![field]), Is.True, $"'{field}' is also shown under its own name, as stored in metadata");
        }
    }

    [Test]
    public async Task ObjectPermissionGetsItsOwnRowAndUpdatesChangeThatRowInPlace()
    {
        var teamId = Api.UniqueId("team");
        var created = await (await Admin.PostJson("/team/new", new
        {
            team_id = teamId,
            object_permission = new
            {
                vector_stores = new[] { "vs-1" },
                mcp_servers = new[] { "github" },
                mcp_access_groups = new[] { "dev-tools" },
                mcp_tool_permissions = new Dictionary<string, string[]> { ["github"] = ["list_issues", "create_issue"] },
                agents = new[] { "agent-1" },
                agent_access_groups = new[] { "agents-a" },
                models = new[] { "gpt-4" },
                blocked_tools = new[] { "delete_repo" },
            },
        })).Expect(200);

        var permission = created["object_permission"]!.AsObject();
        var permissionId = created["object_permission_id"]!.GetValue<string>();
        Assert.Multiple(() =>
        {
            Assert.That(permissionId, Is.Not.Empty);
            Assert.That(permission["object_permission_id"]!.GetValue<string>(), Is.EqualTo(permissionId));
            Assert.That(Strings(permission["vector_stores"]), Is.EqualTo(new[] { "vs-1" }));
            Assert.That(Strings(permission["mcp_servers"]), Is.EqualTo(new[] { "github" }));
            Assert.That(Strings(permission["mcp_access_groups"]), Is.EqualTo(new[] { "dev-tools" }));
            Assert.That(Strings(permission["mcp_tool_permissions"]!["github"]), Is.EqualTo(new[] { "list_issues", "create_issue" }));
            Assert.That(Strings(permission["agents"]), Is.EqualTo(new[] { "agent-1" }));
            Assert.That(Strings(permission["agent_access_groups"]), Is.EqualTo(new[] { "agents-a" }));
            Assert.That(Strings(permission["models"]), Is.EqualTo(new[] { "gpt-4" }));
            Assert.That(Strings(permission["blocked_tools"]), Is.EqualTo(new[] { "delete_repo" }));
        });

        var updated = await (await Admin.PostJson("/team/update", new { team_id = teamId, object_permission = new { vector_stores = new[] { "vs-2" } } })).Expect(200);

        var after = updated["data"]!["object_permission"]!;
        Assert.That(updated["data"]!["object_permission_id"]!.GetValue<string>(), Is.EqualTo(permissionId), "the same row, changed in place");
        Assert.That(Strings(after["vector_stores"]), Is.EqualTo(new[] { "vs-2" }));
        Assert.That(Strings(after["mcp_servers"]), Is.EqualTo(new[] { "github" }), "lists not sent stay as they are");

        var withoutPermission = await NewTeam();
        var attached = await (await Admin.PostJson("/team/update", new { team_id = withoutPermission, object_permission = new { agents = new[] { "a" } } })).Expect(200);
        Assert.That(Strings(attached["data"]!["object_permission"]!["agents"]), Is.EqualTo(new[] { "a" }));
        Assert.That(Strings((await TeamInfo(withoutPermission))["object_permission"]!["agents"]), Is.EqualTo(new[] { "a" }));
    }

    [Test]
    public async Task MembersNamedByEmailOrByUnknownIdAreCreatedAsUsers()
    {
        var email = $"{Api.UniqueId("new")}@example.com";
        var unknownId = Api.UniqueId("unknown");

        var team = await (await Admin.PostJson("/team/new", new
        {
            team_id = Api.UniqueId("team"),
            members_with_roles = new object[] { new { user_email = email, role = "admin" }, new { user_id = unknownId } },
        })).Expect(200);

        var members = team["members_with_roles"]!.AsArray();
        var byEmail = members.Single(m => m!["user_email"]?.GetValue<string>() == email)!;
        var createdId = byEmail["user_id"]!.GetValue<string>();
        Assert.That(byEmail["role"]!.GetValue<string>(), Is.EqualTo("admin"));
        Assert.That(members.Single(m => m!["user_id"]!.GetValue<string>() == unknownId)!["role"]!.GetValue<string>(), Is.EqualTo("user"), "role defaults to user");
        var teamId = team["team_id"]!.GetValue<string>();
        foreach (var userId in new[] { createdId, unknownId })
        {
            var user = await (await Admin.GetAsync($"/user/info?user_id={userId}")).Expect(200);
            Assert.That(user["teams"]!.AsArray().Select(t => t!["team_id"]!.GetValue<string>()), Is.EqualTo(new[] { teamId }));
            Assert.That(user["user_info"]!["user_role"]!.GetValue<string>(), Is.EqualTo("internal_user"));
        }
    }

    [Test]
    public async Task ADuplicateTeamIdIsAConflictWithLiteLlmsMessage()
    {
        var teamId = await NewTeam(new { team_alias = "first" });

        var body = await (await Admin.PostJson("/team/new", new { team_id = teamId, team_alias = "second" })).Expect(409);

        Assert.That(body.ErrorMessage(), Is.EqualTo($"Team id = {teamId} already exists. Please use a different team id."));
        Assert.That(body.ErrorParam(), Is.EqualTo("team_id"));
        Assert.That((await TeamInfo(teamId))["team_alias"]!.GetValue<string>(), Is.EqualTo("first"));
    }

    /// <summary>LiteLLM's words for budget periods, kept as sent (its admin UI and clients send them) and read as its lengths.</summary>
    [TestCase("hourly", 0, 1)]
    [TestCase("daily", 1, 0)]
    [TestCase("weekly", 7, 0)]
    [TestCase("Monthly", 30, 0)]
    public async Task ABudgetPeriodInLiteLlmsWordsIsKeptAndReadAsItsLength(string duration, int days, int hours)
    {
        var teamId = await NewTeam(new { team_alias = "worded", budget_duration = duration });

        var team = await TeamInfo(teamId);
        Assert.Multiple(() =>
        {
            Assert.That(team["budget_duration"]!.GetValue<string>(), Is.EqualTo(duration));
            Assert.That(team["budget_reset_at"]!.GetValue<DateTime>(), Is.EqualTo(DateTime.UtcNow.AddDays(days).AddHours(hours)).Within(TimeSpan.FromMinutes(5)));
        });
    }

    [TestCase("""{"max_budget":-1}""", "max_budget")]
    [TestCase("""{"soft_budget":-0.5}""", "soft_budget")]
    [TestCase("""{"tpm_limit":-1}""", "tpm_limit")]
    [TestCase("""{"rpm_limit":-1}""", "rpm_limit")]
    [TestCase("""{"max_parallel_requests":-1}""", "max_parallel_requests")]
    [TestCase("""{"max_budget":100,"soft_budget":100}""", "soft_budget")]
    [TestCase("""{"max_budget":100,"soft_budget":150}""", "soft_budget")]
    [TestCase("""{"budget_duration":"30x"}""", "budget_duration")]
    [TestCase("""{"budget_duration":"fortnightly"}""", "budget_duration")]
    [TestCase("""{"budget_duration":"0d"}""", "budget_duration")]
    [TestCase("""{"members_with_roles":[{"role":"admin"}]}""", "members_with_roles[0].user_id")]
    [TestCase("""{"members_with_roles":[{"user_id":"x","role":"owner"}]}""", "role")]
    [TestCase("""{"members_with_roles":[{"user_id":"x"},null]}""", "members_with_roles[1]")]
    [TestCase("""{"models":["gpt-4",""]}""", "models")]
    [TestCase("""{"team_id":"has space"}""", "team_id")]
    [TestCase("""{"temp_budget_increase":1e400}""", "temp_budget_increase")]
    [TestCase("""{"temp_budget_increase":-1}""", "temp_budget_increase")]
    [TestCase("""{"model_rpm_limit":{"gpt-4":-1}}""", "model_rpm_limit")]
    public async Task InvalidFieldsAreRefusedWith400NamingTheField(string json, string param)
    {
        var body = JsonNode.Parse(json)!.AsObject();
        if (!body.ContainsKey("team_id"))
        {
            body["team_id"] = Api.UniqueId("team");
        }

        var error = await (await Admin.PostJson("/team/new", body)).Expect(400);

        Assert.That(error.ErrorType(), Is.EqualTo("bad_request_error"));
        Assert.That(error.ErrorParam(), Is.EqualTo(param), error.ToJsonString());
        Assert.That(error.ErrorMessage(), Does.Not.Contain("System.").And.Not.Contain("{'"), "a clean message");
        if (body["team_id"]!.GetValue<string>() is var teamId && !teamId.Contains(' '))
        {
            await (await Admin.GetAsync($"/team/info?team_id={teamId}")).Expect(404);
        }
    }

    [Test]
    public async Task ValidationMessagesSayWhatIsWrong()
    {
        async Task<string> Message(object body) =>
            (await (await Admin.PostJson("/team/new", body)).Expect(400)).ErrorMessage();

        Assert.That(await Message(new { max_budget = -10 }), Does.Contain("max_budget").And.Contain("greater than or equal to 0"));
        Assert.That(await Message(new { max_budget = 100, soft_budget = 100 }), Does.Contain("soft_budget (100) must be strictly lower than max_budget (100)"));
        Assert.That(await Message(new { budget_duration = "30x" }), Does.Contain("30s, 30m, 30h, 30d, 1mo"));
        Assert.That(await Message(new { members_with_roles = new[] { new { role = "user" } } }), Does.Contain("Either user id or user email must be provided"));
    }

    [TestCase("30s")]
    [TestCase("30m")]
    [TestCase("30h")]
    [TestCase("30d")]
    [TestCase("1mo")]
    public async Task EveryLiteLlmDurationFormIsAccepted(string duration)
    {
        var teamId = await NewTeam(new { budget_duration = duration });

        var team = await TeamInfo(teamId);
        Assert.That(team["budget_duration"]!.GetValue<string>(), Is.EqualTo(duration));
        Assert.That(team["budget_reset_at"]!.GetValue<DateTime>(), Is.GreaterThan(DateTime.UtcNow));
    }

    [TestCase("999999mo")]
    [TestCase("999999w")]
    public async Task AHugeDurationIsABadRequestNotAServerError(string duration)
    {
        var error = await (await Admin.PostJson("/team/new", new { team_id = Api.UniqueId("team"), budget_duration = duration })).Expect(400);

        Assert.That(error.ErrorParam(), Is.EqualTo("budget_duration"));
    }

    [TestCase("""{"max_budget": 1e999}""")]
    [TestCase("""{"max_budget": "NaN"}""")]
    [TestCase("""{"soft_budget": "Infinity"}""")]
    [TestCase("""{"tpm_limit": 1.5}""")]
    [TestCase("""{"tpm_limit": 99999999999999999999999}""")]
    public async Task NonFiniteOrMistypedNumbersAreRefusedWith400(string json)
    {
        var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        var error = await (await Admin.PostAsync("/team/new", content)).Expect(400);

        Assert.That(error.ErrorType(), Is.EqualTo("bad_request_error"));
    }

    [Test]
    public async Task ANullMemberEntryIsABadRequestNotAServerError()
    {
        var teamId = await NewTeam();

        await (await Admin.PostAsync("/team/new", new StringContent("""{"members_with_roles":[null]}""", System.Text.Encoding.UTF8, "application/json"))).Expect(400);
        await (await Admin.PostAsync("/team/member_add", new StringContent($$"""{"team_id":"{{teamId}}","member":[null]}""", System.Text.Encoding.UTF8, "application/json"))).Expect(400);
        Assert.That((await TeamInfo(teamId))["members_with_roles"]!.AsArray(), Is.Empty);
    }

    // ---------------------------------------------------------------- /team/update

    [Test]
    public async Task UpdateChangesOnlyTheFieldsSentAndMergesMetadata()
    {
        var teamId = await NewTeam(new
        {
            team_alias = "before",
            models = new[] { "gpt-4" },
            max_budget = 50,
            tpm_limit = 1000,
            budget_duration = "30d",
            metadata = new { owner = "a", region = "eu" },
            tags = new[] { "dev" },
            model_aliases = new Dictionary<string, string> { ["cheap"] = "gpt-3.5-turbo", ["fast"] = "gpt-4o-mini" },
        });
        var before = await TeamInfo(teamId);

        var response = await (await Admin.PostJson("/team/update", new
        {
            team_id = teamId,
            team_alias = "after",
            metadata = new Dictionary<string, object?> { ["region"] = "us", ["extra"] = true, ["owner"] = null },
            tags = new[] { "prod" },
            model_aliases = new Dictionary<string, string?> { ["fast"] = null, ["smart"] = "gpt-4" },
        })).Expect(200);

        Assert.That(response["team_id"]!.GetValue<string>(), Is.EqualTo(teamId));
        var data = response["data"]!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(data["team_alias"]!.GetValue<string>(), Is.EqualTo("after"));
            Assert.That(JsonNode.DeepEquals(data["metadata"], JsonNode.Parse("""{"region":"us","tags":["prod"],"extra":true}""")), Is.True, data["metadata"]!.ToJsonString());
            Assert.That(JsonNode.DeepEquals(data["model_aliases"], JsonNode.Parse("""{"cheap":"gpt-3.5-turbo","smart":"gpt-4"}""")), Is.True, data["model_aliases"]!.ToJsonString());
            foreach (var unchanged in new[] { "models", "max_budget", "tpm_limit", "budget_duration", "budget_reset_at", "members_with_roles", "blocked", "created_at" })
            {
                Assert.That(JsonNode.DeepEquals(data[unchanged], before[unchanged]), Is.True, unchanged);
            }
        });
        Assert.That(JsonNode.DeepEquals(await TeamInfo(teamId), data), Is.True, "info shows what update returned");
    }

    [Test]
    public async Task UpdateOfAnUnknownTeamIs404WithLiteLlmsMessage()
    {
        var teamId = Api.UniqueId("ghost");

        var error = await (await Admin.PostJson("/team/update", new { team_id = teamId, team_alias = "x" })).Expect(404);

        Assert.That(error.ErrorMessage(), Is.EqualTo($"Team not found, passed team_id={teamId}"));
        Assert.That(error.ErrorType(), Is.EqualTo("not_found_error"));
    }

    [Test]
    public async Task UpdateValidatesLikeCreateAndAgainstTheStoredBudget()
    {
        var teamId = await NewTeam(new { max_budget = 100, soft_budget = 50 });

        await (await Admin.PostJson("/team/update", new { team_id = teamId, max_budget = -1 })).Expect(400);
        await (await Admin.PostJson("/team/update", new { team_id = teamId, tpm_limit = -5 })).Expect(400);
        await (await Admin.PostJson("/team/update", new { team_id = teamId, budget_duration = "1year" })).Expect(400);
        var stored = await (await Admin.PostJson("/team/update", new { team_id = teamId, soft_budget = 150 })).Expect(400);
        Assert.That(stored.ErrorMessage(), Does.Contain("strictly lower than max_budget"));
        await (await Admin.PostJson("/team/update", new { team_id = teamId, max_budget = 40 })).Expect(400);
        await (await Admin.PostJson("/team/update", new { })).Expect(400);

        var team = await TeamInfo(teamId);
        Assert.That(team["max_budget"]!.GetValue<double>(), Is.EqualTo(100));
        Assert.That(team["soft_budget"]!.GetValue<double>(), Is.EqualTo(50));
        Assert.That(await AuditRows(TeamTable, teamId), Has.Count.EqualTo(1), "refused updates leave no audit row");
    }

    [Test]
    public async Task UpdateCanBlockAndSetLimitsForAnAdmin()
    {
        var teamId = await NewTeam(new { max_budget = 10 });

        var data = (await (await Admin.PostJson("/team/update", new { team_id = teamId, max_budget = 20, rpm_limit = 5, blocked = true, budget_duration = "1h" })).Expect(200))["data"]!;

        Assert.That(data["max_budget"]!.GetValue<double>(), Is.EqualTo(20));
        Assert.That(data["rpm_limit"]!.GetValue<long>(), Is.EqualTo(5));
        Assert.That(data["blocked"]!.GetValue<bool>(), Is.True);
        Assert.That(data["budget_reset_at"]!.GetValue<DateTime>(), Is.EqualTo(DateTime.UtcNow.AddHours(1)).Within(TimeSpan.FromMinutes(5)));
    }

    // ---------------------------------------------------------------- /team/info, /team/list, /v2/team/list

    [Test]
    public async Task InfoListsMembershipsAndKeysWithoutTheirHashes()
    {
        var (userId, _) = await Api.CreateUser();
        var teamId = await NewTeam(new { members_with_roles = new[] { new { user_id = userId, role = "admin" } } });
        var key = await Api.GenerateKey(Admin, new { team_id = teamId, user_id = userId, key_alias = Api.UniqueId("alias") });
        var secret = key["key"]!.GetValue<string>();

        var response = await Admin.GetAsync($"/team/info?team_id={teamId}");
        var text = await response.Content.ReadAsStringAsync();
        var info = await response.Expect(200);

        Assert.That(info["team_id"]!.GetValue<string>(), Is.EqualTo(teamId));
        Assert.That(info["team_info"]!["team_id"]!.GetValue<string>(), Is.EqualTo(teamId));
        var memberships = info["team_memberships"]!.AsArray();
        Assert.That(memberships, Has.Count.EqualTo(1));
        Assert.That(memberships[0]!["team_id"]!.GetValue<string>(), Is.EqualTo(teamId));
        Assert.That(memberships[0]!["user_id"]!.GetValue<string>(), Is.EqualTo(userId));
        Assert.That(memberships[0]!["role"]!.GetValue<string>(), Is.EqualTo("admin"));
        var keys = info["keys"]!.AsArray();
        Assert.That(keys, Has.Count.EqualTo(1));
        Assert.That(keys[0]!["key_alias"]!.GetValue<string>(), Is.EqualTo(key["key_alias"]!.GetValue<string>()));
        Assert.That(keys[0]!["key_name"]!.GetValue<string>(), Is.EqualTo(key["key_name"]!.GetValue<string>()));
        Assert.That(keys[0]!["team_id"]!.GetValue<string>(), Is.EqualTo(teamId));
        Assert.That(keys[0]!.AsObject().ContainsKey("token"), Is.False);
        Assert.That(text, Does.Not.Contain(Api.Sha256Hex(secret)), "the key's hash is never shown");
        Assert.That(text, Does.Not.Contain(secret));
    }

    [Test]
    public async Task InfoWithoutATeamIdIs400AndForAnUnknownTeamIs404()
    {
        var missing = await (await Admin.GetAsync("/team/info")).Expect(400);
        Assert.That(missing.ErrorMessage(), Does.Contain("No team id passed in"));

        var ghost = Api.UniqueId("ghost");
        var unknown = await (await Admin.GetAsync($"/team/info?team_id={ghost}")).Expect(404);
        Assert.That(unknown.ErrorMessage(), Is.EqualTo($"Team not found, passed team_id={ghost}"));
    }

    [Test]
    public async Task ListIsAnArraySortedByAliasAndFiltersByUserAndOrganization()
    {
        var (userId, _) = await Api.CreateUser();
        var organization = await OrganizationApi.OrganizationWith(userId);
        var member = new[] { new { user_id = userId, role = "user" } };
        var b = await NewTeam(new { team_alias = "bravo", organization_id = organization, members_with_roles = member });
        var a = await NewTeam(new { team_alias = "alpha", organization_id = organization });
        var c = await NewTeam(new { team_alias = "charlie", members_with_roles = member });

        var all = JsonNode.Parse(await (await Admin.GetAsync("/team/list")).Content.ReadAsStringAsync())!.AsArray();
        var byOrganization = JsonNode.Parse(await (await Admin.GetAsync($"/team/list?organization_id={organization}")).Content.ReadAsStringAsync())!.AsArray();
        var byUser = JsonNode.Parse(await (await Admin.GetAsync($"/team/list?user_id={userId}")).Content.ReadAsStringAsync())!.AsArray();
        var byBoth = JsonNode.Parse(await (await Admin.GetAsync($"/team/list?user_id={userId}&organization_id={organization}")).Content.ReadAsStringAsync())!.AsArray();
        var noOrganization = JsonNode.Parse(await (await Admin.GetAsync("/team/list?organization_id=default_organization")).Content.ReadAsStringAsync())!.AsArray();

        static List<string> Ids(JsonArray teams) => teams.Select(t => t!["team_id"]!.GetValue<string>()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(Ids(all), Is.SupersetOf(new[] { a, b, c }));
            var aliases = all.Select(t => t!["team_alias"]?.GetValue<string>()).Where(x => x is not null).ToList();
            Assert.That(aliases, Is.Ordered.Using((IComparer<string?>)StringComparer.Ordinal));
            Assert.That(Ids(byOrganization), Is.EqualTo(new[] { a, b }));
            Assert.That(Ids(byUser), Is.EqualTo(new[] { b, c }));
            Assert.That(Ids(byBoth), Is.EqualTo(new[] { b }));
            Assert.That(Ids(noOrganization), Does.Contain(c).And.Not.Contain(a).And.Not.Contain(b));
            Assert.That(byUser[0]!["members"]!.AsArray().Select(m => m!.GetValue<string>()), Is.EqualTo(new[] { userId }));
        });
    }

    [Test]
    public async Task V2ListPagesAndSearchesByAlias()
    {
        var prefix = Api.UniqueId("paged");
        var ids = new List<string>();
        foreach (var suffix in new[] { "c", "a", "b" })
        {
            ids.Add(await NewTeam(new { team_alias = $"{prefix}-{suffix}" }));
        }

        await NewTeam(new { team_alias = "unrelated" });

        var first = await (await Admin.GetAsync($"/v2/team/list?team_alias={prefix}&page=1&page_size=2")).Expect(200);
        var second = await (await Admin.GetAsync($"/v2/team/list?team_alias={prefix}&page=2&page_size=2")).Expect(200);
        var beyond = await (await Admin.GetAsync($"/v2/team/list?team_alias={prefix}&page=5&page_size=2")).Expect(200);

        static List<string> Aliases(JsonObject page) => page["teams"]!.AsArray().Select(t => t!["team_alias"]!.GetValue<string>()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(first["total"]!.GetValue<int>(), Is.EqualTo(3));
            Assert.That(first["page"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(first["page_size"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(first["total_pages"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(Aliases(first), Is.EqualTo(new[] { $"{prefix}-a", $"{prefix}-b" }));
            Assert.That(Aliases(second), Is.EqualTo(new[] { $"{prefix}-c" }));
            Assert.That(second["page"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(beyond["teams"]!.AsArray(), Is.Empty);
            Assert.That(beyond["total"]!.GetValue<int>(), Is.EqualTo(3));
        });

        var defaults = await (await Admin.GetAsync("/v2/team/list")).Expect(200);
        Assert.That(defaults["page"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(defaults["page_size"]!.GetValue<int>(), Is.EqualTo(10));
        Assert.That(defaults["teams"]!.AsArray().Count, Is.LessThanOrEqualTo(10));
    }

    [TestCase("page=0")]
    [TestCase("page_size=0")]
    [TestCase("page_size=100000")]
    [TestCase("page=abc")]
    public async Task V2ListRefusesBadPaging(string query)
    {
        var error = await (await Admin.GetAsync($"/v2/team/list?{query}")).Expect(400);

        Assert.That(error.ErrorParam(), Is.EqualTo(query.Split('=')[0]));
    }

    // ---------------------------------------------------------------- members

    [Test]
    public async Task MemberAddTakesOneMemberOrAListAndReturnsTheTeamWithWhatChanged()
    {
        var teamId = await NewTeam();
        var (existing, _) = await Api.CreateUser();
        var fresh = Api.UniqueId("fresh");
        var email = $"{Api.UniqueId("mail")}@example.com";

        var one = await (await Admin.PostJson("/team/member_add", new { team_id = teamId, member = new { user_id = existing, role = "admin" } })).Expect(200);
        var many = await (await Admin.PostJson("/team/member_add", new
        {
            team_id = teamId,
            member = new object[] { new { user_id = fresh, role = "user" }, new { user_email = email } },
        })).Expect(200);

        Assert.Multiple(() =>
        {
            Assert.That(one["team_id"]!.GetValue<string>(), Is.EqualTo(teamId));
            Assert.That(one["updated_users"]!.AsArray(), Is.Empty, "an existing user is not created");
            Assert.That(one["updated_team_memberships"]!.AsArray().Select(m => m!["user_id"]!.GetValue<string>()), Is.EqualTo(new[] { existing }));
            Assert.That(Strings(one["admins"]), Is.EqualTo(new[] { existing }));
            Assert.That(Strings(many["updated_users"]!.AsArray().Select(u => u!["user_id"]).ToJsonArray()), Has.Member(fresh).And.Count.EqualTo(2));
            Assert.That(many["updated_team_memberships"]!.AsArray(), Has.Count.EqualTo(2));
            Assert.That(Strings(many["admins"]), Is.EqualTo(new[] { existing }));
            Assert.That(Strings(many["members"]), Has.Count.EqualTo(2).And.Member(fresh));
            Assert.That(many["members_with_roles"]!.AsArray().Any(m => m!["user_email"]?.GetValue<string>() == email), Is.True);
        });

        await (await Admin.GetAsync($"/user/info?user_id={fresh}")).Expect(200);
        Assert.That(Roles(await TeamInfo(teamId)), Has.Count.EqualTo(3));
    }

    [Test]
    public async Task AddingAMemberAlreadyInTheTeamIs409AndChangesNothing()
    {
        var (userId, _) = await Api.CreateUser();
        var email = $"{Api.UniqueId("dup")}@example.com";
        var teamId = await NewTeam(new { members_with_roles = new object[] { new { user_id = userId, role = "user" }, new { user_email = email } } });
        var (other, _) = await Api.CreateUser();

        var byId = await (await Admin.PostJson("/team/member_add", new { team_id = teamId, member = new { user_id = userId, role = "admin" } })).Expect(409);
        await (await Admin.PostJson("/team/member_add", new { team_id = teamId, member = new { user_email = email } })).Expect(409);
        await (await Admin.PostJson("/team/member_add", new { team_id = teamId, member = new { user_email = email.ToUpperInvariant() } })).Expect(409);
        await (await Admin.PostJson("/team/member_add", new { team_id = teamId, member = new object[] { new { user_id = other }, new { user_id = userId } } })).Expect(409);
        await (await Admin.PostJson("/team/member_add", new { team_id = teamId, member = new object[] { new { user_id = other }, new { user_id = other } } })).Expect(409);

        Assert.That(byId.ErrorMessage(), Does.StartWith($"User={userId} already in team."));
        var roles = Roles(await TeamInfo(teamId));
        Assert.That(roles, Has.Count.EqualTo(2), "the list is all or nothing");
        Assert.That(roles, Does.Contain((userId, "user")), "the existing role is kept");
    }

    [Test]
    public async Task MemberAddValidatesEveryMember()
    {
        var teamId = await NewTeam();

        var noIdentity = await (await Admin.PostJson("/team/member_add", new { team_id = teamId, member = new { role = "user" } })).Expect(400);
        await (await Admin.PostJson("/team/member_add", new { team_id = teamId, member = new { user_id = "x", role = "owner" } })).Expect(400);
        await (await Admin.PostJson("/team/member_add", new { team_id = teamId, member = new { user_email = "not-an-email" } })).Expect(400);
        await (await Admin.PostJson("/team/member_add", new { team_id = teamId, member = Array.Empty<object>() })).Expect(400);
        await (await Admin.PostJson("/team/member_add", new { team_id = teamId })).Expect(400);
        await (await Admin.PostJson("/team/member_add", new { team_id = teamId, member = "someone" })).Expect(400);
        await (await Admin.PostJson("/team/member_add", new { team_id = Api.UniqueId("ghost"), member = new { user_id = "x" } })).Expect(404);

        Assert.That(noIdentity.ErrorMessage(), Does.Contain("Either user id or user email must be provided"));
        Assert.That((await TeamInfo(teamId))["members_with_roles"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task MemberUpdateChangesTheRoleAndTheDerivedArrays()
    {
        var (userId, _) = await Api.CreateUser();
        var teamId = await NewTeam(new { members_with_roles = new[] { new { user_id = userId, role = "user" } } });

        var membership = await (await Admin.PostJson("/team/member_update", new { team_id = teamId, user_id = userId, role = "admin" })).Expect(200);

        Assert.That(membership["team_id"]!.GetValue<string>(), Is.EqualTo(teamId));
        Assert.That(membership["user_id"]!.GetValue<string>(), Is.EqualTo(userId));
        Assert.That(membership["role"]!.GetValue<string>(), Is.EqualTo("admin"));
        var team = await TeamInfo(teamId);
        Assert.That(Strings(team["admins"]), Is.EqualTo(new[] { userId }));
        Assert.That(team["members"]!.AsArray(), Is.Empty);

        await (await Admin.PostJson("/team/member_update", new { team_id = teamId, user_id = userId, role = "owner" })).Expect(400);
        await (await Admin.PostJson("/team/member_update", new { team_id = teamId, role = "user" })).Expect(400);
        await (await Admin.PostJson("/team/member_update", new { team_id = teamId, user_id = Api.UniqueId("stranger"), role = "user" })).Expect(404);
        await (await Admin.PostJson("/team/member_update", new { team_id = Api.UniqueId("ghost"), user_id = userId, role = "user" })).Expect(404);
        Assert.That(Roles(await TeamInfo(teamId)), Is.EqualTo(new[] { (userId, "admin") }));
    }

    [Test]
    public async Task MemberDeleteRemovesByIdOrEmailAndTheUsersTeamsFollow()
    {
        var (byId, _) = await Api.CreateUser();
        var email = $"{Api.UniqueId("gone")}@example.com";
        var team = await (await Admin.PostJson("/team/new", new
        {
            team_id = Api.UniqueId("team"),
            members_with_roles = new object[] { new { user_id = byId, role = "admin" }, new { user_email = email, role = "user" } },
        })).Expect(200);
        var teamId = team["team_id"]!.GetValue<string>();
        var byEmail = team["members_with_roles"]!.AsArray().Single(m => m!["user_email"]?.GetValue<string>() == email)!["user_id"]!.GetValue<string>();

        var afterFirst = await (await Admin.PostJson("/team/member_delete", new { team_id = teamId, user_id = byId })).Expect(200);
        var afterSecond = await (await Admin.PostJson("/team/member_delete", new { team_id = teamId, user_email = email.ToUpperInvariant() })).Expect(200);

        Assert.That(Strings(afterFirst["members"]), Is.EqualTo(new[] { byEmail }));
        Assert.That(afterFirst["admins"]!.AsArray(), Is.Empty);
        Assert.That(afterSecond["members_with_roles"]!.AsArray(), Is.Empty);
        foreach (var userId in new[] { byId, byEmail })
        {
            var user = await (await Admin.GetAsync($"/user/info?user_id={userId}")).Expect(200);
            Assert.That(user["teams"]!.AsArray(), Is.Empty, "the user still exists, outside the team");
        }

        var notMember = await (await Admin.PostJson("/team/member_delete", new { team_id = teamId, user_id = byId })).Expect(404);
        Assert.That(notMember.ErrorMessage(), Is.EqualTo("User not found in team"));
        var neither = await (await Admin.PostJson("/team/member_delete", new { team_id = teamId })).Expect(400);
        Assert.That(neither.ErrorMessage(), Does.Contain("Either user_id or user_email needs to be passed in"));
        await (await Admin.PostJson("/team/member_delete", new { team_id = Api.UniqueId("ghost"), user_id = byId })).Expect(404);
    }

    // ---------------------------------------------------------------- models, block

    [Test]
    public async Task ModelAddKeepsEachModelOnceInOrderAndModelDeleteRemovesThem()
    {
        var teamId = await NewTeam(new { models = new[] { "a", "b" } });

        var added = await (await Admin.PostJson("/team/model/add", new { team_id = teamId, models = new[] { "c", "a", "d", "c" } })).Expect(200);
        Assert.That(Strings(added["models"]), Is.EqualTo(new[] { "a", "b", "c", "d" }));
        Assert.That(added["team_id"]!.GetValue<string>(), Is.EqualTo(teamId));

        var removed = await (await Admin.PostJson("/team/model/delete", new { team_id = teamId, models = new[] { "b", "d", "never-there" } })).Expect(200);
        Assert.That(Strings(removed["models"]), Is.EqualTo(new[] { "a", "c" }));
        Assert.That(Strings((await TeamInfo(teamId))["models"]), Is.EqualTo(new[] { "a", "c" }));

        await (await Admin.PostJson("/team/model/add", new { team_id = teamId, models = Array.Empty<string>() })).Expect(400);
        await (await Admin.PostJson("/team/model/add", new { team_id = teamId, models = new[] { " " } })).Expect(400);
        await (await Admin.PostJson("/team/model/delete", new { team_id = teamId })).Expect(400);
        var ghost = Api.UniqueId("ghost");
        var missing = await (await Admin.PostJson("/team/model/add", new { team_id = ghost, models = new[] { "x" } })).Expect(404);
        Assert.That(missing.ErrorMessage(), Is.EqualTo($"Team not found, passed team_id={ghost}"));
        await (await Admin.PostJson("/team/model/delete", new { team_id = ghost, models = new[] { "x" } })).Expect(404);
    }

    [Test]
    public async Task BlockStopsTheTeamsKeysAndUnblockRestoresThem()
    {
        var (userId, _) = await Api.CreateUser();
        var teamId = await NewTeam(new { members_with_roles = new[] { new { user_id = userId, role = "user" } } });
        var secret = (await Api.GenerateKey(Admin, new { team_id = teamId, user_id = userId }))["key"]!.GetValue<string>();
        var teamKey = Service.App.ClientWith(secret);
        await (await teamKey.GetAsync($"/team/info?team_id={teamId}")).Expect(200);

        var blocked = await (await Admin.PostJson("/team/block", new { team_id = teamId })).Expect(200);
        Assert.That(blocked["blocked"]!.GetValue<bool>(), Is.True);
        Assert.That((await TeamInfo(teamId))["blocked"]!.GetValue<bool>(), Is.True);
        var refused = await teamKey.GetAsync($"/team/info?team_id={teamId}");
        Assert.That((int)refused.StatusCode, Is.AnyOf(401, 403), "a blocked team's keys stop working");

        var unblocked = await (await Admin.PostJson("/team/unblock", new { team_id = teamId })).Expect(200);
        Assert.That(unblocked["blocked"]!.GetValue<bool>(), Is.False);
        await (await teamKey.GetAsync($"/team/info?team_id={teamId}")).Expect(200);

        await (await Admin.PostJson("/team/block", new { team_id = Api.UniqueId("ghost") })).Expect(404);
        await (await Admin.PostJson("/team/unblock", new { team_id = Api.UniqueId("ghost") })).Expect(404);
        await (await Admin.PostJson("/team/block", new { })).Expect(400);
    }

    // ---------------------------------------------------------------- keys

    [Test]
    public async Task AKeyForATeamNeedsTheTeamToExist()
    {
        var ghost = Api.UniqueId("ghost");

        var error = await (await Admin.PostJson("/key/generate", new { team_id = ghost })).Expect(404);

        Assert.That(error.ErrorParam(), Is.EqualTo("team_id"));
        var teamId = await NewTeam();
        var key = await Api.GenerateKey(Admin, new { team_id = teamId });
        Assert.That(key["team_id"]!.GetValue<string>(), Is.EqualTo(teamId));
    }

    // ---------------------------------------------------------------- /team/delete

    [Test]
    public async Task DeleteRemovesTheTeamsKeysAndMembershipsTogether()
    {
        var (userId, ownKey) = await Api.CreateUser();
        var teamId = await NewTeam(new { members_with_roles = new[] { new { user_id = userId, role = "admin" } }, object_permission = new { agents = new[] { "a" } } });
        var secret = (await Api.GenerateKey(Admin, new { team_id = teamId, user_id = userId }))["key"]!.GetValue<string>();
        var token = Api.Sha256Hex(secret);

        var deleted = await (await Admin.PostJson("/team/delete", new { team_ids = new[] { teamId } })).Expect(200);

        Assert.That(Strings(deleted["deleted_teams"]), Is.EqualTo(new[] { teamId }));
        Assert.That(Strings(deleted["deleted_keys"]), Is.EqualTo(new[] { token }));
        await (await Admin.GetAsync($"/team/info?team_id={teamId}")).Expect(404);
        await (await Service.App.ClientWith(secret).GetAsync("/key/info")).Expect(401);
        var user = await (await Service.App.ClientWith(ownKey).GetAsync("/user/info")).Expect(200);
        Assert.That(user["teams"]!.AsArray(), Is.Empty);
        Assert.That(user["keys"]!.AsArray().Select(k => k!["token"]!.GetValue<string>()), Does.Not.Contain(token), "the user's own key survives, the team key does not");
        var listed = JsonNode.Parse(await (await Admin.GetAsync($"/team/list?user_id={userId}")).Content.ReadAsStringAsync())!.AsArray();
        Assert.That(listed, Is.Empty);

        // The id is free again: nothing of the old team lingers.
        var recreated = await (await Admin.PostJson("/team/new", new { team_id = teamId })).Expect(200);
        Assert.That(recreated["members_with_roles"]!.AsArray(), Is.Empty);
        Assert.That((await Info(teamId))["keys"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task DeleteChecksEveryIdFirstAndDeletesNothingWhenOneIsMissing()
    {
        var first = await NewTeam();
        var second = await NewTeam();
        var secret = (await Api.GenerateKey(Admin, new { team_id = first }))["key"]!.GetValue<string>();
        var ghost = Api.UniqueId("ghost");

        var error = await (await Admin.PostJson("/team/delete", new { team_ids = new[] { first, ghost, second } })).Expect(404);

        Assert.That(error.ErrorMessage(), Is.EqualTo($"Team not found, passed team_id={ghost}"));
        await Info(first);
        await Info(second);
        await (await Admin.GetAsync($"/key/info?key={secret}")).Expect(200);
        Assert.That(await AuditRows(TeamTable, first), Has.Count.EqualTo(1), "only the creation");

        var both = await (await Admin.PostJson("/team/delete", new { team_ids = new[] { first, second, first } })).Expect(200);
        Assert.That(Strings(both["deleted_teams"]), Is.EquivalentTo(new[] { first, second }));
    }

    [Test]
    public async Task DeleteRefusesATeamThatStillOwnsProjects()
    {
        var free = await NewTeam();
        var owner = await NewTeam();
        var project = (await (await Admin.PostJson("/project/new", new { team_id = owner })).Expect(200))["project_id"]!.GetValue<string>();

        var error = await (await Admin.PostJson("/team/delete", new { team_ids = new[] { free, owner } })).Expect(409);

        Assert.That(error.ErrorMessage(), Does.Contain(owner).And.Contain("still own projects"));
        await Info(free);
        await Info(owner);

        var projectDeleted = await Admin.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/project/delete")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { project_ids = new[] { project } }),
        });
        Assert.That((int)projectDeleted.StatusCode, Is.EqualTo(200));
        await (await Admin.PostJson("/team/delete", new { team_ids = new[] { free, owner } })).Expect(200);
    }

    [Test]
    public async Task DeleteNeedsAtLeastOneId()
    {
        await (await Admin.PostJson("/team/delete", new { team_ids = Array.Empty<string>() })).Expect(400);
        await (await Admin.PostJson("/team/delete", new { team_ids = new[] { "" } })).Expect(400);
        await (await Admin.PostJson("/team/delete", new { })).Expect(400);
    }

    // ---------------------------------------------------------------- concurrency

    [Test]
    public async Task ConcurrentUpdatesOfDifferentMetadataKeysAreAllKept()
    {
        var teamId = await NewTeam(new { metadata = new { base_key = 0 } });

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            Service.App.Admin().PostJson("/team/update", new { team_id = teamId, metadata = new Dictionary<string, int> { [$"k{i}"] = i } })));
        foreach (var response in responses)
        {
            await response.Expect(200);
        }

        var metadata = (await TeamInfo(teamId))["metadata"]!.AsObject();
        Assert.That(metadata.Select(p => p.Key), Is.EquivalentTo(Enumerable.Range(0, 10).Select(i => $"k{i}").Prepend("base_key")));
        Assert.That(await AuditRows(TeamTable, teamId), Has.Count.EqualTo(11));
    }

    [Test]
    public async Task ConcurrentRemovalsOfOneMemberRemoveItOnceAndTellTheOthersItIsGone()
    {
        var (userId, _) = await Api.CreateUser();
        var (stays, _) = await Api.CreateUser();
        var teamId = await NewTeam(new { members_with_roles = new[] { new { user_id = userId, role = "user" }, new { user_id = stays, role = "user" } } });

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            Service.App.Admin().PostJson("/team/member_delete", new { team_id = teamId, user_id = userId })));

        var statuses = responses.Select(r => (int)r.StatusCode).ToList();
        Assert.That(statuses.Count(s => s == 200), Is.EqualTo(1), string.Join(",", statuses));
        Assert.That(statuses.Count(s => s == 404), Is.EqualTo(5), string.Join(",", statuses));
        Assert.That(Roles(await TeamInfo(teamId)), Is.EqualTo(new[] { (stays, "user") }));
    }

    [Test]
    public async Task ConcurrentDeletesOfOneTeamDeleteItOnce()
    {
        var teamId = await NewTeam();

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Service.App.Admin().PostJson("/team/delete", new { team_ids = new[] { teamId } })));

        var statuses = responses.Select(r => (int)r.StatusCode).ToList();
        Assert.That(statuses.Count(s => s == 200), Is.EqualTo(1), string.Join(",", statuses));
        Assert.That(statuses.Where(s => s != 200), Has.All.AnyOf(404, 409), string.Join(",", statuses));
        Assert.That((await AuditRows(TeamTable, teamId)).Select(r => r["action"]!.GetValue<string>()), Is.EqualTo(new[] { "created", "deleted" }));
    }

    [Test]
    public async Task ConcurrentRoleChangeAndRemovalOfOneMemberNeverResurrectIt()
    {
        var (userId, _) = await Api.CreateUser();
        var teamId = await NewTeam(new { members_with_roles = new[] { new { user_id = userId, role = "user" } } });

        var responses = await Task.WhenAll(
            Service.App.Admin().PostJson("/team/member_update", new { team_id = teamId, user_id = userId, role = "admin" }),
            Service.App.Admin().PostJson("/team/member_delete", new { team_id = teamId, user_id = userId }));

        var statuses = responses.Select(r => (int)r.StatusCode).ToList();
        Assert.That(statuses[1], Is.EqualTo(200));
        Assert.That(statuses[0], Is.AnyOf(200, 404));
        Assert.That((await TeamInfo(teamId))["members_with_roles"]!.AsArray(), Is.Empty);
    }

    // ---------------------------------------------------------------- audit

    [Test]
    public async Task EveryTeamWriteIsAuditedOnceInTheTeamTable()
    {
        var teamId = await NewTeam(new { team_alias = "audited" });
        var (userId, _) = await Api.CreateUser();
        await (await Admin.PostJson("/team/update", new { team_id = teamId, team_alias = "renamed" })).Expect(200);
        await (await Admin.PostJson("/team/member_add", new { team_id = teamId, member = new { user_id = userId } })).Expect(200);
        await (await Admin.PostJson("/team/member_update", new { team_id = teamId, user_id = userId, role = "admin" })).Expect(200);
        await (await Admin.PostJson("/team/model/add", new { team_id = teamId, models = new[] { "gpt-4" } })).Expect(200);
        await (await Admin.PostJson("/team/model/delete", new { team_id = teamId, models = new[] { "gpt-4" } })).Expect(200);
        await (await Admin.PostJson("/team/member_delete", new { team_id = teamId, user_id = userId })).Expect(200);
        await (await Admin.PostJson("/team/block", new { team_id = teamId })).Expect(200);
        await (await Admin.PostJson("/team/unblock", new { team_id = teamId })).Expect(200);
        await (await Admin.PostJson("/team/delete", new { team_ids = new[] { teamId } })).Expect(200);

        var rows = await AuditRows(TeamTable, teamId);

        Assert.That(rows.Select(r => r["action"]!.GetValue<string>()), Is.EqualTo(new[]
        {
            "created", "updated", "updated", "updated", "updated", "updated", "updated", "blocked", "unblocked", "deleted",
        }));
        Assert.Multiple(() =>
        {
            Assert.That(rows, Has.All.Matches<JsonObject>(r => r["table_name"]!.GetValue<string>() == TeamTable && r["object_id"]!.GetValue<string>() == teamId));
            Assert.That(rows, Has.All.Matches<JsonObject>(r => r["changed_by"]!.GetValue<string>() == "default_user_id"));
            Assert.That(rows[0]["before_value"], Is.Null);
            Assert.That(rows[0]["updated_values"]!["team_alias"]!.GetValue<string>(), Is.EqualTo("audited"));
            Assert.That(rows[1]["before_value"]!["team_alias"]!.GetValue<string>(), Is.EqualTo("audited"));
            Assert.That(rows[1]["updated_values"]!["team_alias"]!.GetValue<string>(), Is.EqualTo("renamed"));
            // A membership change records the memberships it touched, as they were and as they are.
            Assert.That(rows[2]["before_value"]!["team_memberships"]!.AsArray(), Is.Empty);
            Assert.That(rows[2]["updated_values"]!["team_memberships"]!.AsArray().Select(m => m!["user_id"]!.GetValue<string>()), Is.EqualTo(new[] { userId }));
            Assert.That(rows[3]["before_value"]!["team_memberships"]![0]!["role"]!.GetValue<string>(), Is.EqualTo("user"));
            Assert.That(rows[3]["updated_values"]!["team_memberships"]![0]!["role"]!.GetValue<string>(), Is.EqualTo("admin"));
            Assert.That(rows[6]["before_value"]!["team_memberships"]![0]!["user_id"]!.GetValue<string>(), Is.EqualTo(userId));
            Assert.That(rows[6]["updated_values"]!["team_memberships"]!.AsArray(), Is.Empty);
            Assert.That(rows[7]["updated_values"]!["blocked"]!.GetValue<bool>(), Is.True);
            Assert.That(rows[9]["before_value"]!["team_id"]!.GetValue<string>(), Is.EqualTo(teamId));
            Assert.That(rows[9]["updated_values"], Is.Null);
        });
        Assert.That((await AuditRows(UserTable, userId)).Select(r => r["action"]!.GetValue<string>()), Is.EqualTo(new[] { "created" }), "team writes do not touch the user row");
    }

    [Test]
    public async Task TheAuditRowOfAMembershipChangeDoesNotGrowWithTheTeam()
    {
        async Task<(int Add, int Update, int Delete)> AuditSizesWith(int existingMembers)
        {
            var teamId = await NewTeam();
            var existing = Enumerable.Range(0, existingMembers).Select(_ => new { user_id = Api.UniqueId("member"), role = "user" }).ToArray();
            if (existing.Length > 0)
            {
                await (await Admin.PostJson("/team/member_add", new { team_id = teamId, member = existing })).Expect(200);
            }

            var added = Api.UniqueId("member");
            await (await Admin.PostJson("/team/member_add", new { team_id = teamId, member = new { user_id = added } })).Expect(200);
            await (await Admin.PostJson("/team/member_update", new { team_id = teamId, user_id = added, role = "admin" })).Expect(200);
            await (await Admin.PostJson("/team/member_delete", new { team_id = teamId, user_id = added })).Expect(200);
            var rows = (await AuditRows(TeamTable, teamId))[^3..];
            int Size(JsonObject row) => row["before_value"]!.ToJsonString().Length + row["updated_values"]!.ToJsonString().Length;
            return (Size(rows[0]), Size(rows[1]), Size(rows[2]));
        }

        var small = await AuditSizesWith(1);
        var large = await AuditSizesWith(60);

        // Ids of one length, stamps of one format: the rows are the same size whatever the team holds.
        Assert.That(large, Is.EqualTo(small));
    }

    [Test]
    public async Task CreatedMembersAndDeletedKeysAreAuditedInTheirOwnTables()
    {
        var fresh = Api.UniqueId("fresh");
        var teamId = await NewTeam(new { members_with_roles = new[] { new { user_id = fresh, role = "user" } } });
        var token = Api.Sha256Hex((await Api.GenerateKey(Admin, new { team_id = teamId }))["key"]!.GetValue<string>());
        var added = Api.UniqueId("added");
        await (await Admin.PostJson("/team/member_add", new { team_id = teamId, member = new { user_id = added } })).Expect(200);

        await (await Admin.PostJson("/team/delete", new { team_ids = new[] { teamId } })).Expect(200);

        Assert.That((await AuditRows(UserTable, fresh)).Select(r => r["action"]!.GetValue<string>()), Is.EqualTo(new[] { "created" }));
        Assert.That((await AuditRows(UserTable, added)).Select(r => r["action"]!.GetValue<string>()), Is.EqualTo(new[] { "created" }));
        Assert.That((await AuditRows(KeyTable, token)).Select(r => r["action"]!.GetValue<string>()), Is.EqualTo(new[] { "created", "deleted" }));
        Assert.That((await AuditRows(TeamTable, teamId)).Select(r => r["action"]!.GetValue<string>()), Is.EqualTo(new[] { "created", "updated", "deleted" }));
    }

    [Test]
    public async Task RefusedTeamWritesLeaveNoAuditRow()
    {
        var (userId, _) = await Api.CreateUser();
        var teamId = await NewTeam(new { members_with_roles = new[] { new { user_id = userId, role = "user" } }, max_budget = 10 });
        var owner = await NewTeam();
        await (await Admin.PostJson("/project/new", new { team_id = owner })).Expect(200);

        await (await Admin.PostJson("/team/new", new { team_id = teamId })).Expect(409);
        await (await Admin.PostJson("/team/update", new { team_id = teamId, soft_budget = 20 })).Expect(400);
        var wouldBeCreated = Api.UniqueId("new");
        await (await Admin.PostJson("/team/member_add", new { team_id = teamId, member = new object[] { new { user_id = wouldBeCreated }, new { user_id = userId } } })).Expect(409);
        await (await Admin.PostJson("/team/member_update", new { team_id = teamId, user_id = Api.UniqueId("stranger"), role = "admin" })).Expect(404);
        await (await Admin.PostJson("/team/member_delete", new { team_id = teamId, user_id = Api.UniqueId("stranger") })).Expect(404);
        await (await Admin.PostJson("/team/delete", new { team_ids = new[] { teamId, owner } })).Expect(409);

        Assert.That(await AuditRows(TeamTable, teamId), Has.Count.EqualTo(1), "only the creation");
        Assert.That(await AuditRows(TeamTable, owner), Has.Count.EqualTo(1), "only the creation");
        Assert.That(await AuditRows(UserTable, wouldBeCreated), Is.Empty, "the refused add created no user");
        await (await Admin.GetAsync($"/user/info?user_id={wouldBeCreated}")).Expect(404);
    }
}

internal static class JsonArrayExtensions
{
    public static JsonArray ToJsonArray(this IEnumerable<JsonNode?> nodes) => new([.. nodes.Select(n => n?.DeepClone())]);
}
