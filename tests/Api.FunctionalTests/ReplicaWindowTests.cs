namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// Writes never trust a cache. Two services on one database, the second one ("stale") polling the revision row
/// only once an hour and deaf to PostgreSQL's push: after a change made through the first, the stale one still serves reads from its key cache
/// (the propagation window, held open here), yet every write through it re-reads its caller inside the transaction
/// and is refused as the database says now. A read that sends the write's revision waits for the stale one to catch
/// up instead.
/// </summary>
[NonParallelizable]
public sealed class ReplicaWindowTests
{
    private ProxyAdminApp _fresh = null!;
    private ProxyAdminApp _stale = null!;

    [OneTimeSetUp]
    public void StartTwoServicesOnOneFile()
    {
        _fresh = new ProxyAdminApp();
        _ = _fresh.Server;
        _stale = new ProxyAdminApp(new Dictionary<string, string?>
        {
            ["ConnectionStrings:ProxyAdmin"] = _fresh.Database.ConnectionString,
            ["ProxyAdmin:Revision:PollIntervalMilliseconds"] = "3600000",

            // On PostgreSQL commits are also pushed; this replica must not hear them.
            ["ProxyAdmin:Revision:Listen"] = "false",
        });
        _ = _stale.Server;
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _stale?.Dispose();
        _fresh?.Dispose();
    }

    [Test]
    public async Task ABlockedKeyStillReadsThroughAStaleReplicaButWritesNothingThere()
    {
        var (userId, key) = await NewUser("internal_user");
        await (await _stale.ClientWith(key).GetAsync("/key/info")).Expect(200);

        await (await _fresh.Admin().PostJson("/key/block", new { key })).Expect(200);

        await (await _stale.ClientWith(key).GetAsync("/key/info")).Expect(200);
        var refused = await (await _stale.ClientWith(key).PostJson("/key/generate", new { key_alias = Api.UniqueId("minted") })).Expect(401);
        Assert.That(refused.ErrorMessage(), Does.Contain("Key is blocked"));
        Assert.That(await KeysOf(userId), Is.EqualTo(1), "no key was minted");
    }

    [Test]
    public async Task ADemotedAdminCreatesNoAdminThroughAStaleReplica()
    {
        var (adminId, key) = await NewUser("proxy_admin");
        var (otherId, _) = await NewUser("internal_user");
        await (await _stale.ClientWith(key).GetAsync("/user/list?page_size=1")).Expect(200);

        await (await _fresh.Admin().PostJson("/user/update", new { user_id = adminId, user_role = "internal_user" })).Expect(200);

        await (await _stale.ClientWith(key).GetAsync("/user/list?page_size=1")).Expect(200);
        var newAdmin = Api.UniqueId("admin");
        var refused = await (await _stale.ClientWith(key).PostJson("/user/new", new { user_id = newAdmin, user_role = "proxy_admin" })).Expect(403);
        Assert.That(refused.ErrorMessage(), Does.Contain("internal_user"), "judged by the stored role");
        await (await _fresh.Admin().GetAsync($"/user/info?user_id={newAdmin}")).Expect(404);

        // A message the stored role may still send runs as that role: the handler no longer sees an admin.
        var forOther = await (await _stale.ClientWith(key).PostJson("/key/generate", new { user_id = otherId })).Expect(403);
        Assert.That(forOther.ErrorMessage(), Does.Contain("only generate keys for yourself"));
        Assert.That(await KeysOf(otherId), Is.EqualTo(1));
    }

    [Test]
    public async Task ADeletedKeyWritesNothingThroughAStaleReplica()
    {
        var (userId, key) = await NewUser("internal_user");
        await (await _stale.ClientWith(key).GetAsync("/key/list?size=1")).Expect(200);

        await (await _fresh.Admin().PostJson("/key/delete", new { keys = new[] { key } })).Expect(200);

        var refused = await (await _stale.ClientWith(key).PostJson("/key/generate", new { })).Expect(401);
        Assert.That(refused.ErrorMessage(), Does.Contain("Unable to find token"));
        Api.AssertHoldsNone(refused.ToJsonString(), "the refusal", key);
        Assert.That(await KeysOf(userId), Is.Zero);
    }

    [Test]
    public async Task AKeyOfABlockedTeamWritesNothingThroughAStaleReplica()
    {
        var teamId = Api.UniqueId("team");
        await (await _fresh.Admin().PostJson("/team/new", new { team_id = teamId })).Expect(200);
        var (userId, _) = await NewUser("internal_user");
        await (await _fresh.Admin().PostJson("/team/member_add", new { team_id = teamId, member = new { user_id = userId, role = "admin" } })).Expect(200);
        var teamKey = (await Api.GenerateKey(_fresh.Admin(), new { user_id = userId, team_id = teamId }))["key"]!.GetValue<string>();
        await (await _stale.ClientWith(teamKey).GetAsync("/key/info")).Expect(200);

        await (await _fresh.Admin().PostJson("/team/block", new { team_id = teamId })).Expect(200);

        var refused = await (await _stale.ClientWith(teamKey).PostJson("/team/member_add", new { team_id = teamId, member = new { user_id = (await NewUser("internal_user")).UserId, role = "user" } })).Expect(401);
        Assert.That(refused.ErrorMessage(), Does.Contain("team is blocked"));
        var info = await (await _fresh.Admin().GetAsync($"/team/info?team_id={teamId}")).Expect(200);
        Assert.That(info["team_info"]!["members_with_roles"]!.AsArray(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task AKeyOfABlockedProjectWritesNothingThroughAStaleReplica()
    {
        var teamId = Api.UniqueId("team");
        await (await _fresh.Admin().PostJson("/team/new", new { team_id = teamId })).Expect(200);
        var (userId, _) = await NewUser("internal_user");
        await (await _fresh.Admin().PostJson("/team/member_add", new { team_id = teamId, member = new { user_id = userId, role = "user" } })).Expect(200);
        var projectId = Api.UniqueId("proj");
        await (await _fresh.Admin().PostJson("/project/new", new { project_id = projectId, team_id = teamId })).Expect(200);
        var projectKey = (await Api.GenerateKey(_fresh.Admin(), new { user_id = userId, project_id = projectId }))["key"]!.GetValue<string>();
        await (await _stale.ClientWith(projectKey).GetAsync("/key/info")).Expect(200);

        await (await _fresh.Admin().PostJson("/project/update", new { project_id = projectId, blocked = true })).Expect(200);

        var refused = await (await _stale.ClientWith(projectKey).PostJson("/key/generate", new { })).Expect(401);
        Assert.That(refused.ErrorMessage(), Is.EqualTo($"Authentication Error, Project={projectId} is blocked. Update via `/project/update` if you're an admin."));
        Assert.That(await KeysOf(userId), Is.EqualTo(2), "the user's first key and the project key, nothing more");
        await (await _fresh.ClientWith(projectKey).GetAsync("/key/info")).Expect(401);
    }

    [Test]
    public async Task AReadWithTheRevisionOfTheBlockWaitsForTheStaleReplicaToApplyIt()
    {
        var (_, key) = await NewUser("internal_user");
        await (await _stale.ClientWith(key).GetAsync("/key/info")).Expect(200);

        var block = await _fresh.Admin().PostJson("/key/block", new { key });
        await block.Expect(200);
        var revision = long.Parse(block.Headers.GetValues("x-proxyadmin-revision").Single(), System.Globalization.CultureInfo.InvariantCulture);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/key/info");
        request.Headers.Add("x-proxyadmin-min-revision", revision.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var refused = await (await _stale.ClientWith(key).SendAsync(request)).Expect(401);
        Assert.That(refused.ErrorMessage(), Does.Contain("Key is blocked"));
        var applied = await (await _stale.Admin().GetAsync("/health/revision")).Expect(200);
        Assert.That(applied["revision"]!.GetValue<long>(), Is.GreaterThanOrEqualTo(revision));
    }

    private async Task<(string UserId, string Key)> NewUser(string role)
    {
        var userId = Api.UniqueId("user");
        var body = await (await _fresh.Admin().PostJson("/user/new", new { user_id = userId, user_role = role })).Expect(200);
        return (userId, body["key"]!.GetValue<string>());
    }

    private async Task<int> KeysOf(string userId) =>
        (await (await _fresh.Admin().GetAsync($"/key/list?user_id={userId}&size=1")).Expect(200))["total_count"]!.GetValue<int>();
}
