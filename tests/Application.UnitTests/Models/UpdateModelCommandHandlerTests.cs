using ProxyAdmin.Application.Common.Concurrency;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Models;
using ProxyAdmin.Application.Models.Commands.UpdateModel;
using ProxyAdmin.Application.UnitTests.Teams;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Models;
using ProxyAdmin.Domain.Teams;
using static ProxyAdmin.Application.UnitTests.Models.ModelFixtures;
using ProxyAdmin.Domain.Common;

namespace ProxyAdmin.Application.UnitTests.Models;

/// <summary>The model update as LiteLLM's older <c>POST /model/update</c> sends it.</summary>
public sealed class UpdateModelCommandHandlerTests
{
    private ModelPorts _ports = null!;
    private Team _t1 = null!;
    private ModelDeployment _global = null!;
    private ModelDeployment _teamModel = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new ModelPorts();
        _t1 = TeamFixtures.TeamWithAdminAndMember("t1", admin: "alice", member: "bob");
        _ports.GivenTeams(_t1);
        _global = Stored(
            "g1",
            "gpt-4o",
            """{"model":"openai/gpt-4o","api_key":"sk-provider-secret-1234","api_base":"https://api.example.com","input_cost_per_token":0.001}""",
            """{"mode":"chat","output_cost_per_token":0.002}""");
        _teamModel = Stored("tm1", "claude", """{"model":"anthropic/claude"}""", teamId: "t1");
        TeamModelLinks.Link(_t1, _teamModel, new AuditStamp(TestData.CreatedBy, TestData.Earlier));
        _ports.GivenModels(_global, _teamModel);
    }

    [Test]
    public async Task ShouldMergeParametersKeepingEveryStoredKeyThatIsNotSent()
    {
        var updated = await Handle(new UpdateModelCommand { ModelInfo = Json("""{"id":"g1"}"""), LitellmParams = Json("""{"model":"openai/gpt-4o-2024"}""") });

        Assert.That(
            _global.LitellmParams.ToJsonString(),
            Is.EqualTo("""{"model":"enc:openai/gpt-4o-2024","api_key":"enc:sk-provider-secret-1234","api_base":"enc:https://api.example.com","input_cost_per_token":0.001}"""));
        Assert.That(updated.ModelId, Is.EqualTo("g1"));
        Assert.That(updated.LitellmParams.Text("model"), Is.EqualTo("openai/gpt-4o-2024"));
        Assert.That(updated.LitellmParams.Text("api_key"), Is.EqualTo("****1234"));
        _ports.Ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldIgnoreNullsEvenForPricingFields()
    {
        await Handle(new UpdateModelCommand
        {
            ModelInfo = Json("""{"id":"g1","output_cost_per_token":null,"mode":null}"""),
            LitellmParams = Json("""{"input_cost_per_token":null,"api_key":null}"""),
        });

        Assert.That(_global.LitellmParams["input_cost_per_token"]!.GetValue<double>(), Is.EqualTo(0.001));
        Assert.That(_global.LitellmParams.Text("api_key"), Is.EqualTo("enc:sk-provider-secret-1234"));
        Assert.That(_global.ModelInfo.ToJsonString(), Is.EqualTo("""{"mode":"chat","output_cost_per_token":0.002}"""));
    }

    [Test]
    public async Task ShouldRenameAndAuditTheModel()
    {
        var updated = await Handle(new UpdateModelCommand { ModelInfo = Json("""{"id":"g1","base_model":"gpt-4o"}"""), ModelName = "gpt-4o-latest" });

        Assert.That(_global.ModelName, Is.EqualTo("gpt-4o-latest"));
        Assert.That(_global.ModelInfo.Text("base_model"), Is.EqualTo("gpt-4o"));
        var row = _ports.Ports.AuditRecords.Single();
        Assert.That((row.Action, row.TableName, row.ObjectId), Is.EqualTo((AuditAction.Updated, AuditTables.Models, "g1")));
        Assert.That(((ModelDto)row.Before!).ModelName, Is.EqualTo("gpt-4o"));
        Assert.That(row.After, Is.EqualTo(updated));
    }

    [Test]
    public async Task ShouldAcceptAWholeNumberId()
    {
        var numbered = Stored("7", "mistral", """{"model":"mistral/large"}""");
        _ports.GivenModels(numbered);

        var updated = await Handle(new UpdateModelCommand { ModelInfo = Json("""{"id":7}"""), LitellmParams = Json("""{"rpm":3}""") });

        Assert.That(updated.ModelId, Is.EqualTo("7"));
        Assert.That(numbered.LitellmParams["rpm"]!.GetValue<int>(), Is.EqualTo(3));
    }

    [Test]
    public async Task ShouldLetATeamAdminRenameTheirTeamsModel()
    {
        await Handle(new UpdateModelCommand { ModelInfo = Json("""{"id":"tm1","team_id":"t1"}"""), ModelName = "claude-v2" }, TestCaller.InternalUser("alice"));

        Assert.That(_teamModel.PublicName, Is.EqualTo("claude-v2"));
        Assert.That(_t1.Models, Is.EqualTo(new[] { "claude-v2" }));
        Assert.That(_t1.ModelAliases.Keys, Is.EqualTo(new[] { "claude-v2" }));
    }

    [Test]
    public void ShouldForbidATeamMemberWhoIsNotATeamAdmin()
    {
        Assert.ThrowsAsync<ForbiddenAccessException>(async () =>
            await Handle(new UpdateModelCommand { ModelInfo = Json("""{"id":"tm1"}"""), ModelName = "mine" }, TestCaller.InternalUser("bob")));

        Assert.That(_teamModel.PublicName, Is.EqualTo("claude"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseAConfigModelWithBadRequest()
    {
        _ports.ConfigModels.Add(Config("cfg-1", "gpt-4o", """{"model":"openai/gpt-4o"}"""));

        var refused = Assert.ThrowsAsync<BadRequestException>(async () => await Handle(new UpdateModelCommand { ModelInfo = Json("""{"id":"cfg-1"}""") }));

        Assert.That(refused!.Message, Does.Contain("config-based"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseAnUnknownModelWithNotFound()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new UpdateModelCommand { ModelInfo = Json("""{"id":"ghost"}""") }));

        Assert.That(missing!.Message, Does.Contain("ghost"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseAStaleIfMatchBeforeChangingAnything()
    {
        _ports.Ports.Conditional.IfMatch = EntityTags.Of(AuditTables.Models, "g1", _global.Version + 1);

        var stale = Assert.ThrowsAsync<PreconditionFailedException>(async () => await Handle(new UpdateModelCommand { ModelInfo = Json("""{"id":"g1"}"""), LitellmParams = Json("""{"rpm":3}""") }));

        Assert.That(stale!.CurrentEntityTag, Is.EqualTo(EntityTags.Of(AuditTables.Models, "g1", _global.Version)));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public async Task ShouldWriteUnderTheCurrentTagAndAnswerWithTheStoredVersionsTag()
    {
        _ports.Ports.Conditional.IfMatch = EntityTags.Of(AuditTables.Models, "g1", _global.Version);

        await Handle(new UpdateModelCommand { ModelInfo = Json("""{"id":"g1"}"""), LitellmParams = Json("""{"rpm":4}""") });

        Assert.That(_ports.Ports.Conditional.Answered, Is.EqualTo(new[] { EntityTags.Of(AuditTables.Models, "g1", _global.Version) }));
    }

    private async Task<ModelDto> Handle(UpdateModelCommand command, ICurrentCaller? caller = null) =>
        await _ports.UpdateHandler(caller ?? TestCaller.Admin()).Handle(command, CancellationToken.None);
}

public sealed class UpdateModelCommandValidatorTests
{
    private readonly UpdateModelCommandValidator _validator = new();

    [Test]
    public void ShouldAcceptAnId() => Assert.That(_validator.InvalidFields(new UpdateModelCommand { ModelInfo = Json("""{"id":"m1"}""") }), Is.Empty);

    [Test]
    public void ShouldRequireTheModelIdInModelInfo() =>
        Assert.That(
            _validator.Validate(new UpdateModelCommand { ModelInfo = Json("""{"mode":"chat"}""") }).Errors.Select(e => (e.PropertyName, e.ErrorMessage)),
            Is.EqualTo(new[] { ("model_info.id", "model_info.id not provided: it names the model to update.") }));

    [Test]
    public void ShouldRejectABlankTeamIdAndAnEmptyModelName() =>
        Assert.That(
            _validator.InvalidFields(new UpdateModelCommand { ModelInfo = Json("""{"id":"m1","team_id":""}"""), ModelName = "" }),
            Is.EquivalentTo(new[] { "model_info.team_id", "model_name" }));
}
