using System.Text.Json.Nodes;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// Enum-like fields take only their values: <c>rpm_limit_type</c> and <c>tpm_limit_type</c> are LiteLLM's
/// <c>guaranteed_throughput</c> or <c>best_effort_throughput</c> on teams and projects, and those or <c>dynamic</c> on
/// keys (LiteLLM's <c>NewTeamRequest</c> and <c>GenerateKeyRequest</c>), sent at the top level or inside
/// <c>metadata</c>, where LiteLLM keeps and reads them; durations take only LiteLLM's forms (<c>30s</c> … <c>1mo</c>).
/// A refusal names the field and stores nothing.
/// </summary>
public sealed class LimitTypeTests
{
    private static HttpClient Admin => Service.App.Admin();

    [TestCase("rpm_limit_type", "dynamic")]
    [TestCase("tpm_limit_type", "Guaranteed_Throughput")]
    [TestCase("rpm_limit_type", "")]
    public async Task AProjectTakesOnlyItsTeamsModes(string field, string value)
    {
        var teamId = await ModelApi.NewTeam();
        var projectId = Api.UniqueId("project");

        var error = await (await Admin.PostJson("/project/new", new JsonObject { ["project_id"] = projectId, ["team_id"] = teamId, [field] = value })).Expect(400);

        Assert.That(error.ErrorParam(), Is.EqualTo(field));
        Assert.That(error.ErrorMessage(), Is.EqualTo($"'{field}' must be one of: guaranteed_throughput, best_effort_throughput."));
        await (await Admin.GetAsync($"/project/info?project_id={projectId}")).Expect(404);
    }

    [Test]
    public async Task AProjectTakesAModeOfItsTeam()
    {
        var teamId = await ModelApi.NewTeam();

        var project = await (await Admin.PostJson("/project/new", new { team_id = teamId, rpm_limit_type = "guaranteed_throughput" })).Expect(200);

        Assert.That(project["metadata"]!["rpm_limit_type"]!.GetValue<string>(), Is.EqualTo("guaranteed_throughput"));
    }

    [TestCase("/team/new", "rpm_limit_type", "dynamic")]
    [TestCase("/team/new", "tpm_limit_type", 7)]
    [TestCase("/key/generate", "tpm_limit_type", "unlimited")]
    [TestCase("/project/new", "rpm_limit_type", "dynamic")]
    public async Task AModeInsideMetadataIsCheckedAsAtTheTop(string route, string field, object value)
    {
        var id = Api.UniqueId("mode");
        var body = route switch
        {
            "/team/new" => new JsonObject { ["team_id"] = id },
            "/project/new" => new JsonObject { ["project_id"] = id, ["team_id"] = await ModelApi.NewTeam() },
            _ => new JsonObject { ["key_alias"] = id },
        };
        body["metadata"] = new JsonObject { [field] = System.Text.Json.JsonSerializer.SerializeToNode(value) };

        var error = await (await Admin.PostJson(route, body)).Expect(400);

        Assert.That(error.ErrorParam(), Is.EqualTo($"metadata.{field}"));
        Assert.That(error.ErrorMessage(), Does.StartWith($"'metadata.{field}' must be one of: guaranteed_throughput, best_effort_throughput"));
    }

    [Test]
    public async Task AKeyTakesDynamicInsideMetadataToo()
    {
        var key = await Api.GenerateKey(Admin, new { metadata = new { rpm_limit_type = "dynamic", tpm_limit_type = (string?)null } });

        Assert.That(key["metadata"]!["rpm_limit_type"]!.GetValue<string>(), Is.EqualTo("dynamic"));
    }

    [TestCase("forever")]
    [TestCase("30 days")]
    [TestCase("1y")]
    [TestCase("-1")]
    public async Task ATeamMemberKeyDurationTakesOnlyLiteLlmsForms(string duration)
    {
        var teamId = Api.UniqueId("team");

        var error = await (await Admin.PostJson("/team/new", new { team_id = teamId, team_member_key_duration = duration })).Expect(400);

        Assert.That(error.ErrorParam(), Is.EqualTo("team_member_key_duration"));
        await (await Admin.GetAsync($"/team/info?team_id={teamId}")).Expect(404);
    }

    [Test]
    public async Task ATeamMemberKeyDurationInLiteLlmsFormIsStored()
    {
        var teamId = Api.UniqueId("team");

        await (await Admin.PostJson("/team/new", new { team_id = teamId, team_member_key_duration = "30d" })).Expect(200);

        var team = await (await Admin.GetAsync($"/team/info?team_id={teamId}")).Expect(200);
        Assert.That(team["team_info"]!["metadata"]!["team_member_key_duration"]!.GetValue<string>(), Is.EqualTo("30d"));
    }
}
