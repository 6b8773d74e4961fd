using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>The seed's project behaviours (LiteLLM's own tests as acceptance targets) and ProxyAdmin's corrections.</summary>
public sealed class ProjectTests
{
    private static HttpClient Admin => Service.App.Admin();

    private static async Task<string> NewTeam(object? extra = null)
    {
        var teamId = Api.UniqueId("team");
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(extra ?? new { }))!.AsObject();
        body["team_id"] = teamId;
        await (await Admin.PostJson("/team/new", body)).Expect(200);
        return teamId;
    }

    private static Task<HttpResponseMessage> DeleteProjects(HttpClient client, params string[] ids) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/project/delete") { Content = JsonContent.Create(new { project_ids = ids }) });

    [Test]
    public async Task CreateKeepsFieldsMovesLimitsIntoMetadataAndLinksABudgetRow()
    {
        var teamId = await NewTeam();

        var project = await (await Admin.PostJson("/project/new", new
        {
            team_id = teamId,
            project_alias = "search",
            description = "search ranking",
            models = new[] { "gpt-4", "gpt-3.5-turbo" },
            max_budget = 100,
            model_rpm_limit = new Dictionary<string, int> { ["gpt-4"] = 100 },
            model_tpm_limit = new Dictionary<string, int> { ["gpt-4"] = 1000 },
            metadata = new { use_case_id = "uc-1", responsible_ai_id = "rai-1" },
        })).Expect(200);

        Assert.Multiple(() =>
        {
            Assert.That(project["project_id"]!.GetValue<string>(), Is.Not.Empty);
            Assert.That(project["project_alias"]!.GetValue<string>(), Is.EqualTo("search"));
            Assert.That(project["team_id"]!.GetValue<string>(), Is.EqualTo(teamId));
            Assert.That(project["metadata"]!["use_case_id"]!.GetValue<string>(), Is.EqualTo("uc-1"));
            Assert.That(project["metadata"]!["model_rpm_limit"]!["gpt-4"]!.GetValue<int>(), Is.EqualTo(100));
            Assert.That(project["metadata"]!["model_tpm_limit"]!["gpt-4"]!.GetValue<int>(), Is.EqualTo(1000));
            Assert.That(project["litellm_budget_table"]!["max_budget"]!.GetValue<double>(), Is.EqualTo(100));
            Assert.That(project["budget_id"]!.GetValue<string>(), Is.EqualTo(project["litellm_budget_table"]!["budget_id"]!.GetValue<string>()));
            Assert.That(project["created_by"]!.GetValue<string>(), Is.EqualTo("default_user_id"));
        });
    }

    [TestCase(new[] { "gpt-4", "claude-3" }, null, null, "claude-3")]
    [TestCase(null, 150.0, null, "exceeds team's max_budget")]
    [TestCase(null, null, 20000L, "exceeds team's tpm_limit")]
    public async Task LimitsBeyondTheTeamsAreRefusedWithTheSeedsMessages(string[]? models, double? maxBudget, long? tpm, string expected)
    {
        var teamId = await NewTeam(new { models = new[] { "gpt-4", "gpt-3.5-turbo" }, max_budget = 100, tpm_limit = 10000 });

        var body = await (await Admin.PostJson("/project/new", new { team_id = teamId, models, max_budget = maxBudget, tpm_limit = tpm })).Expect(400);

        Assert.That(body.ErrorMessage(), Does.Contain(expected));
    }

    [Test]
    public async Task ATeamWithAllProxyModelsAcceptsAnyModels()
    {
        var teamId = await NewTeam(new { models = new[] { "all-proxy-models" } });

        await (await Admin.PostJson("/project/new", new { team_id = teamId, models = new[] { "anything" } })).Expect(200);
    }

    [TestCase(-10, null, "max_budget cannot be negative")]
    [TestCase(100, 100, "must be strictly lower than max_budget")]
    public async Task BadBudgetsAreRefused(double maxBudget, double? softBudget, string expected)
    {
        var teamId = await NewTeam();

        var body = await (await Admin.PostJson("/project/new", new { team_id = teamId, max_budget = maxBudget, soft_budget = softBudget })).Expect(400);

        Assert.That(body.ErrorMessage(), Does.Contain(expected));
    }

    [Test]
    public async Task UpdateMergesMetadataUpdatesTheBudgetRowAndLeavesTheRest()
    {
        var teamId = await NewTeam();
        var created = await (await Admin.PostJson("/project/new", new { team_id = teamId, models = new[] { "a" }, max_budget = 10, metadata = new { owner = "x", tags = new[] { "dev" } } })).Expect(200);
        var projectId = created["project_id"]!.GetValue<string>();

        var updated = await (await Admin.PostJson("/project/update", new { project_id = projectId, project_alias = "renamed", tags = new[] { "prod" }, max_budget = 20 })).Expect(200);

        Assert.Multiple(() =>
        {
            Assert.That(updated["metadata"]!.ToJsonString(), Is.EqualTo("""{"owner":"x","tags":["prod"]}"""));
            Assert.That(updated["models"]!.AsArray().Select(m => m!.GetValue<string>()), Is.EqualTo(new[] { "a" }));
            Assert.That(updated["litellm_budget_table"]!["max_budget"]!.GetValue<double>(), Is.EqualTo(20));
            Assert.That(updated["litellm_budget_table"]!["budget_id"]!.GetValue<string>(), Is.EqualTo(created["budget_id"]!.GetValue<string>()));
        });
    }

    [Test]
    public async Task ATeamAdminOfAnotherTeamCannotHijackAProject()
    {
        var victimTeam = await NewTeam();
        var (attacker, attackerKey) = await Api.CreateUser();
        var attackerTeam = await NewTeam(new { members_with_roles = new[] { new { user_id = attacker, role = "admin" } } });
        var project = await (await Admin.PostJson("/project/new", new { team_id = victimTeam })).Expect(200);
        var projectId = project["project_id"]!.GetValue<string>();
        var client = Service.App.ClientWith(attackerKey);

        await (await client.PostJson("/project/update", new { project_id = projectId, team_id = attackerTeam })).Expect(404);
        await (await client.GetAsync($"/project/info?project_id={projectId}")).Expect(404);

        var stored = await (await Admin.GetAsync($"/project/info?project_id={projectId}")).Expect(200);
        Assert.That(stored["team_id"]!.GetValue<string>(), Is.EqualTo(victimTeam));
    }

    [Test]
    public async Task DeleteIsAllOrNothingAndRefusesProjectsWithKeys()
    {
        var teamId = await NewTeam();
        var free = (await (await Admin.PostJson("/project/new", new { team_id = teamId })).Expect(200))["project_id"]!.GetValue<string>();
        var withKey = (await (await Admin.PostJson("/project/new", new { team_id = teamId })).Expect(200))["project_id"]!.GetValue<string>();
        var key = await Api.GenerateKey(Admin, new { project_id = withKey });
        Assert.That(key["team_id"]!.GetValue<string>(), Is.EqualTo(teamId), "the key's team comes from its project");

        await (await DeleteProjects(Admin, free, "missing-project")).Expect(404);
        var refused = await (await DeleteProjects(Admin, free, withKey)).Expect(409);
        Assert.That(refused.ErrorMessage(), Does.Contain("1 key(s) are associated with it"));
        await (await Admin.GetAsync($"/project/info?project_id={free}")).Expect(200);

        await (await DeleteProjects(Admin, [])).Expect(400);
        var deleted = await DeleteProjects(Admin, free, free);
        Assert.That((int)deleted.StatusCode, Is.EqualTo(200));
        var rows = JsonNode.Parse(await deleted.Content.ReadAsStringAsync())!.AsArray();
        Assert.That(rows.Select(r => r!["project_id"]!.GetValue<string>()), Is.EqualTo(new[] { free }));
        await (await Admin.GetAsync($"/project/info?project_id={free}")).Expect(404);
    }

    [Test]
    public async Task AKeyCannotReferenceAProjectOfAnotherTeam()
    {
        var teamA = await NewTeam();
        var teamB = await NewTeam();
        var projectB = (await (await Admin.PostJson("/project/new", new { team_id = teamB })).Expect(200))["project_id"]!.GetValue<string>();

        var body = await (await Admin.PostJson("/key/generate", new { team_id = teamA, project_id = projectB })).Expect(400);

        Assert.That(body.ErrorParam(), Is.EqualTo("project_id"));
    }

    [Test]
    public async Task ListsShowOnlyTheCallersTeamsProjects()
    {
        var (member, memberKey) = await Api.CreateUser();
        var ownTeam = await NewTeam(new { members_with_roles = new[] { new { user_id = member, role = "user" } } });
        var otherTeam = await NewTeam();
        var own = (await (await Admin.PostJson("/project/new", new { team_id = ownTeam })).Expect(200))["project_id"]!.GetValue<string>();
        await (await Admin.PostJson("/project/new", new { team_id = otherTeam })).Expect(200);
        var client = Service.App.ClientWith(memberKey);

        var listed = JsonNode.Parse(await (await client.GetAsync("/project/list")).Content.ReadAsStringAsync())!.AsArray();
        var page = await (await client.GetAsync("/v2/project/list?page_size=5")).Expect(200);

        Assert.That(listed.Select(p => p!["project_id"]!.GetValue<string>()), Is.EqualTo(new[] { own }));
        Assert.That(page["total"]!.GetValue<int>(), Is.EqualTo(1));
        await (await client.GetAsync($"/project/list?team_id={otherTeam}")).Expect(404);
    }
}
