using System.Text.Json.Nodes;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// Who may do what to a team, judged against the stored team: proxy admins everything, admin viewers read
/// everything, a team's admins manage it without raising its limits, its members read it, and everyone else
/// is told it does not exist.
/// </summary>
public sealed class TeamAccessTests
{
    private static HttpClient Master => Service.App.Admin();

    /// <summary>A team with an admin and a member, a second team with its own admin, and callers of every role.</summary>
    private sealed record Cast(
        string TeamId,
        string OtherTeamId,
        Caller ProxyAdmin,
        Caller Viewer,
        Caller TeamAdmin,
        Caller OtherTeamAdmin,
        Caller Member,
        Caller Outsider)
    {
        public IEnumerable<Caller> HiddenFrom => [OtherTeamAdmin, Outsider];
    }

    private sealed record Caller(string Name, string UserId, HttpClient Client)
    {
        public override string ToString() => Name;
    }

    private static async Task<Caller> NewCaller(string name, string role)
    {
        var (userId, key) = await Api.CreateUser(role);
        return new Caller(name, userId, Service.App.ClientWith(key));
    }

    private static async Task<Cast> NewCast()
    {
        var proxyAdmin = await NewCaller("proxy_admin", "proxy_admin");
        var viewer = await NewCaller("proxy_admin_viewer", "proxy_admin_viewer");
        var teamAdmin = await NewCaller("team admin", "internal_user");
        var otherTeamAdmin = await NewCaller("admin of another team", "internal_user");
        var member = await NewCaller("member", "internal_user");
        var outsider = await NewCaller("outsider", "internal_user");
        var teamId = Api.UniqueId("team");
        var otherTeamId = Api.UniqueId("other");
        await (await Master.PostJson("/team/new", new
        {
            team_id = teamId,
            team_alias = "guarded",
            max_budget = 100,
            soft_budget = 50,
            tpm_limit = 1000,
            rpm_limit = 100,
            max_parallel_requests = 5,
            models = new[] { "gpt-4" },
        })).Expect(200);
        await (await Master.PostJson("/team/member_add", new
        {
            team_id = teamId,
            member = new object[] { new { user_id = teamAdmin.UserId, role = "admin" }, new { user_id = member.UserId, role = "user" } },
        })).Expect(200);
        await (await Master.PostJson("/team/new", new
        {
            team_id = otherTeamId,
            members_with_roles = new[] { new { user_id = otherTeamAdmin.UserId, role = "admin" } },
        })).Expect(200);
        return new Cast(teamId, otherTeamId, proxyAdmin, viewer, teamAdmin, otherTeamAdmin, member, outsider);
    }

    private static async Task<JsonObject> Stored(string teamId) =>
        (await (await Master.GetAsync($"/team/info?team_id={teamId}")).Expect(200))["team_info"]!.AsObject();

    private static async Task<int> AuditCount(string teamId) =>
        (await (await Master.GetAsync($"/audit?table_name=LiteLLM_TeamTable&object_id={teamId}&page_size=1")).Expect(200))["total"]!.GetValue<int>();

    private static List<string> TeamIds(string json) =>
        JsonNode.Parse(json)!.AsArray().Select(t => t!["team_id"]!.GetValue<string>()).ToList();

    /// <summary>Every write route, for a caller, against <paramref name="teamId"/>.</summary>
    private static IEnumerable<(string Route, Func<HttpClient, Task<HttpResponseMessage>> Send)> TeamWrites(string teamId, string memberId) =>
    [
        ("/team/update", c => c.PostJson("/team/update", new { team_id = teamId, team_alias = "taken over" })),
        ("/team/member_add", c => c.PostJson("/team/member_add", new { team_id = teamId, member = new { user_id = Api.UniqueId("intruder"), role = "admin" } })),
        ("/team/member_update", c => c.PostJson("/team/member_update", new { team_id = teamId, user_id = memberId, role = "admin" })),
        ("/team/member_delete", c => c.PostJson("/team/member_delete", new { team_id = teamId, user_id = memberId })),
        ("/team/model/add", c => c.PostJson("/team/model/add", new { team_id = teamId, models = new[] { "claude-3" } })),
        ("/team/model/delete", c => c.PostJson("/team/model/delete", new { team_id = teamId, models = new[] { "gpt-4" } })),
        ("/team/block", c => c.PostJson("/team/block", new { team_id = teamId })),
        ("/team/unblock", c => c.PostJson("/team/unblock", new { team_id = teamId })),
        ("/team/delete", c => c.PostJson("/team/delete", new { team_ids = new[] { teamId } })),
    ];

    // ---------------------------------------------------------------- reading

    [Test]
    public async Task AdminsViewersAndTheTeamsOwnPeopleReadTheTeam()
    {
        var cast = await NewCast();

        foreach (var caller in new[] { cast.ProxyAdmin, cast.Viewer, cast.TeamAdmin, cast.Member })
        {
            var info = await (await caller.Client.GetAsync($"/team/info?team_id={cast.TeamId}")).Expect(200);
            Assert.That(info["team_info"]!["team_alias"]!.GetValue<string>(), Is.EqualTo("guarded"), caller.Name);
        }
    }

    [Test]
    public async Task OutsidersCannotTellTheTeamFromOneThatDoesNotExist()
    {
        var cast = await NewCast();
        var ghost = Api.UniqueId("team");

        foreach (var caller in cast.HiddenFrom)
        {
            var existing = await (await caller.Client.GetAsync($"/team/info?team_id={cast.TeamId}")).Expect(404);
            var missing = await (await caller.Client.GetAsync($"/team/info?team_id={ghost}")).Expect(404);

            Assert.That(existing.ErrorMessage().Replace(cast.TeamId, "ID"), Is.EqualTo(missing.ErrorMessage().Replace(ghost, "ID")), caller.Name);
            Assert.That(existing.ErrorParam(), Is.EqualTo(missing.ErrorParam()), caller.Name);
            Assert.That(existing.ToJsonString(), Does.Not.Contain("guarded").And.Not.Contain("1000"), caller.Name);
        }
    }

    [Test]
    public async Task ListsShowEveryoneOnlyTheirOwnTeamsButAdminsAndViewersSeeAll()
    {
        var cast = await NewCast();

        async Task<List<string>> Listed(Caller caller, string query = "") =>
            TeamIds(await (await caller.Client.GetAsync($"/team/list{query}")).Content.ReadAsStringAsync());

        Assert.That(await Listed(cast.Member), Is.EqualTo(new[] { cast.TeamId }));
        Assert.That(await Listed(cast.TeamAdmin), Is.EqualTo(new[] { cast.TeamId }));
        Assert.That(await Listed(cast.OtherTeamAdmin), Is.EqualTo(new[] { cast.OtherTeamId }));
        Assert.That(await Listed(cast.Outsider), Is.Empty);
        Assert.That(await Listed(cast.Viewer), Is.SupersetOf(new[] { cast.TeamId, cast.OtherTeamId }));
        Assert.That(await Listed(cast.ProxyAdmin), Is.SupersetOf(new[] { cast.TeamId, cast.OtherTeamId }));
        Assert.That(await Listed(cast.Viewer, $"?user_id={cast.Member.UserId}"), Is.EqualTo(new[] { cast.TeamId }));
        Assert.That(await Listed(cast.Member, $"?user_id={cast.Member.UserId}"), Is.EqualTo(new[] { cast.TeamId }));

        var page = await (await cast.Member.Client.GetAsync("/v2/team/list?page_size=50")).Expect(200);
        Assert.That(page["total"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(page["teams"]!.AsArray().Single()!["team_id"]!.GetValue<string>(), Is.EqualTo(cast.TeamId));
        var outsiderPage = await (await cast.Outsider.Client.GetAsync($"/v2/team/list?team_alias=guarded")).Expect(200);
        Assert.That(outsiderPage["total"]!.GetValue<int>(), Is.EqualTo(0));
    }

    [Test]
    public async Task ANonAdminMayNotListAnotherUsersTeams()
    {
        var cast = await NewCast();

        var error = await (await cast.Outsider.Client.GetAsync($"/team/list?user_id={cast.Member.UserId}")).Expect(403);
        await (await cast.Outsider.Client.GetAsync($"/v2/team/list?user_id={cast.Member.UserId}")).Expect(403);

        Assert.That(error.ErrorMessage(), Does.Contain("Only admin users can query all teams/other teams. Your user role=internal_user"));
    }

    // ---------------------------------------------------------------- writing: who is refused, and how

    [Test]
    public async Task OutsidersAndAdminsOfAnotherTeamGet404OrTheRoleRefusalForEveryWrite()
    {
        var cast = await NewCast();
        var before = await Stored(cast.TeamId);
        var auditRows = await AuditCount(cast.TeamId);

        foreach (var caller in cast.HiddenFrom)
        {
            foreach (var (route, send) in TeamWrites(cast.TeamId, cast.Member.UserId))
            {
                var response = await send(caller.Client);
                // Routes open to team admins answer as if the team did not exist; proxy-admin-only routes refuse the role
                // before looking at the team, which reveals nothing either.
                var expected = route is "/team/block" or "/team/unblock" or "/team/delete" ? 403 : 404;
                var body = await response.Expect(expected);
                Assert.That(body.ToJsonString(), Does.Not.Contain("guarded"), $"{caller} {route}");
            }
        }

        Assert.That(JsonNode.DeepEquals(await Stored(cast.TeamId), before), Is.True, "nothing changed");
        Assert.That(await AuditCount(cast.TeamId), Is.EqualTo(auditRows));
    }

    [Test]
    public async Task APlainMemberAndAViewerMayReadButNotChangeTheTeam()
    {
        var cast = await NewCast();
        var before = await Stored(cast.TeamId);
        var auditRows = await AuditCount(cast.TeamId);

        foreach (var caller in new[] { cast.Member, cast.Viewer })
        {
            foreach (var (route, send) in TeamWrites(cast.TeamId, cast.Member.UserId))
            {
                await (await send(caller.Client)).Expect(403);
            }
        }

        // Nor can a member promote itself.
        await (await cast.Member.Client.PostJson("/team/member_update", new { team_id = cast.TeamId, user_id = cast.Member.UserId, role = "admin" })).Expect(403);
        Assert.That(JsonNode.DeepEquals(await Stored(cast.TeamId), before), Is.True, "nothing changed");
        Assert.That(await AuditCount(cast.TeamId), Is.EqualTo(auditRows));
    }

    [Test]
    public async Task OnlyAProxyAdminCreatesTeams()
    {
        var cast = await NewCast();

        foreach (var caller in new[] { cast.Viewer, cast.TeamAdmin, cast.Member, cast.Outsider })
        {
            var teamId = Api.UniqueId("denied");
            await (await caller.Client.PostJson("/team/new", new { team_id = teamId })).Expect(403);
            await (await Master.GetAsync($"/team/info?team_id={teamId}")).Expect(404);
        }

        var created = await (await cast.ProxyAdmin.Client.PostJson("/team/new", new { team_id = Api.UniqueId("allowed") })).Expect(200);
        Assert.That(created["admins"]!.AsArray().Select(a => a!.GetValue<string>()), Is.EqualTo(new[] { cast.ProxyAdmin.UserId }), "a creator with a user row becomes the team's admin");
        Assert.That(created["created_by"]!.GetValue<string>(), Is.EqualTo(cast.ProxyAdmin.UserId));
    }

    [Test]
    public async Task OnlyAProxyAdminDeletesTeams()
    {
        var cast = await NewCast();

        foreach (var caller in new[] { cast.Viewer, cast.TeamAdmin, cast.Member, cast.Outsider })
        {
            var error = await (await caller.Client.PostJson("/team/delete", new { team_ids = new[] { cast.TeamId } })).Expect(403);
            Assert.That(error.ErrorType(), Is.EqualTo("permission_denied_error"), error.ToJsonString());
        }

        await Stored(cast.TeamId);
        await (await cast.ProxyAdmin.Client.PostJson("/team/delete", new { team_ids = new[] { cast.TeamId } })).Expect(200);
        await (await Master.GetAsync($"/team/info?team_id={cast.TeamId}")).Expect(404);
    }

    [Test]
    public async Task OnlyAProxyAdminBlocksAndUnblocks()
    {
        var cast = await NewCast();

        await (await cast.TeamAdmin.Client.PostJson("/team/block", new { team_id = cast.TeamId })).Expect(403);
        await (await cast.TeamAdmin.Client.PostJson("/team/update", new { team_id = cast.TeamId, blocked = true })).Expect(403);
        Assert.That((await Stored(cast.TeamId))["blocked"]!.GetValue<bool>(), Is.False);

        await (await cast.ProxyAdmin.Client.PostJson("/team/block", new { team_id = cast.TeamId })).Expect(200);
        await (await cast.TeamAdmin.Client.PostJson("/team/unblock", new { team_id = cast.TeamId })).Expect(403);
        Assert.That((await Stored(cast.TeamId))["blocked"]!.GetValue<bool>(), Is.True);
        await (await cast.ProxyAdmin.Client.PostJson("/team/unblock", new { team_id = cast.TeamId })).Expect(200);
        Assert.That((await Stored(cast.TeamId))["blocked"]!.GetValue<bool>(), Is.False);
    }

    // ---------------------------------------------------------------- what a team admin may do

    [Test]
    public async Task ATeamAdminManagesMembersModelsAndSettingsOfItsOwnTeam()
    {
        var cast = await NewCast();
        var admin = cast.TeamAdmin.Client;
        var newcomer = Api.UniqueId("newcomer");

        await (await admin.PostJson("/team/update", new { team_id = cast.TeamId, team_alias = "renamed", metadata = new { owner = "team" } })).Expect(200);
        await (await admin.PostJson("/team/member_add", new { team_id = cast.TeamId, member = new { user_id = newcomer, role = "user" } })).Expect(200);
        await (await admin.PostJson("/team/member_update", new { team_id = cast.TeamId, user_id = newcomer, role = "admin" })).Expect(200);
        await (await admin.PostJson("/team/member_delete", new { team_id = cast.TeamId, user_id = cast.Member.UserId })).Expect(200);
        await (await admin.PostJson("/team/model/add", new { team_id = cast.TeamId, models = new[] { "claude-3" } })).Expect(200);
        await (await admin.PostJson("/team/model/delete", new { team_id = cast.TeamId, models = new[] { "gpt-4" } })).Expect(200);

        var team = await Stored(cast.TeamId);
        Assert.Multiple(() =>
        {
            Assert.That(team["team_alias"]!.GetValue<string>(), Is.EqualTo("renamed"));
            Assert.That(team["metadata"]!["owner"]!.GetValue<string>(), Is.EqualTo("team"));
            Assert.That(team["admins"]!.AsArray().Select(a => a!.GetValue<string>()), Is.EquivalentTo(new[] { cast.TeamAdmin.UserId, newcomer }));
            Assert.That(team["members"]!.AsArray(), Is.Empty);
            Assert.That(team["models"]!.AsArray().Select(m => m!.GetValue<string>()), Is.EqualTo(new[] { "claude-3" }));
            Assert.That(team["updated_by"]!.GetValue<string>(), Is.EqualTo(cast.TeamAdmin.UserId));
        });

        var rows = await (await Master.GetAsync($"/audit?table_name=LiteLLM_TeamTable&object_id={cast.TeamId}&changed_by={cast.TeamAdmin.UserId}&page_size=100")).Expect(200);
        Assert.That(rows["total"]!.GetValue<int>(), Is.EqualTo(6), "each of the admin's writes is audited under its name");
    }

    [TestCase("max_budget", 101.0)]
    [TestCase("soft_budget", 60.0)]
    [TestCase("tpm_limit", 1001.0)]
    [TestCase("rpm_limit", 101.0)]
    [TestCase("max_parallel_requests", 6.0)]
    public async Task ATeamAdminCannotRaiseItsTeamsBudgetOrLimits(string field, double raised)
    {
        var cast = await NewCast();
        var before = await Stored(cast.TeamId);
        var body = new JsonObject { ["team_id"] = cast.TeamId, [field] = raised };

        var error = await (await cast.TeamAdmin.Client.PostJson("/team/update", body)).Expect(403);

        Assert.That(error.ErrorMessage(), Does.Contain(field));
        Assert.That(JsonNode.DeepEquals(await Stored(cast.TeamId), before), Is.True);

        // A proxy admin may.
        var raisedByAdmin = await (await cast.ProxyAdmin.Client.PostJson("/team/update", body)).Expect(200);
        Assert.That(raisedByAdmin["data"]![field]!.GetValue<double>(), Is.EqualTo(raised));
    }

    [Test]
    public async Task ATeamAdminMayLowerLimitsOrKeepThemAndMaySetOneWhereThereWasNone()
    {
        var cast = await NewCast();

        var lowered = await (await cast.TeamAdmin.Client.PostJson("/team/update", new
        {
            team_id = cast.TeamId,
            max_budget = 90,
            soft_budget = 50,
            tpm_limit = 500,
            rpm_limit = 100,
            max_parallel_requests = 1,
        })).Expect(200);
        var set = await (await cast.OtherTeamAdmin.Client.PostJson("/team/update", new { team_id = cast.OtherTeamId, max_budget = 5 })).Expect(200);

        Assert.That(lowered["data"]!["max_budget"]!.GetValue<double>(), Is.EqualTo(90));
        Assert.That(lowered["data"]!["tpm_limit"]!.GetValue<long>(), Is.EqualTo(500));
        Assert.That(lowered["data"]!["max_parallel_requests"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(set["data"]!["max_budget"]!.GetValue<double>(), Is.EqualTo(5));

        // Lowered once, the old value is a raise now.
        await (await cast.TeamAdmin.Client.PostJson("/team/update", new { team_id = cast.TeamId, max_budget = 100 })).Expect(403);
    }

    [TestCase("""{"model_rpm_limit":{"gpt-4":11}}""")]
    [TestCase("""{"model_tpm_limit":{"gpt-4":1001}}""")]
    [TestCase("""{"metadata":{"model_rpm_limit":{"gpt-4":1000000}}}""")]
    [TestCase("""{"metadata":{"model_rpm_limit":null}}""")]
    [TestCase("""{"model_rpm_limit":{"claude-3":5}}""")]
    public async Task ATeamAdminCannotRaiseOrDropItsTeamsPerModelLimits(string json)
    {
        var cast = await NewCast();
        await (await Master.PostJson("/team/update", new
        {
            team_id = cast.TeamId,
            model_rpm_limit = new Dictionary<string, long> { ["gpt-4"] = 10 },
            model_tpm_limit = new Dictionary<string, long> { ["gpt-4"] = 1000 },
        })).Expect(200);
        var before = await Stored(cast.TeamId);
        var body = JsonNode.Parse(json)!.AsObject();
        body["team_id"] = cast.TeamId;

        var error = await (await cast.TeamAdmin.Client.PostJson("/team/update", body)).Expect(403);

        Assert.That(error.ErrorMessage(), Does.Contain("gpt-4"));
        Assert.That(JsonNode.DeepEquals(await Stored(cast.TeamId), before), Is.True);
        await (await cast.ProxyAdmin.Client.PostJson("/team/update", body)).Expect(200);
    }

    [Test]
    public async Task ATeamAdminMayLowerPerModelLimitsAndLimitFurtherModels()
    {
        var cast = await NewCast();
        await (await Master.PostJson("/team/update", new { team_id = cast.TeamId, model_rpm_limit = new Dictionary<string, long> { ["gpt-4"] = 10 } })).Expect(200);

        var updated = await (await cast.TeamAdmin.Client.PostJson("/team/update", new
        {
            team_id = cast.TeamId,
            model_rpm_limit = new Dictionary<string, long> { ["gpt-4"] = 5, ["claude-3"] = 100 },
            model_tpm_limit = new Dictionary<string, long> { ["gpt-4"] = 100 },
        })).Expect(200);

        Assert.That(
            JsonNode.DeepEquals(updated["data"]!["metadata"]!["model_rpm_limit"], JsonNode.Parse("""{"gpt-4":5,"claude-3":100}""")),
            Is.True,
            updated["data"]!["metadata"]!.ToJsonString());
        Assert.That(updated["data"]!["metadata"]!["model_tpm_limit"]!["gpt-4"]!.GetValue<long>(), Is.EqualTo(100));
    }

    [Test]
    public async Task ATeamAdminCannotMoveItsTeamToAnotherOrganization()
    {
        var cast = await NewCast();

        await (await cast.TeamAdmin.Client.PostJson("/team/update", new { team_id = cast.TeamId, organization_id = "org-elsewhere" })).Expect(403);

        Assert.That((await Stored(cast.TeamId))["organization_id"], Is.Null);
    }

    [Test]
    public async Task AdminRightsFollowTheStoredRoleNotAnEarlierOne()
    {
        var cast = await NewCast();
        await (await cast.TeamAdmin.Client.PostJson("/team/update", new { team_id = cast.TeamId, team_alias = "while admin" })).Expect(200);

        await (await Master.PostJson("/team/member_update", new { team_id = cast.TeamId, user_id = cast.TeamAdmin.UserId, role = "user" })).Expect(200);
        await (await cast.TeamAdmin.Client.PostJson("/team/update", new { team_id = cast.TeamId, team_alias = "after demotion" })).Expect(403);
        await (await cast.TeamAdmin.Client.GetAsync($"/team/info?team_id={cast.TeamId}")).Expect(200);

        await (await Master.PostJson("/team/member_delete", new { team_id = cast.TeamId, user_id = cast.TeamAdmin.UserId })).Expect(200);
        await (await cast.TeamAdmin.Client.GetAsync($"/team/info?team_id={cast.TeamId}")).Expect(404);
        await (await cast.TeamAdmin.Client.PostJson("/team/update", new { team_id = cast.TeamId, team_alias = "after removal" })).Expect(404);

        Assert.That((await Stored(cast.TeamId))["team_alias"]!.GetValue<string>(), Is.EqualTo("while admin"));
    }

    // ---------------------------------------------------------------- keys

    [Test]
    public async Task OnlyTheTeamsOwnPeopleCreateKeysForIt()
    {
        var cast = await NewCast();

        var memberKey = await Api.GenerateKey(cast.Member.Client, new { team_id = cast.TeamId });
        var adminKey = await Api.GenerateKey(cast.TeamAdmin.Client, new { team_id = cast.TeamId });
        Assert.That(memberKey["team_id"]!.GetValue<string>(), Is.EqualTo(cast.TeamId));
        Assert.That(memberKey["user_id"]!.GetValue<string>(), Is.EqualTo(cast.Member.UserId));
        Assert.That(adminKey["team_id"]!.GetValue<string>(), Is.EqualTo(cast.TeamId));

        foreach (var caller in cast.HiddenFrom)
        {
            var error = await (await caller.Client.PostJson("/key/generate", new { team_id = cast.TeamId })).Expect(404);
            Assert.That(error.ErrorParam(), Is.EqualTo("team_id"), caller.Name);
        }

        await (await cast.Viewer.Client.PostJson("/key/generate", new { team_id = cast.TeamId })).Expect(403);
        await (await cast.Member.Client.PostJson("/key/generate", new { team_id = Api.UniqueId("ghost") })).Expect(404);

        // A non-admin cannot move its key into a team it does not belong to either.
        await (await cast.Member.Client.PostJson("/key/update", new { key = memberKey["key"]!.GetValue<string>(), team_id = cast.OtherTeamId })).Expect(404);

        var keys = (await (await Master.GetAsync($"/team/info?team_id={cast.TeamId}")).Expect(200))["keys"]!.AsArray();
        Assert.That(keys, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task TeamInfoShowsAMemberTheTeamsKeysWithoutHashes()
    {
        var cast = await NewCast();
        var secret = (await Api.GenerateKey(cast.TeamAdmin.Client, new { team_id = cast.TeamId }))["key"]!.GetValue<string>();

        var response = await cast.Member.Client.GetAsync($"/team/info?team_id={cast.TeamId}");
        var text = await response.Content.ReadAsStringAsync();
        var info = await response.Expect(200);

        Assert.That(info["keys"]!.AsArray(), Has.Count.EqualTo(1));
        Assert.That(text, Does.Not.Contain(Api.Sha256Hex(secret)).And.Not.Contain(secret));
        Assert.That(info["team_memberships"]!.AsArray().Select(m => m!["user_id"]!.GetValue<string>()), Is.EquivalentTo(new[] { cast.TeamAdmin.UserId, cast.Member.UserId }));
    }
}
