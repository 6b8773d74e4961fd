using System.Text.Json.Nodes;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>Every <c>LiteLLM_ProjectTable</c> field is returned, with LiteLLM's defaults when nothing was sent.</summary>
public sealed class ProjectFieldTests
{
    [Test]
    public async Task EveryProjectTableFieldIsReturnedWithLiteLlmsDefaults()
    {
        var teamId = await ProjectApi.NewTeam();

        var created = await ProjectApi.NewProject(new { team_id = teamId });
        var info = await ProjectApi.Info(ProjectApi.Id(created));

        foreach (var project in new[] { created, info })
        {
            var expected = JsonNode.Parse($$"""
                {"team_id":"{{teamId}}","project_alias":null,"description":null,"metadata":{},"models":[],"spend":0,
                 "model_spend":{},"model_rpm_limit":{},"model_tpm_limit":{},"blocked":false,"object_permission_id":null,
                 "object_permission":null,"created_by":"default_user_id","updated_by":"default_user_id"}
                """)!.AsObject();
            foreach (var (field, value) in expected)
            {
                Assert.That(JsonNode.DeepEquals(project[field], value), Is.True, $"{field}: {project[field]?.ToJsonString()}");
            }

            foreach (var field in new[] { "project_id", "budget_id", "litellm_budget_table", "created_at", "updated_at" })
            {
                Assert.That(project[field], Is.Not.Null, field);
            }
        }
    }

    [Test]
    public async Task PerModelLimitsAreStoredInMetadataAndShownOnTheProject()
    {
        var teamId = await ProjectApi.NewTeam();
        var created = await ProjectApi.NewProject(new { team_id = teamId, model_rpm_limit = new { gpt = 5 } });

        var updated = await (await ProjectApi.Admin.PostJson("/project/update", new { project_id = ProjectApi.Id(created), model_tpm_limit = new { gpt = 50 } })).Expect(200);

        Assert.That(updated["metadata"]!["model_rpm_limit"]!.ToJsonString(), Is.EqualTo("""{"gpt":5}"""));
        Assert.That(updated["model_rpm_limit"]!.ToJsonString(), Is.EqualTo("""{"gpt":5}"""));
        Assert.That(updated["model_tpm_limit"]!.ToJsonString(), Is.EqualTo("""{"gpt":50}"""));
    }
}
