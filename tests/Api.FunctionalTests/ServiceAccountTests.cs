using System.Text.Json.Nodes;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// A key without a user is its own identity: its team's service account. It reads itself, its own team (LiteLLM's
/// <c>validate_membership</c> lets a team key read its team), the team's projects and the models it may call, and
/// nothing else; it writes nothing, as LiteLLM's route checks and endpoints refuse every write to a key without a
/// user; and it never acts as <c>default_user_id</c>.
/// </summary>
public sealed class ServiceAccountTests
{
    private static HttpClient Admin => Service.App.Admin();

    /// <summary>A team with a project, a team model, a member's key and a service key; the service key's client.</summary>
    private sealed record TeamWithServiceKey(string TeamId, string ProjectId, string ModelPublicName, string MemberKey, string ServiceKey)
    {
        public HttpClient Service => ProxyAdmin.Api.FunctionalTests.Service.App.ClientWith(ServiceKey);

        public string ServiceToken => Api.Sha256Hex(ServiceKey);
    }

    private static async Task<TeamWithServiceKey> NewTeamWithServiceKey()
    {
        var teamId = Api.UniqueId("svc-team");
        await (await Admin.PostJson("/team/new", new { team_id = teamId, team_alias = teamId })).Expect(200);
        var (memberId, _) = await Api.CreateUser();
        await (await Admin.PostJson("/team/member_add", new { team_id = teamId, member = new { user_id = memberId, role = "admin" } })).Expect(200);
        var projectId = (await (await Admin.PostJson("/project/new", new { team_id = teamId })).Expect(200))["project_id"]!.GetValue<string>();
        var publicName = Api.UniqueId("svc-model");
        await (await Admin.PostJson("/model/new", new JsonObject
        {
            ["model_name"] = publicName,
            ["litellm_params"] = new JsonObject { ["model"] = "openai/gpt-4o" },
            ["model_info"] = new JsonObject { ["team_id"] = teamId },
        })).Expect(200);
        var memberKey = (await Api.GenerateKey(Admin, new { user_id = memberId, team_id = teamId }))["key"]!.GetValue<string>();
        var serviceKey = (await Api.GenerateKey(Admin, new { team_id = teamId }))["key"]!.GetValue<string>();
        return new TeamWithServiceKey(teamId, projectId, publicName, memberKey, serviceKey);
    }

    [Test]
    public async Task AMasterKeyKeyWithATeamAndNoUserHasNoUser()
    {
        var team = await NewTeamWithServiceKey();

        var info = await (await Admin.GetAsync($"/key/info?key={team.ServiceToken}")).Expect(200);

        Assert.That(info["info"]!["user_id"], Is.Null, "not default_user_id: the master key is nobody");
        Assert.That(info["info"]!["team_id"]!.GetValue<string>(), Is.EqualTo(team.TeamId));
    }

    [Test]
    public async Task ATeamKeyReadsItsOwnTeamAndOnlyItsOwn()
    {
        var own = await NewTeamWithServiceKey();
        var other = await NewTeamWithServiceKey();

        var info = await (await own.Service.GetAsync($"/team/info?team_id={own.TeamId}")).Expect(200);
        var foreign = await (await own.Service.GetAsync($"/team/info?team_id={other.TeamId}")).Expect(404);
        var missing = await (await own.Service.GetAsync($"/team/info?team_id=ghost-{own.TeamId}")).Expect(404);

        Assert.That(info["team_id"]!.GetValue<string>(), Is.EqualTo(own.TeamId));
        Assert.That(info["keys"]!.AsArray(), Has.Count.EqualTo(2));
        Assert.That(foreign.ErrorMessage(), Is.EqualTo($"Team not found, passed team_id={other.TeamId}"));
        Assert.That(missing.ErrorMessage(), Is.EqualTo($"Team not found, passed team_id=ghost-{own.TeamId}"));
        var listed = JsonNode.Parse(await (await own.Service.GetAsync("/team/list")).Content.ReadAsStringAsync())!.AsArray();
        Assert.That(listed.Select(t => t!["team_id"]!.GetValue<string>()), Is.EqualTo(new[] { own.TeamId }));
        var page = await (await own.Service.GetAsync("/v2/team/list")).Expect(200);
        Assert.That(page["teams"]!.AsArray().Select(t => t!["team_id"]!.GetValue<string>()), Is.EqualTo(new[] { own.TeamId }));
    }

    [Test]
    public async Task ATeamKeyReadsItselfItsTeamsProjectsAndItsTeamsModelsButNoOtherKey()
    {
        var own = await NewTeamWithServiceKey();
        var other = await NewTeamWithServiceKey();

        var self = await (await own.Service.GetAsync("/key/info")).Expect(200);
        var sibling = await (await own.Service.GetAsync($"/key/info?key={Uri.EscapeDataString(own.MemberKey)}")).Expect(404);
        var projects = JsonNode.Parse(await (await own.Service.GetAsync("/project/list")).Content.ReadAsStringAsync())!.AsArray();
        await (await own.Service.GetAsync($"/project/info?project_id={own.ProjectId}")).Expect(200);
        await (await own.Service.GetAsync($"/project/info?project_id={other.ProjectId}")).Expect(404);
        var models = await (await own.Service.GetAsync("/v1/models")).Expect(200);
        var ownModel = await (await own.Service.GetAsync($"/v1/models/{own.ModelPublicName}")).Expect(200);
        await (await own.Service.GetAsync($"/v1/models/{other.ModelPublicName}")).Expect(404);

        Assert.That(self["info"]!["token"]!.GetValue<string>(), Is.EqualTo(own.ServiceToken));
        Assert.That(sibling.ErrorParam(), Is.EqualTo("key"));
        Assert.That(projects.Select(p => p!["project_id"]!.GetValue<string>()), Is.EqualTo(new[] { own.ProjectId }));
        var names = models["data"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()).ToList();
        Assert.That(names, Does.Contain(own.ModelPublicName));
        Assert.That(names, Does.Not.Contain(other.ModelPublicName));
        Assert.That(ownModel["id"]!.GetValue<string>(), Is.EqualTo(own.ModelPublicName));
    }

    [Test]
    public async Task ATeamKeyListsNoKeysWithLiteLlmsRefusal()
    {
        var own = await NewTeamWithServiceKey();

        var refused = await (await own.Service.GetAsync("/key/list")).Expect(403);

        Assert.That(refused.ErrorMessage(), Is.EqualTo("You are not authorized to access this endpoint. No 'user_id' is associated with your API key."));
        Assert.That(refused.ErrorParam(), Is.EqualTo("user_id"));
    }

    [Test]
    public async Task ATeamKeyWritesNothingNotEvenInItsOwnTeam()
    {
        var own = await NewTeamWithServiceKey();
        var before = await (await Admin.GetAsync($"/team/info?team_id={own.TeamId}")).Expect(200);
        var memberToken = Api.Sha256Hex(own.MemberKey);

        var attempts = new (string What, Func<Task<HttpResponseMessage>> Send)[]
        {
            ("generate a key", () => own.Service.PostJson("/key/generate", new { team_id = own.TeamId })),
            ("generate a teamless key", () => own.Service.PostJson("/key/generate", new { })),
            ("update a team key", () => own.Service.PostJson("/key/update", new { key = memberToken, max_budget = 1 })),
            ("update itself", () => own.Service.PostJson("/key/update", new { key = own.ServiceToken, max_budget = 1 })),
            ("delete a team key", () => own.Service.PostJson("/key/delete", new { keys = new[] { memberToken } })),
            ("rotate itself", () => own.Service.PostJson("/key/regenerate", new { key = own.ServiceToken })),
            ("add a member", () => own.Service.PostJson("/team/member_add", new { team_id = own.TeamId, member = new { user_id = Api.UniqueId("joiner"), role = "admin" } })),
            ("update its team", () => own.Service.PostJson("/team/update", new { team_id = own.TeamId, team_alias = "taken over" })),
            ("add a team model", () => own.Service.PostJson("/model/new", new JsonObject { ["model_name"] = "m", ["litellm_params"] = new JsonObject { ["model"] = "openai/x" }, ["model_info"] = new JsonObject { ["team_id"] = own.TeamId } })),
            ("create a project", () => own.Service.PostJson("/project/new", new { team_id = own.TeamId })),
            ("update a project", () => own.Service.PostJson("/project/update", new { project_id = own.ProjectId, project_alias = "mine" })),
            ("create a user", () => own.Service.PostJson("/user/new", new { user_id = Api.UniqueId("minted"), user_role = "proxy_admin" })),
            ("read a user", () => own.Service.GetAsync("/user/info")),
        };

        foreach (var (what, send) in attempts)
        {
            var refused = await (await send()).Expect(403);
            Assert.That(refused.ErrorMessage(), Does.Contain("no user"), what);
        }

        var after = await (await Admin.GetAsync($"/team/info?team_id={own.TeamId}")).Expect(200);
        Assert.That(after["team_info"]!.ToJsonString(), Is.EqualTo(before["team_info"]!.ToJsonString()), "the team is untouched");
        Assert.That(after["keys"]!.AsArray(), Has.Count.EqualTo(2), "no key was made or deleted");
        await (await Service.App.ClientWith(own.MemberKey).GetAsync("/key/info")).Expect(200);
        await (await own.Service.GetAsync("/key/info")).Expect(200);
    }

    [Test]
    public async Task AKeyWithNeitherUserNorTeamReadsItselfAndNoTeam()
    {
        var teamless = (await Api.GenerateKey(Admin, new { }))["key"]!.GetValue<string>();
        var some = await NewTeamWithServiceKey();
        var client = Service.App.ClientWith(teamless);

        await (await client.GetAsync("/key/info")).Expect(200);
        await (await client.GetAsync($"/team/info?team_id={some.TeamId}")).Expect(404);
        var teams = JsonNode.Parse(await (await client.GetAsync("/team/list")).Content.ReadAsStringAsync())!.AsArray();
        var projects = JsonNode.Parse(await (await client.GetAsync("/project/list")).Content.ReadAsStringAsync())!.AsArray();

        Assert.That(teams, Is.Empty, "no user and no team never means 'every team'");
        Assert.That(projects, Is.Empty);
        await (await client.PostJson("/key/generate", new { })).Expect(403);
    }

    // ---------------------------------------------------------------- reserved ids

    [TestCase("default_user_id")]
    [TestCase("litellm-dashboard")]
    [TestCase("litellm_proxy_master_key")]
    [TestCase("key:0123abcd")]
    public async Task AReservedIdCannotBecomeAUser(string userId)
    {
        var refused = await (await Admin.PostJson("/user/new", new { user_id = userId, user_role = "proxy_admin" })).Expect(400);

        Assert.That(refused.ErrorParam(), Is.EqualTo("user_id"));
        Assert.That(refused.ErrorMessage(), Does.Contain("reserved"));
        await (await Admin.GetAsync($"/user/info?user_id={Uri.EscapeDataString(userId)}")).Expect(404);
    }

    [Test]
    public async Task AReservedIdCannotJoinATeam()
    {
        var teamId = await ProjectApi.NewTeam();
        var (_, teamAdmin) = await ProjectApi.Member(teamId, "admin");

        var byTeamAdmin = await (await teamAdmin.PostJson("/team/member_add", new { team_id = teamId, member = new { user_id = "default_user_id", role = "admin" } })).Expect(400);
        var byAdmin = await (await Admin.PostJson("/team/member_add", new { team_id = teamId, member = new[] { new { user_id = "litellm-cli", role = "user" } } })).Expect(400);
        var atCreation = await (await Admin.PostJson("/team/new", new { team_id = Api.UniqueId("team"), members_with_roles = new[] { new { user_id = "default_user_id", role = "admin" } } })).Expect(400);

        Assert.That(byTeamAdmin.ErrorParam(), Is.EqualTo("member[0].user_id"));
        Assert.That(byAdmin.ErrorParam(), Is.EqualTo("member[0].user_id"));
        Assert.That(atCreation.ErrorParam(), Is.EqualTo("members_with_roles[0].user_id"));
        var members = (await (await Admin.GetAsync($"/team/info?team_id={teamId}")).Expect(200))["team_info"]!["members_with_roles"]!.AsArray();
        Assert.That(members.Select(m => m!["user_id"]!.GetValue<string>()), Has.None.EqualTo("default_user_id").And.None.EqualTo("litellm-cli"));
    }

    [Test]
    public async Task AReservedIdCannotOwnAKey()
    {
        var (userId, _) = await Api.CreateUser();
        var key = (await Api.GenerateKey(Admin, new { user_id = userId }))["key"]!.GetValue<string>();

        var generated = await (await Admin.PostJson("/key/generate", new { user_id = "default_user_id" })).Expect(400);
        var moved = await (await Admin.PostJson("/key/update", new { key, user_id = "default_user_id" })).Expect(400);

        Assert.That(generated.ErrorParam(), Is.EqualTo("user_id"));
        Assert.That(moved.ErrorParam(), Is.EqualTo("user_id"));
        Assert.That((await (await Admin.GetAsync($"/key/info?key={Uri.EscapeDataString(key)}")).Expect(200))["info"]!["user_id"]!.GetValue<string>(), Is.EqualTo(userId));
    }

    // ---------------------------------------------------------------- /user/new with team_id

    [Test]
    public async Task UserNewWithATeamIdAddsTheUserAsAMemberAndGivesTheFirstKeyThatTeam()
    {
        var teamId = await ProjectApi.NewTeam();
        var userId = Api.UniqueId("joiner");

        var created = await (await Admin.PostJson("/user/new", new { user_id = userId, user_email = $"{userId}@example.com", team_id = teamId })).Expect(200);

        Assert.That(created["team_id"]!.GetValue<string>(), Is.EqualTo(teamId));
        var key = await (await Admin.GetAsync($"/key/info?key={created["token_id"]!.GetValue<string>()}")).Expect(200);
        Assert.That(key["info"]!["team_id"]!.GetValue<string>(), Is.EqualTo(teamId));
        var member = (await (await Admin.GetAsync($"/team/info?team_id={teamId}")).Expect(200))["team_info"]!["members_with_roles"]!.AsArray()
            .Single(m => m!["user_id"]!.GetValue<string>() == userId)!;
        Assert.That(member["role"]!.GetValue<string>(), Is.EqualTo("user"));
        var info = await (await Service.App.ClientWith(created["key"]!.GetValue<string>()).GetAsync("/user/info")).Expect(200);
        var team = info["teams"]!.AsArray().Single()!.AsObject();
        Assert.That(team["team_id"]!.GetValue<string>(), Is.EqualTo(teamId));
        Assert.That(team["members_with_roles"]!.AsArray(), Is.Not.Empty, "/user/info lists team objects, not ids");
    }

    [Test]
    public async Task UserNewWithAnUnknownTeamCreatesNothing()
    {
        var userId = Api.UniqueId("joiner");
        var ghost = Api.UniqueId("ghost");

        var refused = await (await Admin.PostJson("/user/new", new { user_id = userId, team_id = ghost })).Expect(404);

        Assert.That(refused.ErrorParam(), Is.EqualTo("team_id"));
        Assert.That(refused.ErrorMessage(), Is.EqualTo($"Team not found, passed team_id={ghost}"));
        await (await Admin.GetAsync($"/user/info?user_id={userId}")).Expect(404);
    }
}
