using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Models.Queries.GetModelGroupInfo;
using ProxyAdmin.Application.UnitTests.Teams;
using ProxyAdmin.Application.UnitTests.TestSupport;
using static ProxyAdmin.Application.UnitTests.Models.ModelFixtures;

namespace ProxyAdmin.Application.UnitTests.Models;

public sealed class GetModelGroupInfoQueryHandlerTests
{
    private ModelPorts _ports = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new ModelPorts();
        _ports.Ports.GivenTeams(TeamFixtures.TeamWithAdminAndMember("t1", "alice", "bob"));
        _ports.GivenMemberships("bob", "t1");
        _ports.ConfigModels.Add(Config("cfg-embed", "embed", """{"model":"text-embedding-3-small"}""", """{"mode":"embedding"}"""));
        _ports.GivenModels(
            Stored(
                "g1",
                "gpt-4o",
                """{"model":"openai/gpt-4o","tpm":100,"rpm":10}""",
                """{"max_input_tokens":128000,"max_output_tokens":4096,"input_cost_per_token":0.000005,"output_cost_per_token":0.00002}""",
                minutesAfterEarlier: 1),
            Stored(
                "g2",
                "gpt-4o",
                """{"model":"gpt-4o","custom_llm_provider":"azure","tpm":50}""",
                """{"max_input_tokens":64000,"input_cost_per_token":0.000004}""",
                minutesAfterEarlier: 2),
            Stored("tm1", "team-claude", """{"model":"anthropic/claude-3"}""", """{"mode":"completion"}""", teamId: "t1", minutesAfterEarlier: 3));
    }

    [Test]
    public async Task ShouldGroupDeploymentsByPublicNameAndSummariseThem()
    {
        var groups = (await Handle(TestCaller.Admin())).Data;

        Assert.That(groups.Select(g => g.ModelGroup), Is.EqualTo(new[] { "embed", "gpt-4o", "team-claude" }));

        var gpt = groups[1];
        Assert.That(gpt.Providers, Is.EqualTo(new[] { "azure", "openai" }));
        Assert.That(gpt.Tpm, Is.EqualTo(150));
        Assert.That(gpt.Rpm, Is.EqualTo(10));
        Assert.That(gpt.Mode, Is.EqualTo("chat"), "chat unless model_info says otherwise");
        Assert.That(gpt.MaxInputTokens, Is.EqualTo(128000));
        Assert.That(gpt.MaxOutputTokens, Is.EqualTo(4096));
        Assert.That(gpt.InputCostPerToken, Is.EqualTo(0.000004));
        Assert.That(gpt.OutputCostPerToken, Is.EqualTo(0.00002));
    }

    [Test]
    public async Task ShouldDefaultTheProviderToOpenAiAndTakeTheModeFromModelInfo()
    {
        var groups = (await Handle(TestCaller.Admin())).Data;

        var embed = groups[0];
        Assert.That(embed.Providers, Is.EqualTo(new[] { "openai" }));
        Assert.That(embed.Mode, Is.EqualTo("embedding"));
        Assert.That((embed.Tpm, embed.Rpm, embed.MaxInputTokens, embed.InputCostPerToken), Is.EqualTo(((long?)null, (long?)null, (long?)null, (double?)null)));
        Assert.That(groups[2].Providers, Is.EqualTo(new[] { "anthropic" }));
        Assert.That(groups[2].Mode, Is.EqualTo("completion"));
    }

    [Test]
    public async Task ShouldGroupOnlyTheModelsTheCallerMaySee()
    {
        _ports.GivenMemberships("bob");

        var groups = (await Handle(TestCaller.InternalUser("bob"))).Data;

        Assert.That(groups.Select(g => g.ModelGroup), Is.EqualTo(new[] { "embed", "gpt-4o" }));
    }

    private async Task<ModelGroupListDto> Handle(ICurrentCaller caller) =>
        await new GetModelGroupInfoQueryHandler(_ports.Visibility(caller), _ports.Reader).Handle(new GetModelGroupInfoQuery(), CancellationToken.None);
}
