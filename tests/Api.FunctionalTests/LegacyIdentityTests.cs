using System.Text.Json.Nodes;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// The exploits measured when every key without a user authenticated as <c>default_user_id</c>, reproduced on a
/// service of its own: first on a fresh database (where minting a key was a 500, a foreign-key violation), then
/// with the rows LiteLLM's admin UI leaves behind, written straight into the database as an older one holds them
/// (a <c>default_user_id</c> user with role <c>proxy_admin</c>, a key owned by it, a team that made it an admin).
/// None of them grants anything now.
/// </summary>
[NonParallelizable]
public sealed class LegacyIdentityTests
{
    private ProxyAdminApp _app = null!;

    private HttpClient Admin => _app.Admin();

    [OneTimeSetUp]
    public void Start()
    {
        _app = new ProxyAdminApp();
        _ = _app.Server;
    }

    [OneTimeTearDown]
    public void Stop() => _app.Dispose();

    [Test]
    [Order(1)]
    public async Task OnAFreshDatabaseATeamsServiceKeyMintingAKeyIsARefusalNotA500()
    {
        var (teamId, serviceKey) = await TeamWithServiceKey();
        var keysBefore = await Count("VirtualKeys");

        foreach (var body in new object[] { new { }, new { team_id = teamId }, new { team_id = teamId, key_alias = "minted" } })
        {
            var refused = await (await _app.ClientWith(serviceKey).PostJson("/key/generate", body)).Expect(403);
            Assert.That(refused.ErrorMessage(), Does.Contain("no user").And.Contain(teamId));
        }

        Assert.That(await Count("VirtualKeys"), Is.EqualTo(keysBefore));
        Assert.That(await Count("Users"), Is.Zero, "no default_user_id row was made on the way");
    }

    [Test]
    [Order(2)]
    public async Task ADefaultUserIdRowWithRoleProxyAdminLendsNoServiceKeyItsRole()
    {
        await PlantDefaultUserIdRow();
        var (teamId, serviceKey) = await TeamWithServiceKey();
        var (otherTeam, _) = await TeamWithServiceKey();
        var service = _app.ClientWith(serviceKey);
        var usersBefore = await Count("Users");

        var minted = await (await service.PostJson("/key/generate", new { team_id = teamId })).Expect(403);
        var adminUser = await (await service.PostJson("/user/new", new { user_id = Api.UniqueId("evil"), user_role = "proxy_admin" })).Expect(403);
        await (await service.GetAsync("/user/list")).Expect(403);
        await (await service.GetAsync("/audit")).Expect(403);
        await (await service.PostJson("/team/block", new { team_id = otherTeam })).Expect(403);
        await (await service.GetAsync($"/team/info?team_id={otherTeam}")).Expect(404);
        var teams = JsonNode.Parse(await (await service.GetAsync("/team/list")).Content.ReadAsStringAsync())!.AsArray();

        Assert.That(minted.ErrorMessage(), Does.Not.Contain("proxy_admin"));
        Assert.That(adminUser.ErrorMessage(), Does.Contain("no user"));
        Assert.That(teams.Select(t => t!["team_id"]!.GetValue<string>()), Is.EqualTo(new[] { teamId }), "a proxy_admin would have listed every team");
        Assert.That(await Count("Users"), Is.EqualTo(usersBefore));
        Assert.That((await (await Admin.GetAsync($"/team/info?team_id={otherTeam}")).Expect(200))["team_info"]!["blocked"]!.GetValue<bool>(), Is.False);
    }

    [Test]
    [Order(3)]
    public async Task AKeyStoredUnderDefaultUserIdActsAsAServiceAccountNotAsTheRowsProxyAdmin()
    {
        await PlantDefaultUserIdRow();
        var (teamId, _) = await TeamWithServiceKey();
        var (otherTeam, _) = await TeamWithServiceKey();
        var legacyKey = await PlantKeyOwnedByDefaultUserId(teamId);
        var legacy = _app.ClientWith(legacyKey);

        await (await legacy.GetAsync("/user/list")).Expect(403);
        await (await legacy.PostJson("/key/generate", new { })).Expect(403);
        await (await legacy.PostJson("/user/update", new { user_id = "default_user_id", user_role = "proxy_admin" })).Expect(403);
        await (await legacy.GetAsync($"/team/info?team_id={otherTeam}")).Expect(404);
        var self = await (await legacy.GetAsync("/key/info")).Expect(200);

        Assert.That(self["info"]!["user_id"]!.GetValue<string>(), Is.EqualTo("default_user_id"), "the stored owner is shown as stored");
        await (await legacy.GetAsync($"/team/info?team_id={teamId}")).Expect(200);
    }

    [Test]
    [Order(4)]
    public async Task ADefaultUserIdAdminMembershipHandsTheTeamToNoServiceKey()
    {
        await PlantDefaultUserIdRow();
        var (victim, _) = await TeamWithServiceKey();
        await PlantMembership(victim, "default_user_id", "Admin");
        var (_, intruderKey) = await TeamWithServiceKey();
        var intruder = _app.ClientWith(intruderKey);

        var read = await (await intruder.GetAsync($"/team/info?team_id={victim}")).Expect(404);
        var write = await (await intruder.PostJson("/team/update", new { team_id = victim, team_alias = "owned" })).Expect(403);
        var join = await (await intruder.PostJson("/team/member_add", new { team_id = victim, member = new { user_id = Api.UniqueId("x"), role = "admin" } })).Expect(403);

        Assert.That(read.ErrorMessage(), Is.EqualTo($"Team not found, passed team_id={victim}"));
        Assert.That(write.ErrorMessage(), Does.Contain("no user"));
        Assert.That(join.ErrorMessage(), Does.Contain("no user"));
        Assert.That((await (await Admin.GetAsync($"/team/info?team_id={victim}")).Expect(200))["team_info"]!["team_alias"], Is.Null);
        var masterTeams = JsonNode.Parse(await (await Admin.GetAsync("/team/list?user_id=default_user_id")).Content.ReadAsStringAsync())!.AsArray();
        Assert.That(masterTeams.Select(t => t!["team_id"]!.GetValue<string>()), Does.Contain(victim), "the legacy membership is still there, and inert");
    }

    private async Task<(string TeamId, string ServiceKey)> TeamWithServiceKey()
    {
        var teamId = Api.UniqueId("legacy-team");
        await (await Admin.PostJson("/team/new", new { team_id = teamId })).Expect(200);
        var key = (await (await Admin.PostJson("/key/generate", new { team_id = teamId })).Expect(200))["key"]!.GetValue<string>();
        return (teamId, key);
    }

    /// <summary>The row LiteLLM's admin UI writes: <c>default_user_id</c> as a <c>proxy_admin</c> user (made once, then reused).</summary>
    private async Task PlantDefaultUserIdRow()
    {
        if (Convert.ToInt64(await _app.Database.Scalar("SELECT COUNT(*) FROM \"Users\" WHERE \"UserId\" = 'default_user_id'"), System.Globalization.CultureInfo.InvariantCulture) > 0)
        {
            return;
        }

        var placeholder = Api.UniqueId("placeholder");
        await (await Admin.PostJson("/user/new", new { user_id = placeholder, user_role = "proxy_admin", user_email = "admin@example.com", auto_create_key = false })).Expect(200);
        await Execute("UPDATE \"Users\" SET \"UserId\" = 'default_user_id' WHERE \"UserId\" = @id", ("@id", placeholder));
    }

    /// <summary>A key as the old authentication let a service key mint it: owned by <c>default_user_id</c>.</summary>
    private async Task<string> PlantKeyOwnedByDefaultUserId(string teamId)
    {
        var placeholder = Api.UniqueId("placeholder");
        await (await Admin.PostJson("/user/new", new { user_id = placeholder, auto_create_key = false })).Expect(200);
        var key = (await (await Admin.PostJson("/key/generate", new { user_id = placeholder, team_id = teamId })).Expect(200))["key"]!.GetValue<string>();
        await Execute("UPDATE \"VirtualKeys\" SET \"UserId\" = 'default_user_id' WHERE \"UserId\" = @id", ("@id", placeholder));
        await Execute("DELETE FROM \"Users\" WHERE \"UserId\" = @id", ("@id", placeholder));
        return key;
    }

    private async Task PlantMembership(string teamId, string userId, string role) =>
        await Execute(
            "INSERT INTO \"TeamMembers\" (\"TeamId\", \"UserId\", \"UserEmail\", \"Role\", \"Spend\") VALUES (@team, @user, NULL, @role, 0)",
            ("@team", teamId), ("@user", userId), ("@role", role));

    private async Task<long> Count(string table) =>
        Convert.ToInt64(await _app.Database.Scalar($"SELECT COUNT(*) FROM \"{table}\""), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Writes as an older database would hold it: foreign keys off, as the rows predate the rules.</summary>
    private async Task Execute(string sql, params (string Name, object Value)[] parameters) =>
        Assert.That(await _app.Database.ExecuteWithoutForeignKeys(sql, parameters), Is.GreaterThan(0), sql);
}
