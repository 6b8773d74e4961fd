using static ProxyAdmin.Api.FunctionalTests.ProjectApi;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// Who may link an existing budget row by <c>budget_id</c>, and who may change one that several objects share: proxy
/// admins. A team admin or a key owner who could would change the limits of projects and keys it does not administer,
/// in its own team or another.
/// </summary>
public sealed class BudgetAccessTests
{
    [Test]
    public async Task ATeamAdminCannotLinkAnExistingBudgetToAProject()
    {
        var teamId = await NewTeam();
        var (_, teamAdmin) = await Member(teamId, "admin");
        var other = await NewProject(new { team_id = await NewTeam(), max_budget = 40 });
        var own = await NewProject(new { team_id = teamId, max_budget = 5 }, teamAdmin);
        var projectId = Api.UniqueId("proj");
        var budgetId = other["budget_id"]!.GetValue<string>();

        var create = await (await teamAdmin.PostJson("/project/new", new { team_id = teamId, project_id = projectId, budget_id = budgetId })).Expect(403);
        var update = await (await teamAdmin.PostJson("/project/update", new { project_id = Id(own), budget_id = budgetId })).Expect(403);

        Assert.That(create.ErrorParam(), Is.EqualTo("budget_id"));
        Assert.That(create.ErrorMessage(), Does.StartWith("Only proxy admins can link an existing budget"));
        Assert.That(update.ErrorParam(), Is.EqualTo("budget_id"));
        await ExpectMissing(projectId);
        Assert.That((await Info(Id(own)))["budget_id"]!.GetValue<string>(), Is.EqualTo(own["budget_id"]!.GetValue<string>()));
    }

    [Test]
    public async Task ResendingAProjectsOwnBudgetIdIsNoLink()
    {
        var teamId = await NewTeam();
        var (_, teamAdmin) = await Member(teamId, "admin");
        var own = await NewProject(new { team_id = teamId, max_budget = 5 }, teamAdmin);

        var updated = await (await teamAdmin.PostJson("/project/update", new { project_id = Id(own), budget_id = own["budget_id"], description = "same budget" })).Expect(200);

        Assert.That(updated["description"]!.GetValue<string>(), Is.EqualTo("same budget"));
        Assert.That(updated["budget_id"]!.GetValue<string>(), Is.EqualTo(own["budget_id"]!.GetValue<string>()));
    }

    [Test]
    public async Task ATeamAdminCannotChangeABudgetItsProjectSharesWithAnotherTeamsProject()
    {
        var teamId = await NewTeam();
        var (_, teamAdmin) = await Member(teamId, "admin");
        var foreign = await NewProject(new { team_id = await NewTeam(), max_budget = 40 });
        var budgetId = foreign["budget_id"]!.GetValue<string>();
        var shared = await NewProject(new { team_id = teamId, budget_id = budgetId });

        var refused = await (await teamAdmin.PostJson("/project/update", new { project_id = Id(shared), max_budget = 1000 })).Expect(403);
        var byAdmin = await (await Admin.PostJson("/project/update", new { project_id = Id(shared), max_budget = 30 })).Expect(200);

        Assert.That(refused.ErrorParam(), Is.EqualTo("budget_id"));
        Assert.That(refused.ErrorMessage(), Is.EqualTo($"Budget {budgetId} is shared with other projects, keys or team members; only proxy admins can change it."));
        Assert.That(byAdmin["litellm_budget_table"]!["max_budget"]!.GetValue<double>(), Is.EqualTo(30), "a proxy admin changes the shared row for everyone");
        Assert.That((await Info(Id(foreign)))["litellm_budget_table"]!["max_budget"]!.GetValue<double>(), Is.EqualTo(30));
    }

    [Test]
    public async Task ATeamAdminStillChangesItsProjectsOwnBudget()
    {
        var teamId = await NewTeam();
        var (_, teamAdmin) = await Member(teamId, "admin");
        var own = await NewProject(new { team_id = teamId, max_budget = 5 }, teamAdmin);

        var updated = await (await teamAdmin.PostJson("/project/update", new { project_id = Id(own), max_budget = 7 })).Expect(200);

        Assert.That(updated["litellm_budget_table"]!["max_budget"]!.GetValue<double>(), Is.EqualTo(7));
    }

    [Test]
    public async Task AKeyOwnerCannotLinkAnExistingBudgetToItsKey()
    {
        var (userId, ownerKey) = await Api.CreateUser();
        var owner = Service.App.ClientWith(ownerKey);
        var budgetId = (await NewProject(new { team_id = await NewTeam(), max_budget = 40 }))["budget_id"]!.GetValue<string>();
        var key = (await Api.GenerateKey(owner, new { key_alias = Api.UniqueId("own") }))["key"]!.GetValue<string>();

        var generate = await (await owner.PostJson("/key/generate", new { budget_id = budgetId })).Expect(403);
        var update = await (await owner.PostJson("/key/update", new { key, budget_id = budgetId })).Expect(403);

        Assert.That(generate.ErrorParam(), Is.EqualTo("budget_id"));
        Assert.That(update.ErrorParam(), Is.EqualTo("budget_id"));
        var keys = await (await Admin.GetAsync($"/key/list?user_id={userId}&return_full_object=true")).Expect(200);
        Assert.That(keys["keys"]!.AsArray().Select(k => k!["budget_id"]), Has.All.Null);
    }

    [Test]
    public async Task AKeyOwnerCannotChangeTheSoftBudgetOfARowItsKeySharesWithAProject()
    {
        var (userId, ownerKey) = await Api.CreateUser();
        var owner = Service.App.ClientWith(ownerKey);
        var project = await NewProject(new { team_id = await NewTeam(), max_budget = 40, soft_budget = 10 });
        var budgetId = project["budget_id"]!.GetValue<string>();
        var key = (await Api.GenerateKey(Admin, new { user_id = userId, budget_id = budgetId }))["key"]!.GetValue<string>();

        var refused = await (await owner.PostJson("/key/update", new { key, soft_budget = 39 })).Expect(403);

        Assert.That(refused.ErrorParam(), Is.EqualTo("budget_id"));
        Assert.That((await Info(Id(project)))["litellm_budget_table"]!["soft_budget"]!.GetValue<double>(), Is.EqualTo(10));
    }

    [Test]
    public async Task AKeyOwnerStillChangesTheSoftBudgetOfItsKeysOwnRow()
    {
        var (_, ownerKey) = await Api.CreateUser();
        var owner = Service.App.ClientWith(ownerKey);
        var key = (await Api.GenerateKey(owner, new { soft_budget = 2 }))["key"]!.GetValue<string>();

        await (await owner.PostJson("/key/update", new { key, soft_budget = 3 })).Expect(200);

        var info = (await (await owner.GetAsync($"/key/info?key={Uri.EscapeDataString(key)}")).Expect(200))["info"]!;
        Assert.That(info["litellm_budget_table"]!["soft_budget"]!.GetValue<double>(), Is.EqualTo(3));
    }
}
