using System.Text.Json.Nodes;
using static ProxyAdmin.Api.FunctionalTests.ProjectApi;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// The project rules of issue 4 over HTTP (as the proxy admin unless said otherwise): fields and shapes,
/// limits against the team, budget rows, metadata, batch delete, lists, keys, the audit trail, and the
/// README walk-through. Who may do what is in <see cref="ProjectAccessTests"/>.
/// </summary>
public sealed class ProjectRuleTests
{
    private static readonly string[] BudgetFields =
        ["max_budget", "soft_budget", "tpm_limit", "rpm_limit", "max_parallel_requests", "model_max_budget", "budget_duration"];

    /// <summary>Request fields that live only in metadata; <c>model_rpm_limit</c>/<c>model_tpm_limit</c> are also LiteLLM_ProjectTable fields.</summary>
    private static readonly string[] MetadataFields = ["tags", "guardrails", "policies"];

    // ---------------------------------------------------------------- create: fields and shape

    [Test]
    public async Task CreateWithoutATeamIdIs400AndWritesNothing()
    {
        var projectId = Api.UniqueId("proj");

        var missing = await (await Admin.PostJson("/project/new", new { project_id = projectId, project_alias = "x" })).Expect(400);
        var empty = await (await Admin.PostJson("/project/new", new { project_id = projectId, team_id = "" })).Expect(400);

        Assert.That(missing.ErrorParam(), Is.EqualTo("team_id"));
        Assert.That(empty.ErrorParam(), Is.EqualTo("team_id"));
        await ExpectMissing(projectId);
    }

    [Test]
    public async Task CreateUnderAnUnknownTeamIs404WithTheSeedsMessage()
    {
        var teamId = Api.UniqueId("no-team");
        var projectId = Api.UniqueId("proj");

        var body = await (await Admin.PostJson("/project/new", new { project_id = projectId, team_id = teamId })).Expect(404);

        Assert.That(body.ErrorMessage(), Is.EqualTo($"Team not found, team_id={teamId}"));
        Assert.That(body.ErrorParam(), Is.EqualTo("team_id"));
        Assert.That(body.ErrorType(), Is.EqualTo("not_found_error"));
        await ExpectMissing(projectId);
    }

    [Test]
    public async Task AnAbsentProjectIdBecomesAUuidAndAChosenOneIsKept()
    {
        var teamId = await NewTeam();
        var chosen = Api.UniqueId("proj");

        var generated = await NewProject(new { team_id = teamId });
        var named = await NewProject(new { team_id = teamId, project_id = chosen });

        Assert.That(Guid.TryParse(Id(generated), out _), Is.True, Id(generated));
        Assert.That(Id(named), Is.EqualTo(chosen));
        Assert.That(Id(await Info(chosen)), Is.EqualTo(chosen));
    }

    [Test]
    public async Task ADuplicateProjectIdIs409AndLeavesTheFirstAlone()
    {
        var teamId = await NewTeam();
        var otherTeam = await NewTeam();
        var projectId = Api.UniqueId("proj");
        await NewProject(new { team_id = teamId, project_id = projectId, project_alias = "first", max_budget = 5 });

        var body = await (await Admin.PostJson("/project/new", new { team_id = otherTeam, project_id = projectId, project_alias = "second", max_budget = 7 })).Expect(409);

        Assert.That(body.ErrorMessage(), Is.EqualTo($"Project id = {projectId} already exists. Please use a different project id."));
        Assert.That(body.ErrorParam(), Is.EqualTo("project_id"));
        var stored = await Info(projectId);
        Assert.That(stored["project_alias"]!.GetValue<string>(), Is.EqualTo("first"));
        Assert.That(stored["team_id"]!.GetValue<string>(), Is.EqualTo(teamId));
        Assert.That(stored["litellm_budget_table"]!["max_budget"]!.GetValue<double>(), Is.EqualTo(5));
    }

    [Test]
    public async Task TheResponseIsTheStoredRowWithBudgetRowObjectPermissionAndMetadataFields()
    {
        var teamId = await NewTeam();

        var created = await NewProject(new
        {
            team_id = teamId,
            project_alias = "full",
            description = "every field",
            models = new[] { "gpt-4" },
            blocked = true,
            max_budget = 50.5,
            soft_budget = 10,
            tpm_limit = 1000,
            rpm_limit = 10,
            max_parallel_requests = 3,
            model_max_budget = new Dictionary<string, object> { ["gpt-4"] = 5, ["claude-3"] = new { max_budget = 2, budget_duration = "1d" } },
            budget_duration = "30d",
            model_rpm_limit = new Dictionary<string, int> { ["gpt-4"] = 7 },
            model_tpm_limit = new Dictionary<string, int> { ["gpt-4"] = 70 },
            tags = new[] { "prod" },
            guardrails = new[] { "pii" },
            policies = new[] { "p1" },
            metadata = new { owner = "ops" },
            object_permission = new { vector_stores = new[] { "vs-1" }, mcp_servers = new[] { "mcp-1" } },
        });

        var budget = created["litellm_budget_table"]!;
        var permission = created["object_permission"]!;
        var metadata = created["metadata"]!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(created["description"]!.GetValue<string>(), Is.EqualTo("every field"));
            Assert.That(created["blocked"]!.GetValue<bool>(), Is.True);
            Assert.That(created["spend"]!.GetValue<double>(), Is.Zero);
            Assert.That(created["created_by"]!.GetValue<string>(), Is.EqualTo("default_user_id"));
            Assert.That(created["updated_by"]!.GetValue<string>(), Is.EqualTo("default_user_id"));
            Assert.That(created["created_at"], Is.Not.Null);
            Assert.That(created["updated_at"], Is.Not.Null);

            Assert.That(created["budget_id"]!.GetValue<string>(), Is.EqualTo(budget["budget_id"]!.GetValue<string>()));
            Assert.That(budget["max_budget"]!.GetValue<double>(), Is.EqualTo(50.5));
            Assert.That(budget["soft_budget"]!.GetValue<double>(), Is.EqualTo(10));
            Assert.That(budget["tpm_limit"]!.GetValue<long>(), Is.EqualTo(1000));
            Assert.That(budget["rpm_limit"]!.GetValue<long>(), Is.EqualTo(10));
            Assert.That(budget["max_parallel_requests"]!.GetValue<int>(), Is.EqualTo(3));
            Assert.That(budget["model_max_budget"]!["gpt-4"]!.GetValue<double>(), Is.EqualTo(5));
            Assert.That(budget["model_max_budget"]!["claude-3"]!.ToJsonString(), Is.EqualTo("""{"max_budget":2,"budget_duration":"1d"}"""));
            Assert.That(budget["budget_duration"]!.GetValue<string>(), Is.EqualTo("30d"));
            Assert.That(budget["created_by"]!.GetValue<string>(), Is.EqualTo("default_user_id"));

            Assert.That(created["object_permission_id"]!.GetValue<string>(), Is.EqualTo(permission["object_permission_id"]!.GetValue<string>()));
            Assert.That(permission["vector_stores"]!.AsArray().Select(v => v!.GetValue<string>()), Is.EqualTo(new[] { "vs-1" }));
            Assert.That(permission["mcp_servers"]!.AsArray().Select(v => v!.GetValue<string>()), Is.EqualTo(new[] { "mcp-1" }));

            Assert.That(metadata["owner"]!.GetValue<string>(), Is.EqualTo("ops"));
            Assert.That(metadata["model_rpm_limit"]!["gpt-4"]!.GetValue<int>(), Is.EqualTo(7));
            Assert.That(metadata["model_tpm_limit"]!["gpt-4"]!.GetValue<int>(), Is.EqualTo(70));
            Assert.That(metadata["tags"]!.ToJsonString(), Is.EqualTo("""["prod"]"""));
            Assert.That(metadata["guardrails"]!.ToJsonString(), Is.EqualTo("""["pii"]"""));
            Assert.That(metadata["policies"]!.ToJsonString(), Is.EqualTo("""["p1"]"""));

            foreach (var field in BudgetFields.Concat(MetadataFields))
            {
                Assert.That(created.ContainsKey(field), Is.False, $"'{field}' lives in the budget row or metadata, not on the project");
            }

            Assert.That(JsonNode.DeepEquals(created["model_rpm_limit"], metadata["model_rpm_limit"]), Is.True, "the project field shows the limits metadata holds");
            Assert.That(JsonNode.DeepEquals(created["model_tpm_limit"], metadata["model_tpm_limit"]), Is.True);
            Assert.That(created["model_spend"]!.ToJsonString(), Is.EqualTo("{}"));
        });

        var stored = await Info(Id(created));
        Assert.That(JsonNode.DeepEquals(stored, created), Is.True, $"stored: {stored.ToJsonString()}\ncreated: {created.ToJsonString()}");
    }

    [Test]
    public async Task TwoProjectsGetTwoBudgetRowsAndTwoPermissionRows()
    {
        var teamId = await NewTeam();

        var first = await NewProject(new { team_id = teamId, max_budget = 1, object_permission = new { models = new[] { "a" } } });
        var second = await NewProject(new { team_id = teamId, max_budget = 2, object_permission = new { models = new[] { "b" } } });

        Assert.That(second["budget_id"]!.GetValue<string>(), Is.Not.EqualTo(first["budget_id"]!.GetValue<string>()));
        Assert.That(second["object_permission_id"]!.GetValue<string>(), Is.Not.EqualTo(first["object_permission_id"]!.GetValue<string>()));
        Assert.That((await Info(Id(first)))["litellm_budget_table"]!["max_budget"]!.GetValue<double>(), Is.EqualTo(1));
    }

    // ---------------------------------------------------------------- create: budget values and team limits

    [TestCase("""{"soft_budget": -1}""", "soft_budget", "soft_budget cannot be negative. Received: -1")]
    [TestCase("""{"max_budget": 50, "soft_budget": 60}""", "soft_budget", "soft_budget (60) must be strictly lower than max_budget (50)")]
    [TestCase("""{"tpm_limit": -1}""", "tpm_limit", "tpm_limit cannot be negative")]
    [TestCase("""{"rpm_limit": -1}""", "rpm_limit", "rpm_limit cannot be negative")]
    [TestCase("""{"max_parallel_requests": -1}""", "max_parallel_requests", "max_parallel_requests cannot be negative")]
    [TestCase("""{"budget_duration": "soon"}""", "budget_duration", "budget_duration")]
    public async Task BadBudgetValuesAre400AndWriteNothing(string fields, string param, string message)
    {
        var teamId = await NewTeam();
        var projectId = Api.UniqueId("proj");
        var body = JsonNode.Parse(fields)!.AsObject();
        body["team_id"] = teamId;
        body["project_id"] = projectId;

        var error = await (await Admin.PostJson("/project/new", body)).Expect(400);

        Assert.That(error.ErrorParam(), Is.EqualTo(param));
        Assert.That(error.ErrorMessage(), Does.Contain(message));
        await ExpectMissing(projectId);
    }

    [Test]
    public async Task TheModelCheckNamesTheFirstOffendingModelAndTheTeamsListAsTheSeedDoes()
    {
        var teamId = await NewTeam(new { models = new[] { "gpt-4", "gpt-3.5-turbo" } });
        var projectId = Api.UniqueId("proj");

        var body = await (await Admin.PostJson("/project/new", new { team_id = teamId, project_id = projectId, models = new[] { "gpt-4", "claude-3", "llama" } })).Expect(400);

        Assert.That(body.ErrorMessage(), Is.EqualTo($"Model 'claude-3' not in team's allowed models. Team allowed models=['gpt-4', 'gpt-3.5-turbo']. Team: {teamId}"));
        Assert.That(body.ErrorParam(), Is.EqualTo("models"));
        await ExpectMissing(projectId);
    }

    [Test]
    public async Task ATeamWithoutAModelListOrLimitsRestrictsNothing()
    {
        var teamId = await NewTeam();

        var project = await NewProject(new { team_id = teamId, models = new[] { "any-model", "another" }, max_budget = 1_000_000, tpm_limit = 10_000_000, rpm_limit = 100_000 });

        Assert.That(project["models"]!.AsArray().Select(m => m!.GetValue<string>()), Is.EqualTo(new[] { "any-model", "another" }));
    }

    [Test]
    public async Task LimitsEqualToTheTeamsAreAllowedAndOneAboveIsNot()
    {
        var teamId = await NewTeam(new { max_budget = 100, tpm_limit = 1000, rpm_limit = 10 });

        await NewProject(new { team_id = teamId, max_budget = 100, tpm_limit = 1000, rpm_limit = 10 });
        var rpm = await (await Admin.PostJson("/project/new", new { team_id = teamId, rpm_limit = 11 })).Expect(400);
        var budget = await (await Admin.PostJson("/project/new", new { team_id = teamId, max_budget = 100.5 })).Expect(400);

        Assert.That(rpm.ErrorMessage(), Is.EqualTo($"Project rpm_limit (11) exceeds team's rpm_limit (10). Team: {teamId}"));
        Assert.That(rpm.ErrorParam(), Is.EqualTo("rpm_limit"));
        Assert.That(budget.ErrorMessage(), Is.EqualTo($"Project max_budget (100.5) exceeds team's max_budget (100). Team: {teamId}"));
        Assert.That(budget.ErrorParam(), Is.EqualTo("max_budget"));
    }

    [TestCase("""{"max_budget": 1e400}""", "max_budget")]
    [TestCase("""{"soft_budget": -1e400}""", "soft_budget")]
    [TestCase("""{"max_budget": "Infinity"}""", "max_budget")]
    [TestCase("""{"max_budget": "NaN"}""", "max_budget")]
    [TestCase("""{"tpm_limit": 1e30}""", "tpm_limit")]
    [TestCase("""{"rpm_limit": 99999999999999999999999}""", "rpm_limit")]
    [TestCase("""{"max_parallel_requests": 1.5}""", "max_parallel_requests")]
    public async Task NonFiniteOrOutOfRangeNumbersAre400NeverA500(string fields, string param)
    {
        var teamId = await NewTeam();
        var projectId = Api.UniqueId("proj");
        var json = fields.Insert(1, $"\"team_id\": \"{teamId}\", \"project_id\": \"{projectId}\", ");

        var body = await (await PostRaw(Admin, "/project/new", json)).Expect(400);

        Assert.That(body.ErrorParam(), Is.EqualTo(param));
        await ExpectMissing(projectId);
    }

    [TestCase("""{"max_budget": 1e400}""", "max_budget")]
    [TestCase("""{"soft_budget": "NaN"}""", "soft_budget")]
    [TestCase("""{"model_max_budget": {"gpt-4": 1e400}}""", "model_max_budget")]
    [TestCase("""{"temp_budget_increase": 1e400}""", "temp_budget_increase")]
    public async Task NonFiniteNumbersOnUpdateAre400AndChangeNothing(string fields, string param)
    {
        var teamId = await NewTeam();
        var projectId = Id(await NewProject(new { team_id = teamId, max_budget = 5 }));
        var json = fields.Insert(1, $"\"project_id\": \"{projectId}\", ");

        var body = await (await PostRaw(Admin, "/project/update", json)).Expect(400);

        Assert.That(body.ErrorParam(), Is.EqualTo(param));
        Assert.That((await Info(projectId))["litellm_budget_table"]!["max_budget"]!.GetValue<double>(), Is.EqualTo(5));
    }

    [TestCase("""{"models": "gpt-4"}""")]
    [TestCase("""{"metadata": [1, 2]}""")]
    [TestCase("""{"blocked": "sometimes"}""")]
    [TestCase("""{"object_permission": "all"}""")]
    [TestCase("""{"tags": "prod"}""")]
    [TestCase("""{"model_rpm_limit": {"gpt-4": "fast"}}""")]
    public async Task WronglyTypedFieldsAre400(string fields)
    {
        var teamId = await NewTeam();
        var json = fields.Insert(1, $"\"team_id\": \"{teamId}\", ");

        var body = await (await PostRaw(Admin, "/project/new", json)).Expect(400);

        Assert.That(body.ErrorType(), Is.EqualTo("bad_request_error"));
    }

    // ---------------------------------------------------------------- budget_id

    [Test]
    public async Task BudgetIdWithBudgetFieldsIs400OnCreateAndUpdate()
    {
        var teamId = await NewTeam();
        var existing = await NewProject(new { team_id = teamId, max_budget = 5 });
        var budgetId = existing["budget_id"]!.GetValue<string>();
        var projectId = Api.UniqueId("proj");

        var create = await (await Admin.PostJson("/project/new", new { team_id = teamId, project_id = projectId, budget_id = budgetId, max_budget = 3 })).Expect(400);
        var update = await (await Admin.PostJson("/project/update", new { project_id = Id(existing), budget_id = budgetId, tpm_limit = 3 })).Expect(400);

        Assert.That(create.ErrorParam(), Is.EqualTo("budget_id"));
        Assert.That(update.ErrorParam(), Is.EqualTo("budget_id"));
        await ExpectMissing(projectId);
        var stored = (await Info(Id(existing)))["litellm_budget_table"]!;
        Assert.That(stored["max_budget"]!.GetValue<double>(), Is.EqualTo(5));
        Assert.That(stored["tpm_limit"], Is.Null);
    }

    [Test]
    public async Task AnUnknownBudgetIdIs404OnCreateAndUpdate()
    {
        var teamId = await NewTeam();
        var existing = await NewProject(new { team_id = teamId });
        var projectId = Api.UniqueId("proj");
        var budgetId = Api.UniqueId("budget");

        var create = await (await Admin.PostJson("/project/new", new { team_id = teamId, project_id = projectId, budget_id = budgetId })).Expect(404);
        var update = await (await Admin.PostJson("/project/update", new { project_id = Id(existing), budget_id = budgetId })).Expect(404);

        Assert.That(create.ErrorMessage(), Is.EqualTo($"Budget not found, budget_id={budgetId}"));
        Assert.That(create.ErrorParam(), Is.EqualTo("budget_id"));
        Assert.That(update.ErrorParam(), Is.EqualTo("budget_id"));
        await ExpectMissing(projectId);
        Assert.That((await Info(Id(existing)))["budget_id"]!.GetValue<string>(), Is.EqualTo(existing["budget_id"]!.GetValue<string>()));
    }

    [Test]
    public async Task ABudgetIdLinksAnExistingRowWhoseLimitsAreCheckedAgainstTheTeam()
    {
        var teamId = await NewTeam();
        var smallTeam = await NewTeam(new { max_budget = 30 });
        var owner = await NewProject(new { team_id = teamId, max_budget = 40 });
        var budgetId = owner["budget_id"]!.GetValue<string>();

        var linked = await NewProject(new { team_id = teamId, budget_id = budgetId });
        var tooBig = await (await Admin.PostJson("/project/new", new { team_id = smallTeam, budget_id = budgetId })).Expect(400);

        Assert.That(linked["budget_id"]!.GetValue<string>(), Is.EqualTo(budgetId));
        Assert.That(linked["litellm_budget_table"]!["max_budget"]!.GetValue<double>(), Is.EqualTo(40));
        Assert.That(tooBig.ErrorMessage(), Does.Contain("exceeds team's max_budget (30)"));
    }

    [Test]
    public async Task UpdateCanRelinkAProjectToAnotherBudgetRow()
    {
        var teamId = await NewTeam();
        var source = await NewProject(new { team_id = teamId, max_budget = 12 });
        var target = await NewProject(new { team_id = teamId, max_budget = 1 });

        var updated = await (await Admin.PostJson("/project/update", new { project_id = Id(target), budget_id = source["budget_id"]!.GetValue<string>() })).Expect(200);

        Assert.That(updated["budget_id"]!.GetValue<string>(), Is.EqualTo(source["budget_id"]!.GetValue<string>()));
        Assert.That((await Info(Id(target)))["litellm_budget_table"]!["max_budget"]!.GetValue<double>(), Is.EqualTo(12));
    }

    [Test]
    public async Task BudgetFieldsOnAProjectWithoutABudgetRowCreateAndLinkOne()
    {
        var teamId = await NewTeam();
        var projectId = Id(await NewProject(new { team_id = teamId }));
        // Every project created through the API gets a budget row; one without (imported from LiteLLM,
        // where budget_id is optional) can only be made in the database.
        Assert.That(await Service.App.Database.Execute("""UPDATE "Projects" SET "BudgetId" = NULL WHERE "ProjectId" = @id""", ("@id", projectId)), Is.EqualTo(1));

        var bare = await Info(projectId);
        Assert.That(bare["budget_id"], Is.Null);
        Assert.That(bare["litellm_budget_table"], Is.Null);

        var updated = await (await Admin.PostJson("/project/update", new { project_id = projectId, max_budget = 25, rpm_limit = 4 })).Expect(200);

        var stored = await Info(projectId);
        Assert.That(updated["budget_id"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty);
        Assert.That(stored["budget_id"]!.GetValue<string>(), Is.EqualTo(updated["budget_id"]!.GetValue<string>()));
        Assert.That(stored["litellm_budget_table"]!["max_budget"]!.GetValue<double>(), Is.EqualTo(25));
        Assert.That(stored["litellm_budget_table"]!["rpm_limit"]!.GetValue<long>(), Is.EqualTo(4));
    }

    // ---------------------------------------------------------------- update

    [Test]
    public async Task UpdateWithoutAProjectIdIs400AndAnUnknownOneIs404()
    {
        var unknown = Api.UniqueId("proj");

        var missing = await (await Admin.PostJson("/project/update", new { project_alias = "x" })).Expect(400);
        var notFound = await (await Admin.PostJson("/project/update", new { project_id = unknown, project_alias = "x" })).Expect(404);

        Assert.That(missing.ErrorParam(), Is.EqualTo("project_id"));
        Assert.That(notFound.ErrorMessage(), Is.EqualTo($"Project not found, project_id={unknown}"));
        Assert.That(notFound.ErrorParam(), Is.EqualTo("project_id"));
    }

    [Test]
    public async Task UpdateChecksTheResultingLimitsAgainstTheTeamAndARefusalChangesNothing()
    {
        var teamId = await NewTeam(new { models = new[] { "gpt-4" }, max_budget = 50, tpm_limit = 100 });
        var projectId = Id(await NewProject(new { team_id = teamId, project_alias = "before", models = new[] { "gpt-4" }, max_budget = 10 }));

        var budget = await (await Admin.PostJson("/project/update", new { project_id = projectId, project_alias = "after", max_budget = 60 })).Expect(400);
        var models = await (await Admin.PostJson("/project/update", new { project_id = projectId, project_alias = "after", models = new[] { "claude-3" } })).Expect(400);
        var tpm = await (await Admin.PostJson("/project/update", new { project_id = projectId, project_alias = "after", tpm_limit = 101 })).Expect(400);
        var soft = await (await Admin.PostJson("/project/update", new { project_id = projectId, project_alias = "after", soft_budget = 10 })).Expect(400);

        Assert.That(budget.ErrorMessage(), Is.EqualTo($"Project max_budget (60) exceeds team's max_budget (50). Team: {teamId}"));
        Assert.That(models.ErrorMessage(), Does.StartWith("Model 'claude-3' not in team's allowed models."));
        Assert.That(tpm.ErrorMessage(), Is.EqualTo($"Project tpm_limit (101) exceeds team's tpm_limit (100). Team: {teamId}"));
        Assert.That(soft.ErrorMessage(), Is.EqualTo("soft_budget (10) must be strictly lower than max_budget (10)"), "the stored max_budget counts");
        var stored = await Info(projectId);
        Assert.That(stored["project_alias"]!.GetValue<string>(), Is.EqualTo("before"));
        Assert.That(stored["models"]!.AsArray().Select(m => m!.GetValue<string>()), Is.EqualTo(new[] { "gpt-4" }));
        Assert.That(stored["litellm_budget_table"]!["max_budget"]!.GetValue<double>(), Is.EqualTo(10));
        Assert.That(stored["litellm_budget_table"]!["tpm_limit"], Is.Null);
        Assert.That(stored["litellm_budget_table"]!["soft_budget"], Is.Null);
    }

    [Test]
    public async Task UpdateKeepsMetadataKeysItDoesNotNameAndANullRemovesOne()
    {
        var teamId = await NewTeam();
        var projectId = Id(await NewProject(new { team_id = teamId, metadata = new { owner = "x", cost_center = "cc-1" }, model_rpm_limit = new Dictionary<string, int> { ["gpt-4"] = 1 } }));

        var limits = await (await Admin.PostJson("/project/update", new { project_id = projectId, model_rpm_limit = new Dictionary<string, int> { ["gpt-4"] = 2 }, guardrails = new[] { "pii" } })).Expect(200);
        var removed = await (await PostRaw(Admin, "/project/update", $$$"""{"project_id": "{{{projectId}}}", "metadata": {"cost_center": null, "team": "blue"}}""")).Expect(200);

        Assert.That(limits["metadata"]!.ToJsonString(), Is.EqualTo("""{"owner":"x","cost_center":"cc-1","model_rpm_limit":{"gpt-4":2},"guardrails":["pii"]}"""));
        Assert.That(removed["metadata"]!.ToJsonString(), Is.EqualTo("""{"owner":"x","model_rpm_limit":{"gpt-4":2},"guardrails":["pii"],"team":"blue"}"""));
        Assert.That((await Info(projectId))["metadata"]!.ToJsonString(), Is.EqualTo(removed["metadata"]!.ToJsonString()));
    }

    [Test]
    public async Task UpdateChangesOnlyTheFieldsSentAndCanUnblock()
    {
        var teamId = await NewTeam();
        var created = await NewProject(new { team_id = teamId, project_alias = "a", description = "d", models = new[] { "m" }, blocked = true, max_budget = 9, tpm_limit = 90 });
        var projectId = Id(created);

        var updated = await (await Admin.PostJson("/project/update", new { project_id = projectId, blocked = false })).Expect(200);

        Assert.Multiple(() =>
        {
            Assert.That(updated["blocked"]!.GetValue<bool>(), Is.False);
            Assert.That(updated["project_alias"]!.GetValue<string>(), Is.EqualTo("a"));
            Assert.That(updated["description"]!.GetValue<string>(), Is.EqualTo("d"));
            Assert.That(updated["models"]!.AsArray().Select(m => m!.GetValue<string>()), Is.EqualTo(new[] { "m" }));
            Assert.That(updated["team_id"]!.GetValue<string>(), Is.EqualTo(teamId));
            Assert.That(updated["litellm_budget_table"]!["max_budget"]!.GetValue<double>(), Is.EqualTo(9));
            Assert.That(updated["litellm_budget_table"]!["tpm_limit"]!.GetValue<long>(), Is.EqualTo(90));
            Assert.That(updated["created_at"]!.GetValue<string>(), Is.EqualTo(created["created_at"]!.GetValue<string>()));
            Assert.That(updated["created_by"]!.GetValue<string>(), Is.EqualTo("default_user_id"));
        });
        Assert.That((await Info(projectId))["blocked"]!.GetValue<bool>(), Is.False);
    }

    [Test]
    public async Task UpdateCreatesAnObjectPermissionAndThenChangesTheSameRow()
    {
        var teamId = await NewTeam();
        var projectId = Id(await NewProject(new { team_id = teamId }));

        var first = await (await Admin.PostJson("/project/update", new { project_id = projectId, object_permission = new { vector_stores = new[] { "vs-1" }, agents = new[] { "ag-1" } } })).Expect(200);
        var second = await (await Admin.PostJson("/project/update", new { project_id = projectId, object_permission = new { vector_stores = new[] { "vs-2" } } })).Expect(200);

        var permissionId = first["object_permission_id"]!.GetValue<string>();
        Assert.That(first["object_permission"]!["object_permission_id"]!.GetValue<string>(), Is.EqualTo(permissionId));
        Assert.That(second["object_permission_id"]!.GetValue<string>(), Is.EqualTo(permissionId));
        var stored = (await Info(projectId))["object_permission"]!;
        Assert.That(stored["vector_stores"]!.AsArray().Select(v => v!.GetValue<string>()), Is.EqualTo(new[] { "vs-2" }));
        Assert.That(stored["agents"]!.AsArray().Select(v => v!.GetValue<string>()), Is.EqualTo(new[] { "ag-1" }), "lists not sent stay");
    }

    [Test]
    public async Task MovingAProjectChecksTheDestinationTeam()
    {
        var source = await NewTeam();
        var roomy = await NewTeam(new { max_budget = 100, models = new[] { "gpt-4" } });
        var tight = await NewTeam(new { max_budget = 5 });
        var narrow = await NewTeam(new { models = new[] { "claude-3" } });
        var projectId = Id(await NewProject(new { team_id = source, max_budget = 10, models = new[] { "gpt-4" } }));
        var unknown = Api.UniqueId("no-team");

        var overBudget = await (await Admin.PostJson("/project/update", new { project_id = projectId, team_id = tight })).Expect(400);
        var badModels = await (await Admin.PostJson("/project/update", new { project_id = projectId, team_id = narrow })).Expect(400);
        var missing = await (await Admin.PostJson("/project/update", new { project_id = projectId, team_id = unknown })).Expect(404);
        Assert.That((await Info(projectId))["team_id"]!.GetValue<string>(), Is.EqualTo(source));

        var moved = await (await Admin.PostJson("/project/update", new { project_id = projectId, team_id = roomy })).Expect(200);

        Assert.That(overBudget.ErrorMessage(), Is.EqualTo($"Project max_budget (10) exceeds team's max_budget (5). Team: {tight}"));
        Assert.That(badModels.ErrorMessage(), Does.Contain($"Team: {narrow}"));
        Assert.That(missing.ErrorMessage(), Is.EqualTo($"Team not found, team_id={unknown}"));
        Assert.That(moved["team_id"]!.GetValue<string>(), Is.EqualTo(roomy));
        Assert.That((await Info(projectId))["team_id"]!.GetValue<string>(), Is.EqualTo(roomy));
    }

    [Test]
    public async Task AProjectWithKeysCannotMoveToAnotherTeam()
    {
        var source = await NewTeam();
        var destination = await NewTeam();
        var projectId = Id(await NewProject(new { team_id = source }));
        await Api.GenerateKey(Admin, new { project_id = projectId });

        var body = await (await Admin.PostJson("/project/update", new { project_id = projectId, team_id = destination })).Expect(409);

        Assert.That(body.ErrorParam(), Is.EqualTo("team_id"));
        Assert.That((await Info(projectId))["team_id"]!.GetValue<string>(), Is.EqualTo(source));
    }

    // ---------------------------------------------------------------- delete

    [Test]
    public async Task DeleteReturnsEveryDeletedRowAndRemovesTheirBudgetRows()
    {
        var teamId = await NewTeam();
        var first = await NewProject(new { team_id = teamId, max_budget = 1 });
        var second = await NewProject(new { team_id = teamId, max_budget = 2, object_permission = new { models = new[] { "x" } } });

        var deleted = await (await Delete(Admin, Id(second), Id(first), Id(second))).ExpectArray(200);

        Assert.That(deleted.Ids(), Is.EqualTo(new[] { Id(second), Id(first) }));
        Assert.That(deleted[0]!["litellm_budget_table"]!["max_budget"]!.GetValue<double>(), Is.EqualTo(2));
        Assert.That(deleted[0]!["object_permission"]!["models"]!.AsArray().Select(m => m!.GetValue<string>()), Is.EqualTo(new[] { "x" }));
        await ExpectMissing(Id(first));
        await ExpectMissing(Id(second));
        var relink = await (await Admin.PostJson("/project/new", new { team_id = teamId, budget_id = first["budget_id"]!.GetValue<string>() })).Expect(404);
        Assert.That(relink.ErrorParam(), Is.EqualTo("budget_id"), "the deleted project's budget row went with it");
    }

    [Test]
    public async Task ABudgetRowSharedWithAnotherProjectSurvivesTheDelete()
    {
        var teamId = await NewTeam();
        var owner = await NewProject(new { team_id = teamId, max_budget = 3 });
        var sharer = await NewProject(new { team_id = teamId, budget_id = owner["budget_id"]!.GetValue<string>() });

        await (await Delete(Admin, Id(owner))).ExpectArray(200);

        var stored = await Info(Id(sharer));
        Assert.That(stored["litellm_budget_table"]!["budget_id"]!.GetValue<string>(), Is.EqualTo(owner["budget_id"]!.GetValue<string>()));
        Assert.That(stored["litellm_budget_table"]!["max_budget"]!.GetValue<double>(), Is.EqualTo(3));
    }

    [Test]
    public async Task DeleteChecksEveryIdBeforeDeletingAnyAndSaysWhichFailed()
    {
        var teamId = await NewTeam();
        var free = Id(await NewProject(new { team_id = teamId }));
        var alsoFree = Id(await NewProject(new { team_id = teamId }));
        var withKeys = Id(await NewProject(new { team_id = teamId }));
        await Api.GenerateKey(Admin, new { project_id = withKeys });
        await Api.GenerateKey(Admin, new { project_id = withKeys });
        var missing = Api.UniqueId("proj");

        var notFound = await (await Delete(Admin, free, alsoFree, missing)).Expect(404);
        var conflict = await (await Delete(Admin, free, withKeys, alsoFree)).Expect(409);

        Assert.That(notFound.ErrorMessage(), Is.EqualTo($"Project not found, project_id={missing}"));
        Assert.That(notFound.ErrorParam(), Is.EqualTo("project_ids"));
        Assert.That(conflict.ErrorMessage(), Is.EqualTo($"Cannot delete project {withKeys}. 2 key(s) are associated with it. Please delete or reassign the keys first."));
        Assert.That(conflict.ErrorParam(), Is.EqualTo("project_ids"));
        foreach (var projectId in new[] { free, alsoFree, withKeys })
        {
            await Info(projectId);
        }

        Assert.That((await AuditRows(free)).Select(r => r["action"]!.GetValue<string>()), Is.EqualTo(new[] { "created" }), "a refused delete writes no audit row");
    }

    [TestCase("""{"project_ids": []}""", "project_ids")]
    [TestCase("""{"project_ids": [""]}""", "project_ids[0]")]
    [TestCase("""{}""", "project_ids")]
    [TestCase("""{"project_ids": "p-1"}""", "project_ids")]
    public async Task ABadDeleteBodyIs400(string json, string param)
    {
        var body = await (await DeleteRaw(Admin, json)).Expect(400);

        Assert.That(body.ErrorParam(), Is.EqualTo(param));
    }

    // ---------------------------------------------------------------- info and lists

    [Test]
    public async Task InfoWithoutAProjectIdIs400AndAnUnknownOneIs404()
    {
        var unknown = Api.UniqueId("proj");

        var missing = await (await Admin.GetAsync("/project/info")).Expect(400);
        var notFound = await (await Admin.GetAsync($"/project/info?project_id={unknown}")).Expect(404);

        Assert.That(missing.ErrorParam(), Is.EqualTo("project_id"));
        Assert.That(notFound.ErrorMessage(), Is.EqualTo($"Project not found, project_id={unknown}"));
    }

    [Test]
    public async Task TheAdminsListIsAnArrayOfEveryTeamsProjectsAndTeamIdNarrowsIt()
    {
        var teamA = await NewTeam();
        var teamB = await NewTeam();
        var a1 = await NewProject(new { team_id = teamA, max_budget = 4 });
        var b1 = Id(await NewProject(new { team_id = teamB }));
        var a2 = Id(await NewProject(new { team_id = teamA }));

        var all = await (await Admin.GetAsync("/project/list")).ExpectArray(200);
        var onlyA = await (await Admin.GetAsync($"/project/list?team_id={teamA}")).ExpectArray(200);
        var none = await (await Admin.GetAsync($"/project/list?team_id={Api.UniqueId("no-team")}")).ExpectArray(200);

        Assert.That(all.Ids(), Is.SupersetOf(new[] { Id(a1), b1, a2 }));
        Assert.That(onlyA.Ids(), Is.EqualTo(new[] { Id(a1), a2 }), "oldest first");
        Assert.That(none, Is.Empty);
        var listed = onlyA[0]!.AsObject();
        Assert.That(JsonNode.DeepEquals(listed, a1), Is.True, $"listed: {listed.ToJsonString()}\ncreated: {a1.ToJsonString()}");
    }

    [Test]
    public async Task TheV2ListPagesFiltersByTeamAndSearchesAliases()
    {
        var teamId = await NewTeam();
        var otherTeam = await NewTeam();
        var marker = Api.UniqueId("alias");
        var ids = new List<string>();
        foreach (var alias in new[] { $"{marker}-one", $"{marker}-two", "unrelated", $"{marker}-three" })
        {
            ids.Add(Id(await NewProject(new { team_id = teamId, project_alias = alias })));
        }

        await NewProject(new { team_id = otherTeam, project_alias = $"{marker}-elsewhere" });

        var first = await (await Admin.GetAsync($"/v2/project/list?team_id={teamId}&page=1&page_size=3")).Expect(200);
        var second = await (await Admin.GetAsync($"/v2/project/list?team_id={teamId}&page=2&page_size=3")).Expect(200);
        var beyond = await (await Admin.GetAsync($"/v2/project/list?team_id={teamId}&page=5&page_size=3")).Expect(200);
        var searched = await (await Admin.GetAsync($"/v2/project/list?team_id={teamId}&search={marker}")).Expect(200);
        var searchedEverywhere = await (await Admin.GetAsync($"/v2/project/list?search={marker}")).Expect(200);
        var defaults = await (await Admin.GetAsync($"/v2/project/list?team_id={teamId}")).Expect(200);

        Assert.Multiple(() =>
        {
            Assert.That(first["projects"]!.AsArray().Ids(), Is.EqualTo(ids.Take(3)));
            Assert.That(first["total"]!.GetValue<int>(), Is.EqualTo(4));
            Assert.That(first["page"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(first["page_size"]!.GetValue<int>(), Is.EqualTo(3));
            Assert.That(first["total_pages"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(second["projects"]!.AsArray().Ids(), Is.EqualTo(ids.Skip(3)));
            Assert.That(second["page"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(beyond["projects"]!.AsArray(), Is.Empty);
            Assert.That(beyond["total"]!.GetValue<int>(), Is.EqualTo(4));
            Assert.That(searched["projects"]!.AsArray().Ids(), Is.EqualTo(new[] { ids[0], ids[1], ids[3] }));
            Assert.That(searched["total"]!.GetValue<int>(), Is.EqualTo(3));
            Assert.That(searchedEverywhere["total"]!.GetValue<int>(), Is.EqualTo(4));
            Assert.That(defaults["page"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(defaults["page_size"]!.GetValue<int>(), Is.EqualTo(10));
            Assert.That(defaults["total_pages"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(first["projects"]![0]!["litellm_budget_table"], Is.Not.Null);
        });
    }

    [TestCase("page_size=0", "page_size")]
    [TestCase("page_size=101", "page_size")]
    [TestCase("page_size=-5", "page_size")]
    [TestCase("page=0", "page")]
    [TestCase("page=abc", "page")]
    [TestCase("page_size=99999999999", "page_size")]
    public async Task BadV2PagingIs400(string query, string param)
    {
        var body = await (await Admin.GetAsync($"/v2/project/list?{query}")).Expect(400);

        Assert.That(body.ErrorParam(), Is.EqualTo(param));
    }

    [Test]
    public async Task TheLargestPageSizeIsAccepted()
    {
        var body = await (await Admin.GetAsync("/v2/project/list?page_size=100")).Expect(200);

        Assert.That(body["page_size"]!.GetValue<int>(), Is.EqualTo(100));
    }

    // ---------------------------------------------------------------- keys

    [Test]
    public async Task AKeyGetsItsProjectsTeamOrMustAlreadyHaveIt()
    {
        var teamId = await NewTeam();
        var otherTeam = await NewTeam();
        var projectId = Id(await NewProject(new { team_id = teamId }));
        var unknown = Api.UniqueId("proj");

        var matching = await Api.GenerateKey(Admin, new { team_id = teamId, project_id = projectId });
        var fromProject = await Api.GenerateKey(Admin, new { project_id = projectId });
        var different = await (await Admin.PostJson("/key/generate", new { team_id = otherTeam, project_id = projectId })).Expect(400);
        var missing = await (await Admin.PostJson("/key/generate", new { project_id = unknown })).Expect(404);

        Assert.That(matching["project_id"]!.GetValue<string>(), Is.EqualTo(projectId));
        Assert.That(fromProject["project_id"]!.GetValue<string>(), Is.EqualTo(projectId));
        Assert.That(fromProject["team_id"]!.GetValue<string>(), Is.EqualTo(teamId));
        Assert.That(different.ErrorMessage(), Does.Contain(otherTeam).And.Contain(teamId));
        Assert.That(missing.ErrorParam(), Is.EqualTo("project_id"));
        Assert.That(missing.ErrorMessage(), Is.EqualTo($"Project not found, project_id={unknown}"));
    }

    [Test]
    public async Task KeyUpdateSetsAProjectOnlyWithinTheKeysTeam()
    {
        var teamId = await NewTeam();
        var otherTeam = await NewTeam();
        var projectId = Id(await NewProject(new { team_id = teamId }));
        var foreignProject = Id(await NewProject(new { team_id = otherTeam }));
        var teamless = (await Api.GenerateKey(Admin, new { }))["key"]!.GetValue<string>();
        var teamKey = (await Api.GenerateKey(Admin, new { team_id = teamId }))["key"]!.GetValue<string>();

        var adopted = await (await Admin.PostJson("/key/update", new { key = teamless, project_id = projectId })).Expect(200);
        var sameTeam = await (await Admin.PostJson("/key/update", new { key = teamKey, project_id = projectId })).Expect(200);
        var foreign = await (await Admin.PostJson("/key/update", new { key = teamKey, project_id = foreignProject })).Expect(400);
        var leaveTeam = await (await Admin.PostJson("/key/update", new { key = teamKey, team_id = otherTeam })).Expect(400);
        var unknown = await (await Admin.PostJson("/key/update", new { key = teamKey, project_id = Api.UniqueId("proj") })).Expect(404);

        Assert.That(adopted["project_id"]!.GetValue<string>(), Is.EqualTo(projectId));
        Assert.That(adopted["team_id"]!.GetValue<string>(), Is.EqualTo(teamId));
        Assert.That(sameTeam["project_id"]!.GetValue<string>(), Is.EqualTo(projectId));
        Assert.That(foreign.ErrorParam(), Is.EqualTo("project_id"));
        Assert.That(leaveTeam.ErrorParam(), Is.EqualTo("project_id"));
        Assert.That(unknown.ErrorParam(), Is.EqualTo("project_id"));
        var stored = await (await Admin.GetAsync($"/key/info?key={Uri.EscapeDataString(teamKey)}")).Expect(200);
        var info = stored["info"] ?? stored;
        Assert.That(info["team_id"]!.GetValue<string>(), Is.EqualTo(teamId));
        Assert.That(info["project_id"]!.GetValue<string>(), Is.EqualTo(projectId));
    }

    // ---------------------------------------------------------------- audit

    [Test]
    public async Task CreateUpdateAndDeleteEachWriteOneAuditRowUnderTheProjectTable()
    {
        var teamId = await NewTeam();
        var projectId = Id(await NewProject(new { team_id = teamId, project_alias = "v1", max_budget = 1 }));
        await (await Admin.PostJson("/project/update", new { project_id = projectId, project_alias = "v2", max_budget = 2 })).Expect(200);
        await (await Admin.PostJson("/project/update", new { project_id = projectId, soft_budget = -1 })).Expect(400);
        await (await Delete(Admin, projectId)).ExpectArray(200);

        var rows = await AuditRows(projectId);

        Assert.That(rows.Select(r => r["action"]!.GetValue<string>()), Is.EqualTo(new[] { "created", "updated", "deleted" }));
        foreach (var row in rows)
        {
            Assert.That(row["table_name"]!.GetValue<string>(), Is.EqualTo(AuditTable));
            Assert.That(row["object_id"]!.GetValue<string>(), Is.EqualTo(projectId));
            Assert.That(row["changed_by"]!.GetValue<string>(), Is.EqualTo("default_user_id"));
            Assert.That(row["changed_by_api_key"]!.GetValue<string>(), Is.EqualTo(Api.Sha256Hex(ProxyAdminApp.MasterKey)));
        }

        Assert.That(rows[0]["before_value"], Is.Null);
        Assert.That(rows[0]["updated_values"]!["project_alias"]!.GetValue<string>(), Is.EqualTo("v1"));
        Assert.That(rows[0]["updated_values"]!["litellm_budget_table"]!["max_budget"]!.GetValue<double>(), Is.EqualTo(1));
        Assert.That(rows[1]["before_value"]!["project_alias"]!.GetValue<string>(), Is.EqualTo("v1"));
        Assert.That(rows[1]["updated_values"]!["project_alias"]!.GetValue<string>(), Is.EqualTo("v2"));
        Assert.That(rows[1]["updated_values"]!["litellm_budget_table"]!["max_budget"]!.GetValue<double>(), Is.EqualTo(2));
        Assert.That(rows[2]["before_value"]!["project_alias"]!.GetValue<string>(), Is.EqualTo("v2"));
        Assert.That(rows[2]["updated_values"], Is.Null);
    }

    [Test]
    public async Task ABatchDeleteWritesOneRowPerProject()
    {
        var teamId = await NewTeam();
        var first = Id(await NewProject(new { team_id = teamId }));
        var second = Id(await NewProject(new { team_id = teamId }));

        await (await Delete(Admin, first, second)).ExpectArray(200);

        foreach (var projectId in new[] { first, second })
        {
            Assert.That((await AuditRows(projectId)).Select(r => r["action"]!.GetValue<string>()), Is.EqualTo(new[] { "created", "deleted" }), projectId);
        }
    }

    // ---------------------------------------------------------------- concurrency and odd input

    [Test]
    public async Task ConcurrentCreatesOfOneProjectIdMakeOneProjectAndConflictsForTheRest()
    {
        var teamId = await NewTeam();
        var projectId = Api.UniqueId("proj");

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            Admin.PostJson("/project/new", new { team_id = teamId, project_id = projectId, project_alias = $"racer-{i}" })));

        var statuses = responses.Select(r => (int)r.StatusCode).ToList();
        Assert.That(statuses.Count(s => s == 200), Is.EqualTo(1), string.Join(",", statuses));
        Assert.That(statuses.Where(s => s != 200), Has.All.EqualTo(409), string.Join(",", statuses));
        var winner = await responses.Single(r => (int)r.StatusCode == 200).ReadObject();
        Assert.That((await Info(projectId))["project_alias"]!.GetValue<string>(), Is.EqualTo(winner["project_alias"]!.GetValue<string>()));
        Assert.That(await AuditRows(projectId), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task ConcurrentMetadataUpdatesAreNeverSilentlyLost()
    {
        var teamId = await NewTeam();
        var projectId = Id(await NewProject(new { team_id = teamId }));

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            Admin.PostJson("/project/update", new { project_id = projectId, metadata = new Dictionary<string, int> { [$"k{i}"] = i } })));

        var statuses = responses.Select(r => (int)r.StatusCode).ToList();
        Assert.That(statuses, Has.All.EqualTo(200).Or.EqualTo(409), string.Join(",", statuses));
        var stored = (await Info(projectId))["metadata"]!.AsObject();
        for (var i = 0; i < responses.Length; i++)
        {
            if (statuses[i] == 200)
            {
                Assert.That(stored.ContainsKey($"k{i}"), Is.True, $"update {i} answered 200 but is gone: {stored.ToJsonString()}");
            }
        }
    }

    [Test]
    public async Task SearchTreatsLikeWildcardsAsText()
    {
        var teamId = await NewTeam();
        var percent = Id(await NewProject(new { team_id = teamId, project_alias = "50%_off" }));
        await NewProject(new { team_id = teamId, project_alias = "plain" });

        var byPercent = await (await Admin.GetAsync($"/v2/project/list?team_id={teamId}&search={Uri.EscapeDataString("%")}")).Expect(200);
        var byUnderscore = await (await Admin.GetAsync($"/v2/project/list?team_id={teamId}&search=_")).Expect(200);

        Assert.That(byPercent["projects"]!.AsArray().Ids(), Is.EqualTo(new[] { percent }));
        Assert.That(byUnderscore["projects"]!.AsArray().Ids(), Is.EqualTo(new[] { percent }));
    }

    [TestCase("""{"project_id": "has space"}""", "project_id")]
    [TestCase("""{"project_alias": "LONG"}""", "project_alias")]
    [TestCase("""{"tags": ["ok", " "]}""", "tags")]
    [TestCase("""{"models": ["gpt-4", ""]}""", "models")]
    [TestCase("""{"model_max_budget": {"gpt-4": -5}}""", "model_max_budget")]
    [TestCase("""{"model_max_budget": {"gpt-4": 1e400}}""", "model_max_budget")]
    [TestCase("""{"model_max_budget": {"gpt-4": "lots"}}""", "model_max_budget")]
    [TestCase("""{"model_max_budget": {"gpt-4": {"max_budget": -1}}}""", "model_max_budget")]
    [TestCase("""{"temp_budget_increase": 1e400}""", "temp_budget_increase")]
    [TestCase("""{"model_rpm_limit": {"gpt-4": -1}}""", "model_rpm_limit")]
    [TestCase("""{"model_tpm_limit": {"gpt-4": 1e400}}""", "model_tpm_limit")]
    public async Task OtherBadFieldsAre400AndWriteNothing(string fields, string param)
    {
        var teamId = await NewTeam();
        var body = JsonNode.Parse(fields.Replace("LONG", new string('a', 257)))!.AsObject();
        body["team_id"] = teamId;
        var projectId = body["project_id"]?.GetValue<string>() ?? Api.UniqueId("proj");
        body["project_id"] = projectId;

        var error = await (await PostRaw(Admin, "/project/new", body.ToJsonString().Replace("\"1e400\"", "1e400"))).Expect(400);

        Assert.That(error.ErrorParam(), Does.StartWith(param));
        await ExpectMissing(projectId);
    }

    [Test]
    public async Task ATeamThatOwnsProjectsCannotBeDeletedUntilTheyAreGone()
    {
        var teamId = await NewTeam();
        var projectId = Id(await NewProject(new { team_id = teamId }));
        var key = (await Api.GenerateKey(Admin, new { project_id = projectId }))["key"]!.GetValue<string>();

        await (await Admin.PostJson("/team/delete", new { team_ids = new[] { teamId } })).Expect(409);
        await Info(projectId);
        await (await Delete(Admin, projectId)).Expect(409);
        await (await Admin.PostJson("/key/delete", new { keys = new[] { key } })).Expect(200);
        await (await Delete(Admin, projectId)).ExpectArray(200);
        await (await Admin.PostJson("/team/delete", new { team_ids = new[] { teamId } })).Expect(200);
    }

    // ---------------------------------------------------------------- README

    /// <summary>The README's "Projects and models with curl" project steps, with exactly its bodies.</summary>
    [Test]
    public async Task TheReadmeWalkThroughsProjectStepsWork()
    {
        await (await PostRaw(Admin, "/user/new", """{"user_id": "alice", "user_email": "alice@example.com", "user_role": "internal_user"}""")).Expect(200);
        await (await PostRaw(Admin, "/team/new", """{"team_id": "search", "members_with_roles": [{"user_id": "alice", "role": "admin"}], "max_budget": 500}""")).Expect(200);

        var created = await (await PostRaw(Admin, "/project/new", """{"project_id": "ranking", "team_id": "search", "max_budget": 100, "tags": ["prod"]}""")).Expect(200);
        var updated = await (await PostRaw(Admin, "/project/update", """{"project_id": "ranking", "metadata": {"owner": "alice"}}""")).Expect(200);
        var page = await (await Admin.GetAsync("/v2/project/list?team_id=search&page=1&page_size=10")).Expect(200);
        var deleted = await (await DeleteRaw(Admin, """{"project_ids": ["ranking"]}""")).ExpectArray(200);

        Assert.Multiple(() =>
        {
            Assert.That(Id(created), Is.EqualTo("ranking"));
            Assert.That(created["team_id"]!.GetValue<string>(), Is.EqualTo("search"));
            Assert.That(created["litellm_budget_table"]!["max_budget"]!.GetValue<double>(), Is.EqualTo(100));
            Assert.That(created["metadata"]!.ToJsonString(), Is.EqualTo("""{"tags":["prod"]}"""));
            Assert.That(updated["metadata"]!.ToJsonString(), Is.EqualTo("""{"tags":["prod"],"owner":"alice"}"""), "metadata is merged");
            Assert.That(page["projects"]!.AsArray().Ids(), Is.EqualTo(new[] { "ranking" }));
            Assert.That(page["total"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(deleted.Ids(), Is.EqualTo(new[] { "ranking" }));
        });
        await ExpectMissing("ranking");
    }
}
