using System.Text.Json.Nodes;
using static ProxyAdmin.Api.FunctionalTests.ProjectApi;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// The budget routes over HTTP: LiteLLM's shapes and messages, the seed's second example (a project linking a budget
/// made beforehand), the limits of every team whose projects share a row, the refusal to delete a linked row, the
/// audit trail, and who may call them.
/// </summary>
public sealed class BudgetTests
{
    private static async Task<JsonObject> NewBudget(object body) => await (await Admin.PostJson("/budget/new", body)).Expect(200);

    private static async Task<JsonArray> List() => (await (await Admin.GetAsync("/budget/list")).ExpectArray(200));

    [Test]
    public async Task TheSeedsSecondExampleLinksABudgetMadeBeforehand()
    {
        var budgetId = Api.UniqueId("budget");
        var budget = await NewBudget(new { budget_id = budgetId, max_budget = 50, budget_duration = "30d", tpm_limit = 1000 });
        var teamId = await NewTeam(new { max_budget = 100 });

        var project = await NewProject(new { team_id = teamId, project_alias = "linked", budget_id = budgetId });

        Assert.That(budget["budget_id"]!.GetValue<string>(), Is.EqualTo(budgetId));
        Assert.That(DateTime.Parse(budget["budget_reset_at"]!.GetValue<string>(), null, System.Globalization.DateTimeStyles.RoundtripKind),
            Is.EqualTo(DateTime.UtcNow.AddDays(30)).Within(TimeSpan.FromMinutes(5)));
        var info = await Info(Id(project));
        Assert.That(info["budget_id"]!.GetValue<string>(), Is.EqualTo(budgetId));
        Assert.That(info["litellm_budget_table"]!["max_budget"]!.GetValue<double>(), Is.EqualTo(50));
        Assert.That(info["litellm_budget_table"]!["tpm_limit"]!.GetValue<long>(), Is.EqualTo(1000));
    }

    [Test]
    public async Task ANewRowAnswersEveryFieldAndAnIdTakenIsA409()
    {
        var budgetId = Api.UniqueId("budget");
        var created = await NewBudget(new
        {
            budget_id = budgetId,
            max_budget = 10.5,
            soft_budget = 8,
            max_parallel_requests = 4,
            rpm_limit = 60,
            model_max_budget = new Dictionary<string, object> { ["gpt-4o"] = new { max_budget = 2, budget_duration = "1d" } },
        });

        Assert.That(created.Select(p => p.Key), Is.EquivalentTo(new[]
        {
            "budget_id", "max_budget", "soft_budget", "max_parallel_requests", "tpm_limit", "rpm_limit", "model_max_budget",
            "budget_duration", "budget_reset_at", "created_at", "created_by", "updated_at", "updated_by",
        }));
        Assert.That(created["max_budget"]!.GetValue<double>(), Is.EqualTo(10.5));
        Assert.That(created["model_max_budget"]!["gpt-4o"]!["budget_duration"]!.GetValue<string>(), Is.EqualTo("1d"));
        Assert.That(created["created_by"]!.GetValue<string>(), Is.EqualTo("default_user_id"));

        var again = await (await Admin.PostJson("/budget/new", new { budget_id = budgetId, max_budget = 1 })).Expect(409);
        Assert.That(again.ErrorMessage(), Is.EqualTo($"Budget with id '{budgetId}' already exists."));
        Assert.That(again.ErrorParam(), Is.EqualTo("budget_id"));
        Assert.That((await Read(budgetId))["max_budget"]!.GetValue<double>(), Is.EqualTo(10.5), "the refusal changed nothing");
    }

    [TestCase("""{"max_budget": -1}""", "max_budget")]
    [TestCase("""{"max_budget": 5, "soft_budget": 5}""", "soft_budget")]
    [TestCase("""{"tpm_limit": -1}""", "tpm_limit")]
    [TestCase("""{"budget_duration": "fortnightly"}""", "budget_duration")]
    [TestCase("""{"model_max_budget": {"gpt-4o": -3}}""", "model_max_budget")]
    [TestCase("""{"budget_id": "has space"}""", "budget_id")]
    public async Task BadFieldsAre400sThatCreateNothing(string body, string field)
    {
        var before = (await List()).Count;

        var refused = await (await PostRaw(Admin, "/budget/new", body)).Expect(400);

        Assert.That(refused.ErrorParam(), Is.EqualTo(field), refused.ToJsonString());
        Assert.That((await List()).Count, Is.EqualTo(before));
    }

    [Test]
    public async Task AnUpdateChangesTheFieldsSentAndIsAudited()
    {
        var budgetId = Api.UniqueId("budget");
        await NewBudget(new { budget_id = budgetId, max_budget = 10, tpm_limit = 100 });

        var updated = await (await Admin.PostJson("/budget/update", new { budget_id = budgetId, max_budget = 20, budget_duration = "7d" })).Expect(200);

        Assert.That(updated["max_budget"]!.GetValue<double>(), Is.EqualTo(20));
        Assert.That(updated["tpm_limit"]!.GetValue<long>(), Is.EqualTo(100));
        Assert.That(updated["budget_duration"]!.GetValue<string>(), Is.EqualTo("7d"));
        var audit = await Api.AuditRowsFor(budgetId);
        Assert.That(audit.Select(r => r!["action"]!.GetValue<string>()), Is.EquivalentTo(new[] { "created", "updated" }));
        Assert.That(audit, Has.All.Matches<JsonNode>(r => r["table_name"]!.GetValue<string>() == "LiteLLM_BudgetTable"));
        var change = audit.Single(r => r!["action"]!.GetValue<string>() == "updated")!;
        Assert.That(change["before_value"]!["max_budget"]!.GetValue<double>(), Is.EqualTo(10));
        Assert.That(change["updated_values"]!["max_budget"]!.GetValue<double>(), Is.EqualTo(20));
    }

    [Test]
    public async Task AnUpdateWithoutAnIdOrOfAnUnknownOneIsRefused()
    {
        var missingId = await (await Admin.PostJson("/budget/update", new { max_budget = 1 })).Expect(400);
        var unknown = await (await Admin.PostJson("/budget/update", new { budget_id = Api.UniqueId("ghost"), max_budget = 1 })).Expect(404);

        Assert.That(missingId.ErrorParam(), Is.EqualTo("budget_id"));
        Assert.That(unknown.ErrorMessage(), Does.StartWith("Budget not found, budget_id=ghost-"));
    }

    [Test]
    public async Task ASharedRowStaysWithinTheLimitsOfEveryTeamWhoseProjectsLinkIt()
    {
        var budgetId = Api.UniqueId("budget");
        await NewBudget(new { budget_id = budgetId, max_budget = 10 });
        var roomy = await NewTeam(new { max_budget = 100 });
        var tight = await NewTeam(new { max_budget = 30 });
        var roomyProject = Id(await NewProject(new { team_id = roomy, budget_id = budgetId }));
        await NewProject(new { team_id = tight, budget_id = budgetId });

        var viaBudget = await (await Admin.PostJson("/budget/update", new { budget_id = budgetId, max_budget = 50 })).Expect(400);
        var viaProject = await (await Admin.PostJson("/project/update", new { project_id = roomyProject, max_budget = 50 })).Expect(400);

        foreach (var refused in new[] { viaBudget, viaProject })
        {
            Assert.That(refused.ErrorParam(), Is.EqualTo("max_budget"));
            Assert.That(refused.ErrorMessage(), Does.Contain($"team {tight}").And.Contain("exceeds team's max_budget (30)"));
        }

        Assert.That((await Read(budgetId))["max_budget"]!.GetValue<double>(), Is.EqualTo(10));
        await (await Admin.PostJson("/budget/update", new { budget_id = budgetId, max_budget = 25 })).Expect(200);
    }

    [Test]
    public async Task InfoAnswersTheRowsThatExistAndNeedsAtLeastOneId()
    {
        var first = Api.UniqueId("budget");
        var second = Api.UniqueId("budget");
        await NewBudget(new { budget_id = first, max_budget = 1 });
        await NewBudget(new { budget_id = second, max_budget = 2 });

        var found = await (await Admin.PostJson("/budget/info", new { budgets = new[] { second, "no-such-budget", first } })).ExpectArray(200);
        var empty = await (await Admin.PostJson("/budget/info", new { budgets = Array.Empty<string>() })).Expect(400);

        Assert.That(found.Select(b => b!["budget_id"]!.GetValue<string>()), Is.EqualTo(new[] { second, first }));
        Assert.That(empty.ErrorMessage(), Is.EqualTo("Specify list of budget id's to query. Passed in=[]"));
    }

    [Test]
    public async Task TheListHoldsEveryRowOldestFirst()
    {
        var older = Api.UniqueId("budget");
        var newer = Api.UniqueId("budget");
        await NewBudget(new { budget_id = older });
        await NewBudget(new { budget_id = newer });

        var ids = (await List()).Select(b => b!["budget_id"]!.GetValue<string>()).ToList();

        Assert.That(ids, Does.Contain(older).And.Contain(newer));
        Assert.That(ids.IndexOf(older), Is.LessThan(ids.IndexOf(newer)));
    }

    [Test]
    public async Task SettingsListTheSettableFieldsWithTheirValues()
    {
        var budgetId = Api.UniqueId("budget");
        await NewBudget(new { budget_id = budgetId, max_budget = 12, budget_duration = "1d" });

        var settings = await (await Admin.GetAsync($"/budget/settings?budget_id={budgetId}")).ExpectArray(200);
        var unknown = await (await Admin.GetAsync("/budget/settings?budget_id=no-such-budget")).Expect(404);
        var missing = await (await Admin.GetAsync("/budget/settings")).Expect(400);

        var byName = settings.ToDictionary(s => s!["field_name"]!.GetValue<string>(), s => s!.AsObject());
        Assert.That(byName.Keys, Is.EqualTo(new[] { "max_budget", "soft_budget", "max_parallel_requests", "tpm_limit", "rpm_limit", "budget_duration", "model_max_budget" }));
        Assert.That(byName["max_budget"]["field_value"]!.GetValue<double>(), Is.EqualTo(12));
        Assert.That(byName["max_budget"]["field_type"]!.GetValue<string>(), Is.EqualTo("Float"));
        Assert.That(byName["budget_duration"]["field_value"]!.GetValue<string>(), Is.EqualTo("1d"));
        Assert.That(byName["rpm_limit"]["field_value"], Is.Null);
        Assert.That(byName["rpm_limit"]["stored_in_db"]!.GetValue<bool>(), Is.True);
        Assert.That(unknown.ErrorParam(), Is.EqualTo("budget_id"));
        Assert.That(missing.ErrorParam(), Is.EqualTo("budget_id"));
    }

    [Test]
    public async Task ALinkedRowCannotBeDeletedAndTheRefusalNamesWhatLinksIt()
    {
        var budgetId = Api.UniqueId("budget");
        await NewBudget(new { budget_id = budgetId, max_budget = 5 });
        var teamId = await NewTeam();
        var projectId = Id(await NewProject(new { team_id = teamId, budget_id = budgetId }));
        var (userId, _) = await Api.CreateUser();
        var key = await Api.GenerateKey(Admin, new { user_id = userId, budget_id = budgetId });

        var linked = await (await Admin.PostJson("/budget/delete", new { id = budgetId })).Expect(409);

        Assert.That(linked.ErrorParam(), Is.EqualTo("id"));
        Assert.That(linked.ErrorMessage(), Is.EqualTo(
            $"Cannot delete budget {budgetId}: 2 object(s) link it (project {projectId}, key {key["token"]!.GetValue<string>()}). Unlink them first."));
        Assert.That(linked.ToJsonString(), Does.Not.Contain(key["key"]!.GetValue<string>()), "a key is named by its hash, never its secret");

        await (await Admin.PostJson("/key/delete", new { keys = new[] { key["token"]!.GetValue<string>() } })).Expect(200);
        var stillLinked = await (await Admin.PostJson("/budget/delete", new { id = budgetId })).Expect(409);
        Assert.That(stillLinked.ErrorMessage(), Does.Contain($"1 object(s) link it (project {projectId})"));
        Assert.That(await (await Admin.PostJson("/budget/info", new { budgets = new[] { budgetId } })).ExpectArray(200), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task ARowMadeOnItsOwnOutlivesTheLastProjectThatLinksIt()
    {
        var budgetId = Api.UniqueId("budget");
        await NewBudget(new { budget_id = budgetId, max_budget = 5 });
        var teamId = await NewTeam();
        var linking = Id(await NewProject(new { team_id = teamId, budget_id = budgetId }));
        var describing = await NewProject(new { team_id = teamId, max_budget = 3 });
        var describedBudget = describing["budget_id"]!.GetValue<string>();

        await (await Delete(Admin, linking, Id(describing))).ExpectArray(200);

        var left = await (await Admin.PostJson("/budget/info", new { budgets = new[] { budgetId, describedBudget } })).ExpectArray(200);
        Assert.That(left.Select(b => b!["budget_id"]!.GetValue<string>()), Is.EqualTo(new[] { budgetId }),
            "the row /budget/new made stays; the row the deleted project described went with it");
        await (await Admin.PostJson("/budget/delete", new { id = budgetId })).Expect(200);
    }

    [Test]
    public async Task AnUnlinkedRowIsDeletedWithAnAuditRowAndThenUnknown()
    {
        var budgetId = Api.UniqueId("budget");
        await NewBudget(new { budget_id = budgetId, max_budget = 5 });

        var deleted = await (await Admin.PostJson("/budget/delete", new { id = budgetId })).Expect(200);

        Assert.That(deleted["budget_id"]!.GetValue<string>(), Is.EqualTo(budgetId));
        Assert.That(deleted["max_budget"]!.GetValue<double>(), Is.EqualTo(5));
        Assert.That(await (await Admin.PostJson("/budget/info", new { budgets = new[] { budgetId } })).ExpectArray(200), Is.Empty);
        var audit = await Api.AuditRowsFor(budgetId);
        var row = audit.Single(r => r!["action"]!.GetValue<string>() == "deleted")!;
        Assert.That(row["before_value"]!["max_budget"]!.GetValue<double>(), Is.EqualTo(5));
        Assert.That(row["updated_values"], Is.Null);
        var again = await (await Admin.PostJson("/budget/delete", new { id = budgetId })).Expect(404);
        Assert.That(again.ErrorParam(), Is.EqualTo("id"));
    }

    [Test]
    public async Task AdminViewersReadButDoNotWriteAndOtherRolesDoNeither()
    {
        var budgetId = Api.UniqueId("budget");
        await NewBudget(new { budget_id = budgetId, max_budget = 5 });
        var (_, viewer) = await UserWithRole("proxy_admin_viewer");
        var teamId = await NewTeam();
        var (_, teamAdmin) = await Member(teamId, "admin");

        await (await viewer.GetAsync("/budget/list")).ExpectArray(200);
        await (await viewer.PostJson("/budget/info", new { budgets = new[] { budgetId } })).ExpectArray(200);
        await (await viewer.GetAsync($"/budget/settings?budget_id={budgetId}")).ExpectArray(200);
        foreach (var (client, who) in new[] { (viewer, "an admin viewer"), (teamAdmin, "a team admin") })
        {
            await (await client.PostJson("/budget/new", new { max_budget = 1 })).Expect(403);
            await (await client.PostJson("/budget/update", new { budget_id = budgetId, max_budget = 500 })).Expect(403);
            await (await client.PostJson("/budget/delete", new { id = budgetId })).Expect(403);
            Assert.That((await Read(budgetId))["max_budget"]!.GetValue<double>(), Is.EqualTo(5), who);
        }

        await (await teamAdmin.GetAsync("/budget/list")).Expect(403);
        await (await teamAdmin.GetAsync($"/budget/settings?budget_id={budgetId}")).Expect(403);
    }

    private static async Task<JsonObject> Read(string budgetId) =>
        (await (await Admin.PostJson("/budget/info", new { budgets = new[] { budgetId } })).ExpectArray(200)).Single()!.AsObject();
}
