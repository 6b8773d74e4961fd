using System.Text.Json.Nodes;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// Keyset paging over HTTP on every paged list: <c>after</c> / <c>next_cursor</c> walk the whole list once, rows
/// inserted between pages neither repeat nor hide a row, a cursor is bound to its list and filters, the caller's scope
/// is applied again whatever the cursor says, offset <c>page</c> answers as before, and an unfiltered <c>total</c> is
/// the count the database keeps. On a service of its own, so "every row" means the rows these tests made.
/// </summary>
[NonParallelizable]
public sealed class KeysetPagingTests
{
    private ProxyAdminApp _app = null!;
    private HttpClient _admin = null!;

    [OneTimeSetUp]
    public void StartOwnService()
    {
        _app = new ProxyAdminApp();
        _admin = _app.Admin();
    }

    [OneTimeTearDown]
    public void StopOwnService()
    {
        _admin.Dispose();
        _app.Dispose();
    }

    [Test]
    public async Task ProjectsPagedByCursorComeOnceEachWhileMoreAreInserted()
    {
        var team = await NewTeam();
        var made = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            made.Add(await NewProject(team));
        }

        var seen = new List<string>();
        string? after = null;
        var pages = 0;
        do
        {
            var page = await Get($"/v2/project/list?page_size=3{(after is null ? "" : $"&after={after}")}");
            seen.AddRange(Ids(page["projects"]!, "project_id"));
            after = page["next_cursor"]?.GetValue<string>();
            if (pages++ == 0)
            {
                // Written between pages: they sort after everything shown, so the walk must reach them.
                made.Add(await NewProject(team));
                made.Add(await NewProject(team));
            }
        }
        while (after is not null);

        var all = await Get("/v2/project/list?page_size=100");
        Assert.That(seen, Is.Unique);
        Assert.That(seen.Where(made.Contains), Is.EqualTo(made), "every project of this test, in creation order, the late ones too");
        Assert.That(seen, Is.EqualTo(Ids(all["projects"]!, "project_id")), "the walk is the whole list");
        Assert.That(all["total"]!.GetValue<int>(), Is.EqualTo(seen.Count));
        Assert.That(all["next_cursor"], Is.Null, "one page holds everything: no next page");
    }

    [Test]
    public async Task OffsetPagesAnswerAsBeforeAndCarryACursorToTheNextPage()
    {
        var team = await NewTeam();
        var made = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            made.Add(await NewProject(team));
        }

        var second = await Get($"/v2/project/list?team_id={team}&page=2&page_size=2");
        var byCursor = await Get($"/v2/project/list?team_id={team}&page_size=2&after={second["next_cursor"]!.GetValue<string>()}");
        var third = await Get($"/v2/project/list?team_id={team}&page=3&page_size=2");

        Assert.That(Ids(second["projects"]!, "project_id"), Is.EqualTo(made[2..4]));
        Assert.That(second["page"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(second["page_size"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(second["total"]!.GetValue<int>(), Is.EqualTo(5), "a team filter: counted through the team's index");
        Assert.That(second["total_pages"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(Ids(byCursor["projects"]!, "project_id"), Is.EqualTo(Ids(third["projects"]!, "project_id")), "the cursor of page 2 leads to page 3");
        Assert.That(third["next_cursor"], Is.Null);
    }

    [Test]
    public async Task ACursorThatIsMalformedOrOfOtherFiltersOrMixedWithPageIs400NamingAfter()
    {
        var team = await NewTeam();
        await NewProject(team);
        await NewProject(team);
        var cursor = (await Get($"/v2/project/list?team_id={team}&page_size=1"))["next_cursor"]!.GetValue<string>();
        var teamCursor = (await Get("/v2/team/list?page_size=1"))["next_cursor"]?.GetValue<string>() ?? cursor;

        foreach (var query in new[]
        {
            "after=not-a-cursor",
            "after=%21%21%21",
            $"after={cursor}",
            $"team_id={team}&search=x&after={cursor}",
            $"team_id={team}&after={teamCursor}",
            $"team_id={team}&page=1&after={cursor}",
            $"team_id={team}&after={new string('A', 2000)}",
        })
        {
            var body = await (await _admin.GetAsync($"/v2/project/list?{query}")).Expect(400);
            Assert.That(body.ErrorParam(), Is.EqualTo("after"), query);
        }
    }

    [Test]
    public async Task ACursorNeverWidensTheCallersScope()
    {
        var teamA = await NewTeam();
        var teamB = await NewTeam();
        await NewProject(teamA);
        var ofB = new List<string> { await NewProject(teamB) };
        await NewProject(teamA);
        ofB.Add(await NewProject(teamB));
        await NewProject(teamA);
        var (userId, key) = await NewUser();
        await (await _admin.PostJson("/team/member_add", new { team_id = teamB, member = new { user_id = userId, role = "user" } })).Expect(200);
        var member = _app.ClientWith(key);

        // The admin's cursor has the filters a member sends (none): it is accepted, and the member's own scope applies.
        var adminCursor = (await Get("/v2/project/list?page_size=1"))["next_cursor"]!.GetValue<string>();
        var seen = new List<string>();
        string? after = adminCursor;
        while (after is not null)
        {
            var page = await (await member.GetAsync($"/v2/project/list?page_size=1&after={after}")).Expect(200);
            seen.AddRange(Ids(page["projects"]!, "project_id"));
            after = page["next_cursor"]?.GetValue<string>();
        }

        Assert.That(seen, Is.SubsetOf(ofB).And.Not.Empty, "only team B's projects, whatever position the cursor names");
    }

    [Test]
    public async Task UsersKeysTeamsAndModelsWalkByCursorOnceEach()
    {
        var users = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            users.Add((await NewUser()).UserId);
        }

        var allUsers = await Walk("/user/list?page_size=2&role=internal_user", "users", "user_id");
        Assert.That(allUsers, Is.SupersetOf(users).And.Unique);
        Assert.That(allUsers, Has.Count.EqualTo((await Get("/user/list?page_size=100&role=internal_user"))["total"]!.GetValue<int>()));

        var owner = users[0];
        var keys = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            keys.Add((await (await _admin.PostJson("/key/generate", new { user_id = owner })).Expect(200))["token"]!.GetValue<string>());
        }

        var walkedKeys = await Walk($"/key/list?size=2&user_id={owner}", "keys", "token");
        Assert.That(walkedKeys, Is.SupersetOf(keys).And.Unique);

        var named = new[] { await NewTeam("b-alias"), await NewTeam("a-alias"), await NewTeam(null), await NewTeam("a-alias"), await NewTeam(null) };
        var teams = await Walk("/v2/team/list?page_size=2", "teams", "team_id");
        Assert.That(teams, Is.SupersetOf(named).And.Unique);
        Assert.That(teams, Is.EqualTo(Ids((await Get("/v2/team/list?page_size=100"))["teams"]!, "team_id")), "the cursor walk is the offset order");

        var models = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var model = await (await _admin.PostJson("/model/new", new { model_name = $"keyset-{i}", litellm_params = new { model = "openai/gpt-4o" } })).Expect(200);
            models.Add(model["model_id"]!.GetValue<string>());
        }

        var walkedModels = await Walk("/v2/model/info?size=2", "data", m => m["model_id"]!.GetValue<string>());
        Assert.That(walkedModels, Is.SupersetOf(models).And.Unique);
    }

    [Test]
    public async Task AuditRowsWalkByCursorInBothOrders()
    {
        var team = await NewTeam();
        for (var i = 0; i < 4; i++)
        {
            await (await _admin.PostJson("/team/update", new { team_id = team, team_alias = $"alias-{i}" })).Expect(200);
        }

        var desc = await Walk($"/audit?object_id={team}&page_size=2", "audit_logs", "id");
        var asc = await Walk($"/audit?object_id={team}&page_size=2&sort_order=asc", "audit_logs", "id");

        Assert.That(desc, Has.Count.EqualTo(5).And.Unique);
        Assert.That(asc, Is.EqualTo(Enumerable.Reverse(desc).ToList()));

        var descCursor = (await Get($"/audit?object_id={team}&page_size=2"))["next_cursor"]!.GetValue<string>();
        var refused = await (await _admin.GetAsync($"/audit?object_id={team}&page_size=2&sort_order=asc&after={descCursor}")).Expect(400);
        Assert.That(refused.ErrorParam(), Is.EqualTo("after"), "a cursor is bound to its sort order");
    }

    [Test]
    public async Task AnUnfilteredTotalIsTheDatabasesOwnCountOfEveryWrite()
    {
        var before = (await Get("/v2/project/list?page_size=1"))["total"]!.GetValue<int>();
        var team = await NewTeam();
        var first = await NewProject(team);
        await NewProject(team);

        Assert.That((await Get("/v2/project/list?page_size=1"))["total"]!.GetValue<int>(), Is.EqualTo(before + 2));
        await (await _admin.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/project/delete") { Content = System.Net.Http.Json.JsonContent.Create(new { project_ids = new[] { first } }) })).ExpectArray(200);
        Assert.That((await Get("/v2/project/list?page_size=1"))["total"]!.GetValue<int>(), Is.EqualTo(before + 1));

        // The count is kept by the database itself: a row written past the service is counted too.
        var stored = await _app.Database.Scalar("SELECT \"Count\" FROM \"RowCounts\" WHERE \"TableName\" = 'Projects'");
        Assert.That(Convert.ToInt32(stored, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(before + 1));
    }

    [Test]
    public async Task AMembersTotalIsTheKeptCountOfItsTeams()
    {
        var teamA = await NewTeam();
        var teamB = await NewTeam();
        var other = await NewTeam();
        var doomed = await NewProject(teamA);
        await NewProject(teamA);
        await NewProject(teamB);
        await NewProject(other);
        var (userId, key) = await NewUser();
        foreach (var team in new[] { teamA, teamB })
        {
            await (await _admin.PostJson("/team/member_add", new { team_id = team, member = new { user_id = userId, role = "user" } })).Expect(200);
        }

        var member = _app.ClientWith(key);
        async Task<int> MembersTotal() => (await (await member.GetAsync("/v2/project/list?page_size=1")).Expect(200))["total"]!.GetValue<int>();

        Assert.That(await MembersTotal(), Is.EqualTo(3), "the member's two teams, not the third");
        await (await _admin.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/project/delete") { Content = System.Net.Http.Json.JsonContent.Create(new { project_ids = new[] { doomed } }) })).ExpectArray(200);
        Assert.That(await MembersTotal(), Is.EqualTo(2));
        var kept = await _app.Database.Scalar("SELECT \"Count\" FROM \"TeamProjectCounts\" WHERE \"TeamId\" = @team", ("team", teamA));
        Assert.That(Convert.ToInt32(kept, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(1));
    }

    private async Task<JsonObject> Get(string path) => await (await _admin.GetAsync(path)).Expect(200);

    private Task<List<string>> Walk(string path, string items, string idField) => Walk(path, items, n => n[idField]!.ToString());

    private async Task<List<string>> Walk(string path, string items, Func<JsonNode, string> id)
    {
        var seen = new List<string>();
        string? after = null;
        do
        {
            var page = await Get(after is null ? path : $"{path}&after={after}");
            seen.AddRange(page[items]!.AsArray().Select(n => id(n!)));
            after = page["next_cursor"]?.GetValue<string>();
        }
        while (after is not null);

        return seen;
    }

    private static List<string> Ids(JsonNode array, string field) => [.. array.AsArray().Select(n => n![field]!.GetValue<string>())];

    private async Task<string> NewTeam(string? alias = null)
    {
        var teamId = Api.UniqueId("team");
        await (await _admin.PostJson("/team/new", alias is null ? (object)new { team_id = teamId } : new { team_id = teamId, team_alias = alias })).Expect(200);
        return teamId;
    }

    private async Task<string> NewProject(string teamId)
    {
        var projectId = Api.UniqueId("proj");
        await (await _admin.PostJson("/project/new", new { team_id = teamId, project_id = projectId })).Expect(200);
        return projectId;
    }

    private async Task<(string UserId, string Key)> NewUser()
    {
        var userId = Api.UniqueId("user");
        var body = await (await _admin.PostJson("/user/new", new { user_id = userId, user_role = "internal_user" })).Expect(200);
        return (userId, body["key"]!.GetValue<string>());
    }
}
