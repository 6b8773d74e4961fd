using Moq;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Models;
using ProxyAdmin.Application.Models.Commands.UpdateModel;
using ProxyAdmin.Application.Teams;
using ProxyAdmin.Application.UnitTests.Teams;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Models;
using ProxyAdmin.Domain.Teams;
using static ProxyAdmin.Application.UnitTests.Models.ModelFixtures;
using ProxyAdmin.Domain.Common;

namespace ProxyAdmin.Application.UnitTests.Models;

/// <summary>The model update as <c>PATCH /model/{model_id}/update</c> sends it.</summary>
public sealed class UpdateModelCommandHandlerPatchTests
{
    private ModelPorts _ports = null!;
    private Team _t1 = null!;
    private Team _t2 = null!;
    private ModelDeployment _global = null!;
    private ModelDeployment _teamModel = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new ModelPorts();
        _t1 = TeamFixtures.TeamWithAdminAndMember("t1", admin: "alice", member: "bob");
        _t2 = TeamFixtures.Team("t2", new TeamSettings(), ("alice", TeamRole.Admin), ("carol", TeamRole.Admin));
        _ports.GivenTeams(_t1, _t2, TeamFixtures.Team("t3", new TeamSettings(), ("carol", TeamRole.Admin)));
        _global = Stored(
            "g1",
            "gpt-4o",
            """{"model":"openai/gpt-4o","api_key":"sk-provider-secret-1234","input_cost_per_token":0.001,"rpm":10}""",
            """{"input_cost_per_token":0.001,"output_cost_per_token":0.002,"mode":"chat","base_model":"gpt-4o"}""");
        _teamModel = Stored("tm1", "claude", """{"model":"anthropic/claude"}""", teamId: "t1");
        TeamModelLinks.Link(_t1, _teamModel, new AuditStamp(TestData.CreatedBy, TestData.Earlier));
        _ports.GivenModels(_global, _teamModel);
    }

    [Test]
    public async Task ShouldMergeParametersEncryptingNewStringsAndKeepingTheRest()
    {
        var updated = await Handle(new PatchModelCommand("g1", new PatchModelRequest { LitellmParams = Json("""{"api_key":"sk-rotated-secret-9999","timeout":30}""") }));

        Assert.That(
            _global.LitellmParams.ToJsonString(),
            Is.EqualTo("""{"model":"enc:openai/gpt-4o","api_key":"enc:sk-rotated-secret-9999","input_cost_per_token":0.001,"rpm":10,"timeout":30}"""));
        Assert.That(updated.LitellmParams.Text("api_key"), Is.EqualTo("****9999"));
        Assert.That(updated.LitellmParams.Text("model"), Is.EqualTo("openai/gpt-4o"));
        Assert.That(updated.UpdatedBy, Is.EqualTo("admin"));
        Assert.That(updated.UpdatedAt, Is.EqualTo(_ports.Ports.Now));
        _ports.Ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldSealASecretObjectSentInAPatch()
    {
        var updated = await Handle(new PatchModelCommand("g1", new PatchModelRequest { LitellmParams = Json("""{"vertex_credentials":{"private_key":"pk-rotated-4321"}}""") }));

        Assert.That(_global.LitellmParams["vertex_credentials"]!.GetValue<string>(), Does.StartWith(PrefixSecretProtector.Prefix));
        Assert.That(updated.LitellmParams.ToJsonString(), Does.Not.Contain("pk-rotated"));
    }

    [Test]
    public async Task ShouldClearOnlyPricingFieldsSentAsNullAndFromBothBlobs()
    {
        var updated = await Handle(new PatchModelCommand("g1", new PatchModelRequest
        {
            LitellmParams = Json("""{"input_cost_per_token":null,"api_key":null,"rpm":null}"""),
            ModelInfo = Json("""{"output_cost_per_token":null,"mode":null}"""),
        }));

        Assert.That(_global.LitellmParams.ToJsonString(), Is.EqualTo("""{"model":"enc:openai/gpt-4o","api_key":"enc:sk-provider-secret-1234","rpm":10}"""));
        Assert.That(_global.ModelInfo.ToJsonString(), Is.EqualTo("""{"mode":"chat","base_model":"gpt-4o"}"""));
        Assert.That(updated.ModelInfo.ContainsKey("input_cost_per_token"), Is.False);
        Assert.That(updated.LitellmParams.Text("api_key"), Is.EqualTo("****1234"), "a null secret is ignored, never cleared");
    }

    [Test]
    public async Task ShouldMergeModelInfoButNeverItsDerivedKeys()
    {
        var updated = await Handle(new PatchModelCommand("g1", new PatchModelRequest { ModelInfo = Json("""{"id":"hijacked","db_model":false,"base_model":"gpt-4o-2024","max_tokens":4096}""") }));

        Assert.That(_global.ModelId, Is.EqualTo("g1"));
        Assert.That(
            _global.ModelInfo.ToJsonString(),
            Is.EqualTo("""{"input_cost_per_token":0.001,"output_cost_per_token":0.002,"mode":"chat","base_model":"gpt-4o-2024","max_tokens":4096}"""));
        Assert.That(updated.ModelInfo.Text("id"), Is.EqualTo("g1"));
        Assert.That(updated.ModelInfo["db_model"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public async Task ShouldAuditTheModelBeforeAndAfter()
    {
        var updated = await Handle(new PatchModelCommand("g1", new PatchModelRequest { ModelName = "gpt-4o-latest" }));

        var row = _ports.Ports.AuditRecords.Single();
        Assert.That((row.Action, row.TableName, row.ObjectId), Is.EqualTo((AuditAction.Updated, AuditTables.Models, "g1")));
        Assert.That(((ModelDto)row.Before!).ModelName, Is.EqualTo("gpt-4o"));
        Assert.That(row.After, Is.EqualTo(updated));
        Assert.That(updated.ModelName, Is.EqualTo("gpt-4o-latest"));
        Assert.That(((ModelDto)row.Before!).LitellmParams.Text("api_key"), Is.EqualTo("****1234"), "audit snapshots are masked too");
    }

    [Test]
    public async Task ShouldLetAProxyAdminBlockAModel()
    {
        var updated = await Handle(new PatchModelCommand("g1", new PatchModelRequest { Blocked = true }));

        Assert.That(_global.Blocked, Is.True);
        Assert.That(updated.Blocked, Is.True);
        Assert.That(updated.ModelInfo["blocked"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public void ShouldForbidATeamAdminToChangeTheBlockedFlag()
    {
        var refused = Assert.ThrowsAsync<ForbiddenAccessException>(async () =>
            await Handle(new PatchModelCommand("tm1", new PatchModelRequest { Blocked = true }), TestCaller.InternalUser("alice")));

        Assert.That(refused!.Message, Is.EqualTo("Only proxy admins can change a model's blocked flag."));
        Assert.That(refused.Param, Is.EqualTo("blocked"));
        Assert.That(_teamModel.Blocked, Is.False);
        _ports.VerifyNothingWritten();
    }

    [Test]
    public async Task ShouldLetATeamAdminResendTheCurrentBlockedFlag()
    {
        var updated = await Handle(new PatchModelCommand("tm1", new PatchModelRequest { Blocked = false, LitellmParams = Json("""{"rpm":5}""") }), TestCaller.InternalUser("alice"));

        Assert.That(updated.Blocked, Is.False);
        Assert.That(_teamModel.LitellmParams["rpm"]!.GetValue<int>(), Is.EqualTo(5));
    }

    [Test]
    public async Task ShouldIgnoreABlockedFlagSmuggledInModelInfo()
    {
        await Handle(new PatchModelCommand("tm1", new PatchModelRequest { ModelInfo = Json("""{"blocked":true,"team_public_model_name":"other"}""") }), TestCaller.InternalUser("alice"));

        Assert.That(_teamModel.Blocked, Is.False);
        Assert.That(_teamModel.PublicName, Is.EqualTo("claude"));
    }

    [Test]
    public async Task ShouldRenameATeamModelAndMoveItsNameAndAliasInTheTeam()
    {
        var internalName = _teamModel.ModelName;

        var updated = await Handle(new PatchModelCommand("tm1", new PatchModelRequest { ModelName = "claude-v2" }), TestCaller.InternalUser("alice"));

        Assert.That(_teamModel.PublicName, Is.EqualTo("claude-v2"));
        Assert.That(_teamModel.ModelName, Is.EqualTo(internalName), "the internal name stays");
        Assert.That(updated.ModelInfo.Text("team_public_model_name"), Is.EqualTo("claude-v2"));
        Assert.That(_t1.Models, Is.EqualTo(new[] { "claude-v2" }));
        Assert.That(_t1.ModelAliases, Is.EqualTo(new Dictionary<string, string> { ["claude-v2"] = internalName }));
        Assert.That(_ports.Ports.AuditRecords.Select(r => (r.Action, r.TableName, r.ObjectId)), Is.EqualTo(new[]
        {
            (AuditAction.Updated, AuditTables.Models, "tm1"),
            (AuditAction.Updated, AuditTables.Teams, "t1"),
        }));
        Assert.That(((TeamDto)_ports.Ports.AuditRecords[1].Before!).Models, Is.EqualTo(new[] { "claude" }));
        _ports.Ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldTreatAnEditFormResendingTheInternalOrUnchangedPublicNameAsNoRename()
    {
        var internalName = _teamModel.ModelName;
        var teamBefore = (_t1.Models.ToList(), _t1.ModelAliases.ToDictionary());

        // The admin UI's edit form echoes what it read: the internal name (older reads) or the public name, and the model_info blob.
        await Handle(new PatchModelCommand("tm1", new PatchModelRequest
        {
            ModelName = internalName,
            LitellmParams = Json("""{"rpm":9}"""),
            ModelInfo = Json($$"""{"team_id":"t1","team_public_model_name":"{{internalName}}"}"""),
        }), TestCaller.InternalUser("alice"));
        await Handle(new PatchModelCommand("tm1", new PatchModelRequest { ModelName = "claude", LitellmParams = Json("""{"rpm":10}""") }), TestCaller.InternalUser("alice"));
        await Handle(new PatchModelCommand("tm1", new PatchModelRequest { ModelName = "model_name_t1_another-deployment" }), TestCaller.InternalUser("alice"));

        Assert.That(_teamModel.PublicName, Is.EqualTo("claude"));
        Assert.That(_teamModel.ModelName, Is.EqualTo(internalName));
        Assert.That(_teamModel.ModelInfo.Text("team_public_model_name"), Is.EqualTo("claude"));
        Assert.That(_teamModel.LitellmParams["rpm"]!.GetValue<int>(), Is.EqualTo(10), "the rest of each edit is applied");
        Assert.That((_t1.Models.ToList(), _t1.ModelAliases.ToDictionary()), Is.EqualTo(teamBefore), "the team's models and aliases are untouched");
        Assert.That(_ports.Ports.AuditRecords.Select(r => r.TableName), Is.All.EqualTo(AuditTables.Models), "no team row changed");
    }

    [Test]
    public async Task ShouldNotTakeAnInternalShapedNameOfTheDestinationTeamAsANewPublicName()
    {
        await Handle(new PatchModelCommand("g1", new PatchModelRequest { ModelName = "model_name_t3_1234", ModelInfo = Json("""{"team_id":"t3"}""") }));

        Assert.That(_global.PublicName, Is.EqualTo("gpt-4o"));
        Assert.That(_global.TeamId, Is.EqualTo("t3"));
    }

    [Test]
    public async Task ShouldKeepTheOldNameWhileASiblingServesItAndPointItsAliasAtTheSibling()
    {
        var sibling = Stored("tm2", "claude", """{"model":"anthropic/claude"}""", teamId: "t1", minutesAfterEarlier: 1);
        _ports.GivenSiblings("t1", "claude", sibling);

        await Handle(new PatchModelCommand("tm1", new PatchModelRequest { ModelName = "claude-v2" }), TestCaller.InternalUser("alice"));

        Assert.That(_t1.Models, Is.EqualTo(new[] { "claude", "claude-v2" }));
        Assert.That(_t1.ModelAliases, Is.EqualTo(new Dictionary<string, string> { ["claude"] = sibling.ModelName, ["claude-v2"] = _teamModel.ModelName }));
    }

    [Test]
    public async Task ShouldReHomeATeamModelToAnotherTeamTheCallerAdministers()
    {
        var oldInternalName = _teamModel.ModelName;

        var updated = await Handle(new PatchModelCommand("tm1", new PatchModelRequest { ModelInfo = Json("""{"team_id":"t2"}""") }), TestCaller.InternalUser("alice"));

        Assert.That(_teamModel.TeamId, Is.EqualTo("t2"));
        Assert.That(_teamModel.ModelName, Does.StartWith("model_name_t2_").And.Not.EqualTo(oldInternalName));
        Assert.That(updated.ModelInfo.Text("team_id"), Is.EqualTo("t2"));
        Assert.That(_t1.Models, Is.Empty);
        Assert.That(_t1.ModelAliases, Is.Empty);
        Assert.That(_t2.Models, Is.EqualTo(new[] { "claude" }));
        Assert.That(_t2.ModelAliases, Is.EqualTo(new Dictionary<string, string> { ["claude"] = _teamModel.ModelName }));
        Assert.That(_ports.Ports.AuditRecords.Select(r => (r.TableName, r.ObjectId)), Is.EqualTo(new[]
        {
            (AuditTables.Models, "tm1"),
            (AuditTables.Teams, "t1"),
            (AuditTables.Teams, "t2"),
        }));
        _ports.Ports.VerifySavedOnce();
    }

    [Test]
    public void ShouldForbidReHomingToATeamTheCallerDoesNotAdminister()
    {
        var refused = Assert.ThrowsAsync<ForbiddenAccessException>(async () =>
            await Handle(new PatchModelCommand("tm1", new PatchModelRequest { ModelInfo = Json("""{"team_id":"t3"}""") }), TestCaller.InternalUser("alice")));

        Assert.That(refused!.Message, Does.Contain("t3"));
        Assert.That(_teamModel.TeamId, Is.EqualTo("t1"));
        Assert.That(_t1.Models, Is.EqualTo(new[] { "claude" }));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public async Task ShouldLetAProxyAdminMoveAGlobalModelIntoATeam()
    {
        await Handle(new PatchModelCommand("g1", new PatchModelRequest { ModelInfo = Json("""{"team_id":"t3"}""") }));

        Assert.That(_global.TeamId, Is.EqualTo("t3"));
        Assert.That(_global.PublicName, Is.EqualTo("gpt-4o"));
        Assert.That(_global.ModelName, Does.StartWith("model_name_t3_"));
    }

    [Test]
    public void ShouldForbidANonAdminToPatchAModelWithoutATeam()
    {
        Assert.ThrowsAsync<ForbiddenAccessException>(async () =>
            await Handle(new PatchModelCommand("g1", new PatchModelRequest { ModelInfo = Json("""{"team_id":"t1"}""") }), TestCaller.InternalUser("alice")));

        Assert.That(_global.TeamId, Is.Null);
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldForbidAMemberWhoIsNotATeamAdminToPatchATeamModel()
    {
        var refused = Assert.ThrowsAsync<ForbiddenAccessException>(async () =>
            await Handle(new PatchModelCommand("tm1", new PatchModelRequest { ModelName = "mine" }), TestCaller.InternalUser("bob")));

        Assert.That(refused!.Message, Does.Contain("does not match the API key's team"));
        Assert.That(_teamModel.PublicName, Is.EqualTo("claude"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldAnswerAnOutsiderAboutATeamModelAsAboutAMissingOne()
    {
        var hidden = Assert.ThrowsAsync<NotFoundException>(async () =>
            await Handle(new PatchModelCommand("tm1", new PatchModelRequest { ModelName = "mine" }), TestCaller.InternalUser("mallory")));

        Assert.That(hidden!.Message, Is.EqualTo("Model tm1 not found on proxy: model not found in db or config."));
        Assert.That(hidden.Param, Is.EqualTo("model_id"));
        Assert.That(_teamModel.PublicName, Is.EqualTo("claude"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public async Task ShouldLetOnlyAProxyAdminPatchAModelWhoseTeamIsGone()
    {
        var orphan = Stored("o1", "mistral", """{"model":"mistral/large"}""", teamId: "gone");
        _ports.GivenModels(orphan);

        Assert.ThrowsAsync<NotFoundException>(async () =>
            await Handle(new PatchModelCommand("o1", new PatchModelRequest { LitellmParams = Json("""{"rpm":1}""") }), TestCaller.InternalUser("alice")));
        var updated = await Handle(new PatchModelCommand("o1", new PatchModelRequest { LitellmParams = Json("""{"rpm":1}""") }));

        Assert.That(updated.LitellmParams["rpm"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(_ports.Ports.AuditRecords.Select(r => r.TableName), Is.EqualTo(new[] { AuditTables.Models }));
    }

    [Test]
    public void ShouldRefuseAnUnknownModelWithNotFound()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new PatchModelCommand("ghost", new PatchModelRequest { ModelName = "x" })));

        Assert.That(missing!.Param, Is.EqualTo("model_id"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseAConfigModelWithBadRequest()
    {
        _ports.ConfigModels.Add(Config("cfg-1", "gpt-4o", """{"model":"openai/gpt-4o"}"""));

        var refused = Assert.ThrowsAsync<BadRequestException>(async () => await Handle(new PatchModelCommand("cfg-1", new PatchModelRequest { ModelName = "x" })));

        Assert.That(refused!.Param, Is.EqualTo("model_id"));
        Assert.That(refused.Message, Does.Contain("config-based"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseUpdatesWhenModelsAreNotStoredInTheDatabase()
    {
        _ports.Settings = new ModelManagementSettings(StoreModelInDb: false);

        Assert.ThrowsAsync<BadRequestException>(async () => await Handle(new PatchModelCommand("g1", new PatchModelRequest { ModelName = "x" })));

        Assert.That(_global.ModelName, Is.EqualTo("gpt-4o"));
        _ports.VerifyNothingWritten();
    }

    private async Task<ModelDto> Handle(PatchModelCommand command, ICurrentCaller? caller = null) =>
        await _ports.UpdateHandler(caller ?? TestCaller.Admin()).Handle(command, CancellationToken.None);
}

public sealed class PatchModelCommandValidatorTests
{
    private readonly PatchModelCommandValidator _validator = new();

    [Test]
    public void ShouldAcceptAnEmptyPatch() => Assert.That(_validator.InvalidFields(new PatchModelCommand("m1", new PatchModelRequest())), Is.Empty);

    [Test]
    public void ShouldRequireTheModelId() =>
        Assert.That(_validator.Messages(new PatchModelCommand("", new PatchModelRequest())), Is.EqualTo(new[] { "'model_id' is required." }));

    [Test]
    public void ShouldRejectAnEmptyModelName() =>
        Assert.That(_validator.InvalidFields(new PatchModelCommand("m1", new PatchModelRequest { ModelName = "" })), Is.EqualTo(new[] { "model_name" }));

    [Test]
    public void ShouldRejectAPriceThatIsNotANumberButLetANullClearIt()
    {
        Assert.That(
            _validator.InvalidFields(new PatchModelCommand("m1", new PatchModelRequest { LitellmParams = Json("""{"input_cost_per_token":"0.1"}"""), ModelInfo = Json("""{"output_cost_per_token":true}""") })),
            Is.EquivalentTo(new[] { "litellm_params.input_cost_per_token", "model_info.output_cost_per_token" }));
        Assert.That(_validator.InvalidFields(new PatchModelCommand("m1", new PatchModelRequest { LitellmParams = Json("""{"input_cost_per_token":null,"cache_read_input_token_cost":0.5}""") })), Is.Empty);
    }

    [Test]
    public void ShouldRejectANonBooleanBlockedInModelInfo() =>
        Assert.That(_validator.InvalidFields(new PatchModelCommand("m1", new PatchModelRequest { ModelInfo = Json("""{"blocked":1}""") })), Is.EqualTo(new[] { "model_info.blocked" }));
}
