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
        _ports.GivenTeams(TeamFixtures.TeamWithAdminAndMember("t1", "alice", "bob"));
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

    [Test]
    public async Task ShouldGiveEveryModelGroupInfoFieldWithLiteLlmsDefaults()
    {
        var embed = (await Handle(TestCaller.Admin())).Data[0];

        Assert.Multiple(() =>
        {
            Assert.That((embed.Itpm, embed.Otpm, embed.InputCostPerPixel, embed.MaxOutputTokens), Is.EqualTo(((long?)null, (long?)null, (double?)null, (long?)null)));
            Assert.That(
                new[] { embed.SupportsParallelFunctionCalling, embed.SupportsVision, embed.SupportsWebSearch, embed.SupportsUrlContext, embed.SupportsReasoning, embed.SupportsFunctionCalling },
                Is.All.False);
            Assert.That(embed.SupportedOpenaiParams, Is.Empty);
            Assert.That(embed.SupportedReasoningEfforts, Is.Null);
            Assert.That(embed.ConfigurableClientsideAuthParams, Is.Null);
            Assert.That(embed.IsPublicModelGroup, Is.False);
            Assert.That((embed.HealthStatus, embed.HealthResponseTime, embed.HealthCheckedAt), Is.EqualTo(((string?)null, (double?)null, (string?)null)));
        });
    }

    [Test]
    public async Task ShouldReadCapabilitiesFromModelInfoAndRatesFromParamsAndPricingMirroredFromParams()
    {
        _ports.GivenModels(
            Stored(
                "v1",
                "vision",
                """{"model":"openai/gpt-4o","itpm":7,"configurable_clientside_auth_params":["api_base"],"input_cost_per_token":0.25}""",
                """{"supports_vision":true,"supported_openai_params":["tools","stream"],"supported_reasoning_efforts":["low"],"otpm":3,"input_cost_per_pixel":0.01}""",
                minutesAfterEarlier: 6),
            Stored("v2", "vision", """{"model":"openai/gpt-4o","itpm":5}""", """{"supports_function_calling":true,"supported_openai_params":["stream","n"]}""", minutesAfterEarlier: 7));

        var vision = (await Handle(TestCaller.Admin(), "vision")).Data.Single();

        Assert.Multiple(() =>
        {
            Assert.That(vision.ModelGroup, Is.EqualTo("vision"));
            Assert.That((vision.SupportsVision, vision.SupportsFunctionCalling, vision.SupportsReasoning), Is.EqualTo((true, true, false)));
            Assert.That(vision.SupportedOpenaiParams, Is.EqualTo(new[] { "tools", "stream", "n" }));
            Assert.That(vision.SupportedReasoningEfforts, Is.EqualTo(new[] { "low" }));
            Assert.That((vision.Itpm, vision.Otpm), Is.EqualTo(((long?)12, (long?)3)), "litellm_params first, else model_info, summed");
            Assert.That(vision.InputCostPerToken, Is.EqualTo(0.25), "custom pricing in litellm_params is mirrored into model_info");
            Assert.That(vision.InputCostPerPixel, Is.EqualTo(0.01));
            Assert.That(vision.ConfigurableClientsideAuthParams!.ToJsonString(), Is.EqualTo("""["api_base"]"""));
        });
    }

    [Test]
    public async Task ShouldGiveOnlyTheAskedGroup()
    {
        var groups = (await Handle(TestCaller.Admin(), "team-claude")).Data;

        Assert.That(groups.Select(g => g.ModelGroup), Is.EqualTo(new[] { "team-claude" }));
        Assert.That((await Handle(TestCaller.Admin(), "nothing-like-it")).Data, Is.Empty);
    }

    private async Task<ModelGroupListDto> Handle(ICurrentCaller caller, string? modelGroup = null) =>
        await new GetModelGroupInfoQueryHandler(_ports.Visibility(caller), _ports.Reader).Handle(new GetModelGroupInfoQuery(modelGroup), CancellationToken.None);
}
