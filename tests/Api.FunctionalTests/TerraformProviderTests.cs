using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// terraform-provider-litellm as it drives LiteLLM, replayed request by request: its client's headers
/// (ncecere/terraform-provider-litellm, <c>internal/provider/client.go</c>, <c>DoRequest</c>), and for the key, team,
/// model and project resources the exact routes and JSON bodies of create, read, update and delete
/// (<c>internal/provider/resource_key.go</c> <c>buildKeyRequest</c>/<c>readKey</c>, <c>resource_team.go</c>
/// <c>buildTeamRequest</c>/<c>readTeam</c>, <c>resource_model.go</c> <c>createOrUpdateModel</c>/<c>patchModel</c>/<c>readModel</c>,
/// <c>resource_project.go</c> <c>buildProjectCreateRequest</c>/<c>readProjectWithOwnership</c>), each with every attribute set.
/// After apply and on refresh, every field terraform sent must come back unchanged where the provider reads it;
/// anything else is a plan that never settles. Each test lists every field that does not, in one failure.
/// </summary>
public sealed class TerraformProviderTests
{
    /// <summary>The provider's optional <c>litellm_changed_by</c> setting, sent on every request when configured.</summary>
    private const string ChangedBy = "terraform-ci";

    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    [Test]
    public async Task KeyAppliesRefreshesUpdatesAndDeletesWithoutDrift()
    {
        var drift = new Drift("litellm_key");
        var (team, userId) = await TeamWithMember();

        // resource_key.go buildKeyRequest, every attribute configured (organization_id, budget_id and
        // service_account_id name objects ProxyAdmin does not serve and are left out).
        var config = new JsonObject
        {
            ["key"] = "sk-tf-" + Guid.NewGuid().ToString("N"),
            ["user_id"] = userId,
            ["team_id"] = team,
            ["tpm_limit_type"] = "best_effort_throughput",
            ["rpm_limit_type"] = "best_effort_throughput",
            ["budget_duration"] = "30d",
            ["key_alias"] = Api.UniqueId("tf-key"),
            ["duration"] = "30d",
            ["max_budget"] = 50.5,
            ["max_parallel_requests"] = 4,
            ["tpm_limit"] = 10000,
            ["rpm_limit"] = 100,
            ["soft_budget"] = 40.25,
            ["blocked"] = false,
            ["models"] = new JsonArray("gpt-4o"),
            ["allowed_routes"] = new JsonArray("llm_api_routes", "info_routes"),
            ["allowed_passthrough_routes"] = new JsonArray("/anthropic"),
            ["allowed_cache_controls"] = new JsonArray("no-cache", "no-store"),
            ["guardrails"] = new JsonArray("pii-mask"),
            ["prompts"] = new JsonArray("support-prompt"),
            ["enforced_params"] = new JsonArray("user", "metadata.generation_name"),
            ["tags"] = new JsonArray("prod", "terraform"),
            ["router_settings"] = new JsonObject { ["num_retries"] = "3", ["fallbacks"] = new JsonArray(new JsonObject { ["gpt-4o"] = new JsonArray("gpt-4o-mini") }) },
            ["metadata"] = new JsonObject { ["owner"] = "platform", ["logging"] = new JsonArray(new JsonObject { ["callback_name"] = "langsmith" }) },
            ["aliases"] = new JsonObject { ["my-gpt"] = "gpt-4o" },
            ["config"] = new JsonObject { ["cache"] = "off" },
            ["permissions"] = new JsonObject { ["allow_pii_controls"] = "true" },
            ["model_max_budget"] = new JsonObject { ["gpt-4o"] = 10.5 },
            ["model_rpm_limit"] = new JsonObject { ["gpt-4o"] = 10 },
            ["model_tpm_limit"] = new JsonObject { ["gpt-4o"] = 1000 },
        };

        var created = await Terraform(HttpMethod.Post, "/key/generate", config);
        if (!drift.Accepted("create (POST /key/generate)", created))
        {
            Assert.Fail(drift.Report());
        }

        var key = created.Body!["key"]?.GetValue<string>() ?? string.Empty;
        if (key != config["key"]!.GetValue<string>())
        {
            // Neither value is printed: both are secrets.
            drift.Add("key", "the answer holds another key than the one configured (terraform fails the apply as inconsistent)");
        }

        ReadKey(drift, "after apply", await Terraform(HttpMethod.Get, "/key/info?key=" + Uri.EscapeDataString(key)), config);
        ReadKey(drift, "on refresh", await Terraform(HttpMethod.Get, "/key/info?key=" + Uri.EscapeDataString(key)), config);

        // resource_key.go Update: the whole plan again, plus the key from state (the one the service answered with).
        var plan = config.DeepClone().AsObject();
        plan["key"] = key;
        plan["max_budget"] = 75;
        plan["tags"] = new JsonArray("prod", "terraform", "updated");
        plan["metadata"]!["owner"] = "search";
        plan["guardrails"] = new JsonArray("pii-mask", "jailbreak");
        plan["rpm_limit"] = 200;
        if (drift.Accepted("update (POST /key/update)", await Terraform(HttpMethod.Post, "/key/update", plan), readsObject: false))
        {
            ReadKey(drift, "after update", await Terraform(HttpMethod.Get, "/key/info?key=" + Uri.EscapeDataString(key)), plan);
        }

        drift.Accepted("delete (POST /key/delete)", await Terraform(HttpMethod.Post, "/key/delete", new JsonObject { ["keys"] = new JsonArray(key) }), readsObject: false);
        drift.Status("read after delete", await Terraform(HttpMethod.Get, "/key/info?key=" + Uri.EscapeDataString(key)), 404);
        drift.StatusIn("delete again (IsNotFoundError tolerates 404)", await Terraform(HttpMethod.Post, "/key/delete", new JsonObject { ["keys"] = new JsonArray(key) }), 200, 404);

        Assert.That(drift.Count, Is.Zero, drift.Report());
    }

    [Test]
    public async Task TeamAppliesRefreshesUpdatesAndDeletesWithoutDrift()
    {
        var drift = new Drift("litellm_team");
        var teamId = Guid.NewGuid().ToString();

        // resource_team.go buildTeamRequest (organization_id left out: the organization tests cover it).
        var config = new JsonObject
        {
            ["team_id"] = teamId,
            ["team_alias"] = Api.UniqueId("tf-team"),
            ["tpm_limit_type"] = "best_effort_throughput",
            ["rpm_limit_type"] = "best_effort_throughput",
            ["budget_duration"] = "30d",
            ["tpm_limit"] = 50000,
            ["rpm_limit"] = 500,
            ["max_budget"] = 250.5,
            ["team_member_budget"] = 25.5,
            ["team_member_rpm_limit"] = 50,
            ["team_member_tpm_limit"] = 5000,
            ["blocked"] = false,
            ["models"] = new JsonArray("gpt-4o", "gpt-4o-mini"),
            ["tags"] = new JsonArray("prod", "terraform"),
            ["guardrails"] = new JsonArray("pii-mask"),
            ["prompts"] = new JsonArray("support-prompt"),
            ["team_member_permissions"] = new JsonArray("/key/generate", "/key/update"),
            ["model_aliases"] = new JsonObject { ["fast"] = "gpt-4o-mini" },
            ["model_rpm_limit"] = new JsonObject { ["gpt-4o"] = 100 },
            ["model_tpm_limit"] = new JsonObject { ["gpt-4o"] = 10000 },
            ["metadata"] = new JsonObject { ["cost_center"] = "42", ["owners"] = new JsonArray("alice", "bob") },
            ["router_settings"] = new JsonObject
            {
                ["fallbacks"] = new JsonArray(new JsonObject { ["gpt-4o"] = new JsonArray("gpt-4o-mini") }),
            },
        };

        if (!drift.Accepted("create (POST /team/new)", await Terraform(HttpMethod.Post, "/team/new", config), readsObject: false))
        {
            Assert.Fail(drift.Report());
        }

        await ReadTeam(drift, "after apply", teamId, config);
        await ReadTeam(drift, "on refresh", teamId, config);

        var plan = config.DeepClone().AsObject();
        plan["max_budget"] = 300;
        plan["models"] = new JsonArray("gpt-4o");
        plan["metadata"]!["cost_center"] = "43";
        plan["team_member_permissions"] = new JsonArray("/key/generate");
        if (drift.Accepted("update (POST /team/update)", await Terraform(HttpMethod.Post, "/team/update", plan), readsObject: false))
        {
            // resource_team.go Update: permissions changed, so they are sent on their own route too.
            drift.Accepted("update (POST /team/permissions_update)", await Terraform(HttpMethod.Post, "/team/permissions_update", new JsonObject
            {
                ["team_id"] = teamId,
                ["team_member_permissions"] = plan["team_member_permissions"]!.DeepClone(),
            }), readsObject: false);
            await ReadTeam(drift, "after update", teamId, plan);
        }

        drift.Accepted("delete (POST /team/delete)", await Terraform(HttpMethod.Post, "/team/delete", new JsonObject { ["team_ids"] = new JsonArray(teamId) }), readsObject: false);
        drift.Status("read after delete", await Terraform(HttpMethod.Get, "/team/info?team_id=" + Uri.EscapeDataString(teamId)), 404);

        Assert.That(drift.Count, Is.Zero, drift.Report());
    }

    [TestCase(false, TestName = "A global model applies, refreshes, updates and deletes without drift")]
    [TestCase(true, TestName = "A team model applies, refreshes, updates and deletes without drift")]
    public async Task ModelAppliesRefreshesUpdatesAndDeletesWithoutDrift(bool teamModel)
    {
        var drift = new Drift(teamModel ? "litellm_model (team)" : "litellm_model");
        var modelId = Guid.NewGuid().ToString();
        var publicName = Api.UniqueId("tf-gpt");
        var team = teamModel ? (await TeamWithMember()).TeamId : null;
        var credentialName = await CredentialApi.NewCredential(Api.UniqueId("openai-prod"));

        // resource_model.go createOrUpdateModel with every attribute; additional_litellm_params go through
        // convertStringValue, so "30" is sent as 30 and "true" as true.
        var litellmParams = new JsonObject
        {
            ["custom_llm_provider"] = "openai",
            ["model"] = "openai/gpt-4o",
            ["input_cost_per_token"] = 2.5 / 1_000_000.0,
            ["output_cost_per_token"] = 10.0 / 1_000_000.0,
            ["tpm"] = 100000,
            ["rpm"] = 1000,
            ["api_key"] = "sk-provider-secret-" + Guid.NewGuid().ToString("N"),
            ["api_base"] = "https://api.openai.com/v1",
            ["api_version"] = "2024-10-21",
            ["reasoning_effort"] = "low",
            ["merge_reasoning_content_in_choices"] = true,
            ["thinking"] = new JsonObject { ["type"] = "enabled", ["budget_tokens"] = 2048 },
            ["aws_access_key_id"] = "AKIA" + Guid.NewGuid().ToString("N")[..16].ToUpperInvariant(),
            ["aws_secret_access_key"] = "aws-secret-" + Guid.NewGuid().ToString("N"),
            ["aws_region_name"] = "us-east-1",
            ["aws_session_name"] = "terraform-session",
            ["aws_role_name"] = "arn:aws:iam::123456789012:role/litellm",
            ["vertex_project"] = "my-gcp-project",
            ["vertex_location"] = "us-central1",
            ["vertex_credentials"] = "{\"type\": \"service_account\"}",
            ["litellm_credential_name"] = credentialName,
            ["input_cost_per_pixel"] = 0.00001,
            ["output_cost_per_pixel"] = 0.00002,
            ["input_cost_per_second"] = 0.0001,
            ["output_cost_per_second"] = 0.0002,
            ["timeout"] = 30,
            ["max_retries"] = 2,
            ["drop_params"] = true,
        };
        var modelInfo = new JsonObject
        {
            ["id"] = modelId,
            ["db_model"] = true,
            ["base_model"] = "gpt-4o",
            ["tier"] = "paid",
            ["mode"] = "chat",
            ["access_groups"] = new JsonArray("beta-testers"),
        };
        if (team is not null)
        {
            modelInfo["team_id"] = team;
            modelInfo["team_public_model_name"] = publicName;
        }

        var config = new JsonObject { ["model_name"] = publicName, ["litellm_params"] = litellmParams, ["model_info"] = modelInfo };
        if (!drift.Accepted("create (POST /model/new)", await Terraform(HttpMethod.Post, "/model/new", config), readsObject: false))
        {
            Assert.Fail(drift.Report());
        }

        await ReadModel(drift, "after apply", modelId, config);
        await ReadModel(drift, "on refresh", modelId, config);

        // resource_model.go patchModel: the same parameters, model_info without id and db_model.
        var plan = config.DeepClone().AsObject();
        plan["litellm_params"]!["rpm"] = 2000;
        plan["litellm_params"]!["api_base"] = "https://eu.api.openai.com/v1";
        plan["litellm_params"]!["timeout"] = 45;
        plan["model_info"]!.AsObject().Remove("id");
        plan["model_info"]!.AsObject().Remove("db_model");
        plan["model_info"]!["tier"] = "free";
        if (drift.Accepted("update (PATCH /model/{id}/update)", await Terraform(HttpMethod.Patch, $"/model/{modelId}/update", plan), readsObject: false))
        {
            // readModelAfterUpdate wants two reads in a row that show the plan.
            await ReadModel(drift, "after update", modelId, plan);
            await ReadModel(drift, "after update, second read", modelId, plan);
        }

        drift.Accepted("delete (POST /model/delete)", await Terraform(HttpMethod.Post, "/model/delete", new JsonObject { ["id"] = modelId }), readsObject: false);
        drift.Status("read after delete", await Terraform(HttpMethod.Get, "/model/info?litellm_model_id=" + modelId), 404);

        Assert.That(drift.Count, Is.Zero, drift.Report());
    }

    [Test]
    public async Task ProjectAppliesRefreshesUpdatesAndDeletesWithoutDrift()
    {
        var drift = new Drift("litellm_project");
        var (team, _) = await TeamWithMember();
        var projectId = Guid.NewGuid().ToString();

        // resource_project.go buildProjectCreateRequest plus project_id; metadata carries tags and the per-model
        // limits (projectMetadataPayload). budget_id is left out: it cannot be combined with budget controls.
        var config = new JsonObject
        {
            ["team_id"] = team,
            ["project_alias"] = Api.UniqueId("tf-project"),
            ["description"] = "Ranking service, managed by terraform",
            ["budget_duration"] = "30d",
            ["max_budget"] = 80.5,
            ["soft_budget"] = 60.25,
            ["tpm_limit"] = 20000,
            ["rpm_limit"] = 200,
            ["max_parallel_requests"] = 8,
            ["models"] = new JsonArray("gpt-4o"),
            ["blocked"] = false,
            ["metadata"] = new JsonObject
            {
                ["owner"] = "ranking",
                ["tags"] = new JsonArray("prod", "terraform"),
                ["model_rpm_limit"] = new JsonObject { ["gpt-4o"] = 20 },
                ["model_tpm_limit"] = new JsonObject { ["gpt-4o"] = 2000 },
            },
            ["project_id"] = projectId,
        };

        var created = await Terraform(HttpMethod.Post, "/project/new", config);
        if (!drift.Accepted("create (POST /project/new)", created))
        {
            Assert.Fail(drift.Report());
        }

        var createdProject = Unwrap(created.Body!, "project_info", "data");
        drift.Same("project_id", config["project_id"], createdProject["project_id"], "validateProjectCreateResponseIdentity: terraform keeps only the id for recovery");

        // resource_project.go Create: a configured budget_duration is replayed on /budget/update to start its reset clock.
        var budgetId = BudgetId(createdProject);
        var budgetUpdate = await Terraform(HttpMethod.Post, "/budget/update", new JsonObject { ["budget_id"] = budgetId, ["budget_duration"] = "30d" });
        if (drift.Accepted("create, budget reset initialization (POST /budget/update)", budgetUpdate))
        {
            drift.Same("budget_id", budgetId, budgetUpdate.Body?["budget_id"], "/budget/update did not confirm the budget");
        }

        await ReadProject(drift, "after apply", projectId, config);
        await ReadProject(drift, "on refresh", projectId, config);

        // resource_project.go Update: only the changed fields; a metadata change sends the whole document.
        var plan = config.DeepClone().AsObject();
        plan["max_budget"] = 90;
        plan["description"] = "Ranking service, v2";
        plan["metadata"]!["owner"] = "search-ranking";
        var update = new JsonObject
        {
            ["description"] = plan["description"]!.DeepClone(),
            ["metadata"] = plan["metadata"]!.DeepClone(),
            ["max_budget"] = plan["max_budget"]!.DeepClone(),
            ["project_id"] = projectId,
        };
        var updated = await Terraform(HttpMethod.Post, "/project/update", update);
        if (drift.Accepted("update (POST /project/update)", updated))
        {
            drift.Same("project_id", projectId, Unwrap(updated.Body!, "project_info", "data")["project_id"], "the update's answer must name the project, or terraform keeps the prior state");
            await ReadProject(drift, "after update", projectId, plan);
        }

        drift.Accepted("delete (DELETE /project/delete)", await Terraform(HttpMethod.Delete, "/project/delete", new JsonObject { ["project_ids"] = new JsonArray(projectId) }), readsObject: false);
        drift.Status("read after delete", await Terraform(HttpMethod.Get, "/project/info?project_id=" + projectId), 404);

        Assert.That(drift.Count, Is.Zero, drift.Report());
    }

    /// <summary>resource_key.go readKey: fields from <c>info</c>; tags from <c>info.tags</c> or else <c>info.metadata.tags</c>.</summary>
    private static void ReadKey(Drift drift, string when, Answer read, JsonObject sent)
    {
        if (!drift.Accepted($"read {when} (GET /key/info)", read))
        {
            return;
        }

        drift.When = when;
        var info = read.Body!["info"] as JsonObject ?? read.Body;
        foreach (var field in new[] { "max_budget", "tpm_limit", "rpm_limit", "max_parallel_requests", "soft_budget", "blocked" })
        {
            drift.KeptWhenAbsent(field, sent[field], info, field);
        }

        foreach (var field in new[] { "key_alias", "tpm_limit_type", "rpm_limit_type", "budget_duration", "team_id", "user_id" })
        {
            drift.KeptWhenAbsent(field, sent[field], info, field);
        }

        foreach (var field in new[] { "models", "allowed_routes", "allowed_passthrough_routes", "allowed_cache_controls", "guardrails", "prompts", "enforced_params", "router_settings", "aliases", "config", "permissions", "model_max_budget" })
        {
            drift.Required(field, sent[field], info, field);
        }

        drift.Required("tags", sent["tags"], info, info.ContainsKey("tags") ? ["tags"] : ["metadata", "tags"]);
        drift.ConfiguredKeys("metadata", sent["metadata"]!.AsObject(), info["metadata"] as JsonObject);
        drift.KeptWhenAbsent("model_rpm_limit", sent["model_rpm_limit"], info, "model_rpm_limit");
        drift.KeptWhenAbsent("model_tpm_limit", sent["model_tpm_limit"], info, "model_tpm_limit");

        // Not read back by the provider; LiteLLM answers a duration with the expiry it set.
        drift.ExpiresAbout("duration", info, TimeSpan.FromDays(30));
        drift.When = null;
    }

    /// <summary>resource_team.go readTeam: <c>team_info</c>, then <c>/team/permissions_list</c> for the permissions.</summary>
    private static async Task ReadTeam(Drift drift, string when, string teamId, JsonObject sent)
    {
        var read = await Terraform(HttpMethod.Get, "/team/info?team_id=" + Uri.EscapeDataString(teamId));
        if (!drift.Accepted($"read {when} (GET /team/info)", read))
        {
            return;
        }

        drift.When = when;
        var info = read.Body!["team_info"] as JsonObject ?? read.Body;
        drift.Same("team_id", sent["team_id"], info["team_id"], "readTeam fails when team_id differs");
        foreach (var field in new[] { "team_alias", "blocked", "tpm_limit_type", "rpm_limit_type", "model_aliases", "model_rpm_limit", "model_tpm_limit" })
        {
            drift.KeptWhenAbsent(field, sent[field], info, field);
        }

        foreach (var field in new[] { "tpm_limit", "rpm_limit", "max_budget", "budget_duration", "team_member_budget", "team_member_rpm_limit", "team_member_tpm_limit" })
        {
            drift.NullClears(field, sent[field], info, field);
        }

        foreach (var field in new[] { "models", "tags", "guardrails", "prompts", "router_settings" })
        {
            drift.Required(field, sent[field], info, field);
        }

        drift.ConfiguredKeys("metadata", sent["metadata"]!.AsObject(), info["metadata"] as JsonObject);

        var permissions = await Terraform(HttpMethod.Get, "/team/permissions_list?team_id=" + Uri.EscapeDataString(teamId));
        if (drift.Accepted($"read {when} (GET /team/permissions_list)", permissions))
        {
            drift.Required("team_member_permissions", sent["team_member_permissions"], permissions.Body!, "team_member_permissions");
        }

        drift.When = null;
    }

    /// <summary>
    /// resource_model.go readModel: <c>data[0]</c> (or the object itself); a team model's name from
    /// <c>model_info.team_public_model_name</c>; additional parameters by the keys terraform configured.
    /// </summary>
    private static async Task ReadModel(Drift drift, string when, string modelId, JsonObject sent)
    {
        var read = await Terraform(HttpMethod.Get, "/model/info?litellm_model_id=" + modelId);
        if (!drift.Accepted($"read {when} (GET /model/info)", read))
        {
            return;
        }

        drift.When = when;
        JsonObject model;
        if (read.Body!["data"] is JsonArray { Count: > 0 } list)
        {
            model = list[0]!.AsObject();
        }
        else if (read.Body["data"] is JsonObject single)
        {
            // The provider reads data[0] of a list and otherwise the envelope itself, where it finds no field at all
            // (and resets additional_litellm_params to empty). The fields are still checked inside, to list them.
            drift.Add("(shape)", "GET /model/info?litellm_model_id= answers {\"data\": {...}}, an object; the provider reads data[0] of a list, so it sees no field");
            model = single;
        }
        else
        {
            model = read.Body;
        }

        var sentParams = sent["litellm_params"]!.AsObject();
        var sentInfo = sent["model_info"]!.AsObject();
        var info = model["model_info"] as JsonObject ?? [];
        var litellmParams = model["litellm_params"] as JsonObject ?? [];

        if (sentInfo["team_id"] is not null)
        {
            drift.KeptWhenAbsent("model_name", sent["model_name"], info, "team_public_model_name");
        }
        else
        {
            drift.KeptWhenAbsent("model_name", sent["model_name"], model, "model_name");
        }

        foreach (var field in new[] { "custom_llm_provider", "api_base", "api_version", "tpm", "rpm", "aws_region_name", "litellm_credential_name" })
        {
            drift.KeptWhenAbsent("litellm_params." + field, sentParams[field], litellmParams, field);
        }

        // additional_litellm_params: configured keys the API omits are carried forward, so only a changed value drifts.
        foreach (var field in new[] { "timeout", "max_retries", "drop_params" })
        {
            drift.KeptWhenAbsent("additional_litellm_params." + field, sentParams[field], litellmParams, field);
        }

        // Sent, not read back by the provider: stored as sent, or masked where secret.
        foreach (var field in new[] { "model", "input_cost_per_token", "output_cost_per_token", "reasoning_effort", "merge_reasoning_content_in_choices", "thinking", "input_cost_per_pixel", "output_cost_per_pixel", "input_cost_per_second", "output_cost_per_second", "aws_session_name", "aws_role_name", "vertex_project", "vertex_location" })
        {
            drift.KeptWhenAbsent("litellm_params." + field, sentParams[field], litellmParams, field);
        }

        foreach (var field in new[] { "api_key", "aws_access_key_id", "aws_secret_access_key", "vertex_credentials" })
        {
            drift.StoredSecret("litellm_params." + field, sentParams[field]!.GetValue<string>(), litellmParams, field);
        }

        foreach (var field in new[] { "base_model", "tier", "mode", "team_id", "access_groups" })
        {
            drift.KeptWhenAbsent("model_info." + field, sentInfo[field], info, field);
        }

        drift.When = null;
    }

    /// <summary>
    /// resource_project.go readProjectWithOwnership: budget controls only from <c>litellm_budget_table</c>; alias,
    /// description, models and blocked from the project (absent clears them); tags and per-model limits from metadata.
    /// </summary>
    private static async Task ReadProject(Drift drift, string when, string projectId, JsonObject sent)
    {
        var read = await Terraform(HttpMethod.Get, "/project/info?project_id=" + projectId);
        if (!drift.Accepted($"read {when} (GET /project/info)", read))
        {
            return;
        }

        drift.When = when;
        var project = Unwrap(read.Body!, "project_info", "data");
        drift.Same("project_id", projectId, project["project_id"], "validateImportedObjectIdentity fails the read");
        drift.Same("team_id", sent["team_id"], project["team_id"], "the read fails when the team differs");
        foreach (var field in new[] { "project_alias", "description", "models", "blocked" })
        {
            drift.Required(field, sent[field], project, field);
        }

        var budget = project["litellm_budget_table"] as JsonObject ?? [];
        foreach (var field in new[] { "max_budget", "soft_budget", "tpm_limit", "rpm_limit", "max_parallel_requests", "budget_duration" })
        {
            drift.Required(field, sent[field], budget, field, where: "litellm_budget_table");
        }

        if (project["budget_id"] is JsonValue top && budget["budget_id"] is JsonValue nested && top.GetValue<string>() != nested.GetValue<string>())
        {
            drift.Add("budget_id", $"budget_id {top} differs from litellm_budget_table.budget_id {nested}: the read fails");
        }

        var sentMetadata = sent["metadata"]!.AsObject();
        var metadata = project["metadata"] as JsonObject ?? [];
        drift.Required("tags", sentMetadata["tags"], metadata, "tags", where: "metadata");
        drift.KeptWhenAbsent("model_rpm_limit", sentMetadata["model_rpm_limit"], metadata, "model_rpm_limit", where: "metadata");
        drift.KeptWhenAbsent("model_tpm_limit", sentMetadata["model_tpm_limit"], metadata, "model_tpm_limit", where: "metadata");
        drift.ConfiguredKeys("metadata", new JsonObject { ["owner"] = sentMetadata["owner"]!.DeepClone() }, metadata);
        drift.When = null;
    }

    /// <summary>A team holding the models the keys, models and projects above use, with one member.</summary>
    private static async Task<(string TeamId, string UserId)> TeamWithMember()
    {
        var (userId, _) = await Api.CreateUser();
        var team = await (await Service.App.Admin().PostJson("/team/new", new
        {
            team_alias = Api.UniqueId("tf-owner"),
            models = new[] { "gpt-4o", "gpt-4o-mini" },
            max_budget = 1000,
            members_with_roles = new[] { new { user_id = userId, role = "admin" } },
        })).Expect(200);
        return (team["team_id"]!.GetValue<string>(), userId);
    }

    /// <summary>
    /// One request as the provider's client sends it: JSON content type and accept on every request (GET included),
    /// the key bare in <c>x-api-key</c>, and <c>litellm-changed-by</c>.
    /// </summary>
    private static async Task<Answer> Terraform(HttpMethod method, string path, JsonObject? body = null)
    {
        using var request = new HttpRequestMessage(method, path)
        {
            Content = new StringContent(body?.ToJsonString(Compact) ?? string.Empty, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Add("x-api-key", ProxyAdminApp.MasterKey);
        request.Headers.Add("litellm-changed-by", ChangedBy);

        var response = await Service.App.ClientWith(null).SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonObject? parsed = null;
        try
        {
            parsed = JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            // Not an object (or not JSON); Accepted reports it.
        }

        return new Answer((int)response.StatusCode, text, parsed);
    }

    /// <summary>unwrapObjectEnvelope: a present wrapper is authoritative, else the object itself.</summary>
    private static JsonObject Unwrap(JsonObject result, params string[] wrappers) =>
        wrappers.Select(w => result[w]).OfType<JsonObject>().FirstOrDefault() ?? result;

    /// <summary>budgetTableID: the nested relation's id, else the top-level copy.</summary>
    private static string? BudgetId(JsonObject project) =>
        (project["litellm_budget_table"]?["budget_id"] ?? project["budget_id"])?.GetValue<string>();

    private sealed record Answer(int Status, string Text, JsonObject? Body);

    /// <summary>
    /// Collects every field that would not settle, naming the resource, the moment (after apply, on refresh,
    /// after update), what terraform sent and what came back.
    /// </summary>
    private sealed class Drift(string resource)
    {
        private readonly List<string> _problems = [];

        public int Count => _problems.Count;

        public string? When { get; set; }

        public string Report() =>
            $"{_problems.Count} problem(s) for {resource}:{Environment.NewLine}" + string.Join(Environment.NewLine, _problems.Select(p => "  - " + p));

        public void Add(string field, string problem) =>
            _problems.Add(When is null ? $"{resource}.{field}: {problem}" : $"{resource}.{field} ({When}): {problem}");

        /// <summary>
        /// A 2xx, as DoRequestWithResponse demands; with <paramref name="readsObject"/>, also the JSON object the
        /// provider decodes the answer into (a write whose answer it ignores may answer anything).
        /// </summary>
        public bool Accepted(string step, Answer answer, bool readsObject = true)
        {
            if (answer.Status is >= 200 and < 300 && (!readsObject || answer.Body is not null))
            {
                return true;
            }

            var saved = When;
            When = null;
            Add(step, $"HTTP {answer.Status}: {Shorten(answer.Text)}");
            When = saved;
            return false;
        }

        public void Status(string step, Answer answer, int expected) => StatusIn(step, answer, expected);

        public void StatusIn(string step, Answer answer, params int[] expected)
        {
            if (!expected.Contains(answer.Status))
            {
                Add(step, $"HTTP {answer.Status}, expected {string.Join(" or ", expected)}: {Shorten(answer.Text)}");
            }
        }

        /// <summary>The value must be the one sent.</summary>
        public void Same(string field, JsonNode? sent, JsonNode? got, string consequence)
        {
            if (!Equal(sent, got))
            {
                Add(field, $"sent {Show(sent)}, got {Show(got)} ({consequence})");
            }
        }

        /// <summary>The provider adopts the value when it is there and keeps its state when it is not; either way it must have been stored.</summary>
        public void KeptWhenAbsent(string field, JsonNode? sent, JsonObject owner, string name, string? where = null)
        {
            if (sent is null)
            {
                return;
            }

            if (!owner.TryGetPropertyValue(name, out var got) || got is null)
            {
                Add(field, $"sent {Show(sent)}, not returned{In(where)} (terraform keeps its state, but the value was dropped)");
            }
            else if (!Equal(sent, got))
            {
                Add(field, $"sent {Show(sent)}, got {Show(got)}{In(where)} (drift)");
            }
        }

        /// <summary>The provider sets an empty value when it is not returned: a plan that never settles.</summary>
        public void Required(string field, JsonNode? sent, JsonObject owner, string name, string? where = null) =>
            Required(field, sent, owner, [name], where);

        public void Required(string field, JsonNode? sent, JsonObject owner, string[] path, string? where = null)
        {
            if (sent is null)
            {
                return;
            }

            JsonNode? got = owner;
            foreach (var step in path)
            {
                got = got is JsonObject o && o.TryGetPropertyValue(step, out var next) ? next : null;
            }

            var location = where ?? (path.Length > 1 ? string.Join('.', path[..^1]) : null);
            if (got is null || got is JsonArray { Count: 0 } || got is JsonObject { Count: 0 })
            {
                Add(field, $"sent {Show(sent)}, got {Show(got)}{In(location)} (drift: terraform plans it again on every run)");
            }
            else if (!Equal(sent, got))
            {
                Add(field, $"sent {Show(sent)}, got {Show(got)}{In(location)} (drift)");
            }
        }

        /// <summary>An explicit null clears the state (team limits); absent keeps it.</summary>
        public void NullClears(string field, JsonNode? sent, JsonObject owner, string name)
        {
            if (sent is null)
            {
                return;
            }

            if (!owner.TryGetPropertyValue(name, out var got))
            {
                Add(field, $"sent {Show(sent)}, not returned (terraform keeps its state, but the value was dropped)");
            }
            else if (got is null)
            {
                Add(field, $"sent {Show(sent)}, got null (drift: terraform clears it and plans it again)");
            }
            else if (!Equal(sent, got))
            {
                Add(field, $"sent {Show(sent)}, got {Show(got)} (drift)");
            }
        }

        /// <summary>Metadata: the provider keeps only the keys terraform configured, so each must come back as sent.</summary>
        public void ConfiguredKeys(string field, JsonObject sent, JsonObject? got)
        {
            foreach (var (key, value) in sent)
            {
                var returned = got is not null && got.TryGetPropertyValue(key, out var v) ? v : null;
                if (!Equal(value, returned))
                {
                    Add($"{field}.{key}", $"sent {Show(value)}, got {Show(returned)} (drift)");
                }
            }
        }

        /// <summary>A secret is stored but never returned in the clear (ProxyAdmin masks it as LiteLLM does).</summary>
        public void StoredSecret(string field, string sent, JsonObject owner, string name)
        {
            if (!owner.TryGetPropertyValue(name, out var got) || got is null)
            {
                Add(field, "secret sent, not returned at all (dropped)");
            }
            else if (got.ToJsonString().Contains(sent, StringComparison.Ordinal))
            {
                Add(field, "secret returned in the clear");
            }
        }

        public void ExpiresAbout(string field, JsonObject info, TimeSpan duration)
        {
            var expected = DateTime.UtcNow + duration;
            if (info["expires"] is not JsonValue value || !DateTime.TryParse(value.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var expires))
            {
                Add(field, $"sent \"{duration.TotalDays:0}d\", no expires returned");
            }
            else if ((expires - expected).Duration() > TimeSpan.FromHours(1))
            {
                Add(field, $"sent \"{duration.TotalDays:0}d\", expires {value} (expected about {expected:O})");
            }
        }

        /// <summary>JSON equality as Go compares what it decoded: numbers by value, arrays in order, objects by key.</summary>
        private static bool Equal(JsonNode? a, JsonNode? b) => (a, b) switch
        {
            (null, null) => true,
            (JsonObject x, JsonObject y) => x.Count == y.Count && x.All(p => y.TryGetPropertyValue(p.Key, out var other) && Equal(p.Value, other)),
            (JsonArray x, JsonArray y) => x.Count == y.Count && x.Zip(y).All(pair => Equal(pair.First, pair.Second)),
            (JsonValue x, JsonValue y) when x.GetValueKind() == JsonValueKind.Number && y.GetValueKind() == JsonValueKind.Number =>
                Number(x) == Number(y),
            (JsonValue x, JsonValue y) => x.ToJsonString() == y.ToJsonString(),
            _ => false,
        };

        private static double Number(JsonValue value) => double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture);

        private static string Show(JsonNode? node) => node is null ? "nothing" : Shorten(node.ToJsonString(Compact));

        private static string In(string? where) => where is null ? string.Empty : $" in {where}";

        private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
    }
}
