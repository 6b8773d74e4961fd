using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Application.Common.Concurrency;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Models;
using ProxyAdmin.Application.Models.Queries.GetModelInfo;
using ProxyAdmin.Application.UnitTests.Teams;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Keys;
using ProxyAdmin.Domain.Teams;
using ProxyAdmin.Domain.Users;
using ProxyAdmin.Domain.Common;

namespace ProxyAdmin.Application.UnitTests.Models;

public sealed class GetModelInfoQueryHandlerTests
{
    private ModelPorts _ports = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new ModelPorts();
        _ports.GivenCatalog();
    }

    [Test]
    public async Task ShouldShowAnAdminATeamModelUnderItsPublicNameWithSecretsMasked()
    {
        var model = await Handle(new GetModelInfoQuery("g1"), TestCaller.Admin());
        var teamModel = await Handle(new GetModelInfoQuery("tm1"), TestCaller.AdminViewer());

        Assert.That(model.ModelName, Is.EqualTo("gpt-4o"));
        Assert.That(model.LitellmParams.ToJsonString(), Is.EqualTo("""{"model":"openai/gpt-4o","api_key":"****1234"}"""));
        Assert.That(model.ModelInfo["db_model"]!.GetValue<bool>(), Is.True);
        Assert.That(teamModel.ModelName, Is.EqualTo("t1-model"), "an edit form bound to a read never sees the internal name");
        Assert.That(teamModel.ModelInfo.Text("team_public_model_name"), Is.EqualTo("t1-model"));
    }

    [Test]
    public async Task ShouldShowATeamMemberTheirTeamsModelUnderItsPublicName()
    {
        var model = await Handle(new GetModelInfoQuery("tm1"), TestCaller.InternalUser("bob"));

        Assert.That(model.ModelId, Is.EqualTo("tm1"));
        Assert.That(model.ModelName, Is.EqualTo("t1-model"));
    }

    [Test]
    public async Task ShouldShowAConfigModelMarkedAsNotStoredInTheDatabase()
    {
        var model = await Handle(new GetModelInfoQuery("cfg-a"), TestCaller.InternalUser("bob"));

        Assert.That(model.ModelName, Is.EqualTo("azure-gpt"));
        Assert.That(model.LitellmParams.Text("api_key"), Is.EqualTo("****5678"));
        Assert.That(model.ModelInfo["db_model"]!.GetValue<bool>(), Is.False);
        Assert.That(model.ModelInfo.Text("id"), Is.EqualTo("cfg-a"));
        Assert.That(model.CreatedAt, Is.Null);
    }

    [Test]
    public async Task ShouldShowNothingOfASecretObjectInAConfigModel()
    {
        _ports.ConfigModels.Add(ModelFixtures.Config("cfg-vertex", "gemini", """{"model":"vertex_ai/gemini-pro","vertex_credentials":{"private_key":"pk-config-8765"},"max_tokens":5}"""));

        var model = await Handle(new GetModelInfoQuery("cfg-vertex"), TestCaller.Admin());

        Assert.That(model.LitellmParams.Text("vertex_credentials"), Is.EqualTo("****"));
        Assert.That(model.LitellmParams["max_tokens"]!.GetValue<int>(), Is.EqualTo(5), "secret-looking numbers are not secrets");
    }

    [TestCase("tm2")]
    [TestCase("cfg-team")]
    public void ShouldHideAnotherTeamsModel(string modelId)
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new GetModelInfoQuery(modelId), TestCaller.InternalUser("bob")));

        Assert.That(missing!.Param, Is.EqualTo("litellm_model_id"));
        Assert.That(missing.Message, Does.Contain(modelId));
    }

    [Test]
    public async Task ShouldHideAModelTheCallersKeyDoesNotAllow()
    {
        _ports.Ports.GivenKeys(TestData.Key("sk-caller-presented-key", "bob", new KeySettings { Models = ["gpt-4o"] }));

        var allowed = await Handle(new GetModelInfoQuery("g1"), TestCaller.InternalUser("bob"));
        Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new GetModelInfoQuery("g2"), TestCaller.InternalUser("bob")));
        var teamModel = await Handle(new GetModelInfoQuery("tm1"), TestCaller.InternalUser("bob"));

        Assert.That(allowed.ModelId, Is.EqualTo("g1"));
        Assert.That(teamModel.ModelId, Is.EqualTo("tm1"), "the team's own models stay visible to its members");
    }

    [Test]
    public async Task ShouldAllowOnlyWhatTheKeyTheKeysTeamAndTheUserAllAllow()
    {
        _ports.GivenTeams(TeamFixtures.Team("t-key", new TeamSettings { Models = ["gpt-4o", "claude"] }));
        _ports.Ports.GivenKeys(TestData.Key("sk-caller-presented-key", "dave", new KeySettings { TeamId = "t-key", Models = ["all-proxy-models"] }));
        _ports.Ports.GivenUsers(User.Create("dave", UserRole.InternalUser, new UserProfile { Models = ["claude", "azure-gpt"] }, new AuditStamp(TestData.CreatedBy, TestData.Earlier)));

        var claude = await Handle(new GetModelInfoQuery("g2"), TestCaller.InternalUser("dave"));
        Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new GetModelInfoQuery("g1"), TestCaller.InternalUser("dave")));
        Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new GetModelInfoQuery("cfg-a"), TestCaller.InternalUser("dave")));

        Assert.That(claude.ModelName, Is.EqualTo("claude"));
    }

    [Test]
    public void ShouldRefuseAnUnknownModelWithNotFound()
    {
        Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new GetModelInfoQuery("ghost"), TestCaller.Admin()));
    }

    [Test]
    public async Task ShouldAnswerAListOfExactlyOne()
    {
        var list = await new GetModelInfoQueryHandler(_ports.Models.Object, _ports.Config.Object, _ports.Visibility(TestCaller.Admin()), _ports.Presenter, _ports.Ports.Tags)
            .Handle(new GetModelInfoQuery("g2"), CancellationToken.None);

        Assert.That(list.Data.Select(m => m.ModelId), Is.EqualTo(new[] { "g2" }));
    }

    [Test]
    public async Task ShouldMirrorCustomPricingFromLitellmParamsIntoModelInfo()
    {
        _ports.GivenModels(ModelFixtures.Stored(
            "priced",
            "priced",
            """{"model":"openai/gpt-4o","input_cost_per_token":0.5,"cache_read_input_token_cost":0.1,"input_cost_per_second":0.2}""",
            """{"input_cost_per_token":0.9,"output_cost_per_token":0.3}"""));
        _ports.ConfigModels.Add(ModelFixtures.Config("cfg-priced", "cfg-priced", """{"model":"openai/gpt-4o","output_cost_per_character":0.7}"""));

        var stored = await Handle(new GetModelInfoQuery("priced"), TestCaller.Admin());
        var config = await Handle(new GetModelInfoQuery("cfg-priced"), TestCaller.Admin());

        Assert.That(stored.ModelInfo["input_cost_per_token"]!.GetValue<double>(), Is.EqualTo(0.5), "the parameter is the price charged");
        Assert.That(stored.ModelInfo["cache_read_input_token_cost"]!.GetValue<double>(), Is.EqualTo(0.1));
        Assert.That(stored.ModelInfo["output_cost_per_token"]!.GetValue<double>(), Is.EqualTo(0.3), "model_info's own price stays when no parameter sets it");
        Assert.That(stored.ModelInfo.ContainsKey("input_cost_per_second"), Is.False, "only LiteLLM's SPECIAL_MODEL_INFO_PARAMS are mirrored");
        Assert.That(config.ModelInfo["output_cost_per_character"]!.GetValue<double>(), Is.EqualTo(0.7));
    }

    [Test]
    public async Task ShouldAnswerWithTheTagOfTheStoredVersionShown()
    {
        await Handle(new GetModelInfoQuery("g1"), TestCaller.Admin());

        Assert.That(_ports.Ports.Conditional.Answered, Is.EqualTo(new[] { EntityTags.Of(AuditTables.Models, "g1", 0) }));
    }

    private async Task<ModelDto> Handle(GetModelInfoQuery query, ICurrentCaller caller) =>
        (await new GetModelInfoQueryHandler(_ports.Models.Object, _ports.Config.Object, _ports.Visibility(caller), _ports.Presenter, _ports.Ports.Tags)
            .Handle(query, CancellationToken.None)).Data.Single();
}
