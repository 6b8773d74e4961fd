using System.Text.Json.Nodes;
using Moq;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Models;
using ProxyAdmin.Application.Models.Commands.CreateModel;
using ProxyAdmin.Application.Teams;
using ProxyAdmin.Application.UnitTests.Teams;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Teams;
using static ProxyAdmin.Application.UnitTests.Models.ModelFixtures;

namespace ProxyAdmin.Application.UnitTests.Models;

public sealed class CreateModelCommandHandlerTests
{
    private ModelPorts _ports = null!;
    private Team _team = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new ModelPorts();
        _team = TeamFixtures.TeamWithAdminAndMember("t1", "alice", "bob", new TeamSettings { Models = ["claude"] });
        _ports.GivenTeams(_team);
    }

    [Test]
    public async Task ShouldStoreTheDeploymentWithEveryStringParameterEncrypted()
    {
        await Handle(new CreateModelCommand
        {
            ModelName = "gpt-4o",
            LitellmParams = Json("""{"model":"openai/gpt-4o","api_key":"sk-provider-secret-1234","tpm":1000,"stream":true}"""),
            ModelInfo = Json("""{"id":"m1","mode":"chat"}"""),
        });

        var stored = _ports.Added.Single();
        Assert.That(stored.ModelId, Is.EqualTo("m1"));
        Assert.That(stored.ModelName, Is.EqualTo("gpt-4o"));
        Assert.That(stored.TeamId, Is.Null);
        Assert.That(stored.LitellmParams.ToJsonString(), Is.EqualTo("""{"model":"enc:openai/gpt-4o","api_key":"enc:sk-provider-secret-1234","tpm":1000,"stream":true}"""));
        Assert.That(stored.ModelInfo.ToJsonString(), Is.EqualTo("""{"mode":"chat"}"""), "derived keys are not stored");
        Assert.That(stored.CreatedBy, Is.EqualTo("admin"));
        Assert.That(stored.CreatedAt, Is.EqualTo(_ports.Ports.Now));
        _ports.Ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldSealASecretGivenAsAnObjectWholeAndNeverShowIt()
    {
        var created = await Handle(new CreateModelCommand
        {
            ModelName = "gemini",
            LitellmParams = Json("""{"model":"vertex_ai/gemini-pro","vertex_credentials":{"type":"service_account","private_key":"pk-secret-5678"},"metadata":{"owner":"search"}}"""),
            ModelInfo = Json("""{"id":"v1"}"""),
        });

        var stored = _ports.Added.Single().LitellmParams;
        var sealedCredentials = stored.Text("vertex_credentials");
        Assert.That(sealedCredentials, Does.StartWith(PrefixSecretProtector.Prefix), "a secret-named object is sealed as its JSON text");
        Assert.That(JsonNode.Parse(sealedCredentials![PrefixSecretProtector.Prefix.Length..])!["private_key"]!.GetValue<string>(), Is.EqualTo("pk-secret-5678"));
        Assert.That(stored["metadata"]!.ToJsonString(), Is.EqualTo("""{"owner":"search"}"""), "other objects stay as they are");
        Assert.That(created.LitellmParams.ToJsonString(), Does.Not.Contain("pk-secret"));
        Assert.That(created.LitellmParams["metadata"]!["owner"]!.GetValue<string>(), Is.EqualTo("search"));
    }

    [Test]
    public async Task ShouldSealASecretGivenAsANumberOrBooleanAndNeverShowIt()
    {
        var created = await Handle(new CreateModelCommand
        {
            ModelName = "legacy",
            LitellmParams = Json("""{"model":"custom/legacy","api_key":918273645546,"client_secret":true,"rpm":60}"""),
            ModelInfo = Json("""{"id":"n1"}"""),
        });

        var stored = _ports.Added.Single().LitellmParams;
        Assert.That(stored.Text("api_key"), Is.EqualTo(PrefixSecretProtector.Prefix + "918273645546"), "a secret-named number is sealed as its JSON text");
        Assert.That(stored.Text("client_secret"), Is.EqualTo(PrefixSecretProtector.Prefix + "true"));
        Assert.That(stored["rpm"]!.GetValue<int>(), Is.EqualTo(60), "other numbers stay as they are");
        Assert.That(created.LitellmParams.ToJsonString(), Does.Not.Contain("918273645546"));
        Assert.That(created.LitellmParams.Text("api_key"), Is.EqualTo("****5546"));
    }

    [Test]
    public async Task ShouldReturnTheDeploymentWithSecretsMaskedAndAuditIt()
    {
        var created = await Handle(new CreateModelCommand
        {
            ModelName = "gpt-4o",
            LitellmParams = Json("""{"model":"openai/gpt-4o","api_key":"sk-provider-secret-1234"}"""),
            ModelInfo = Json("""{"id":"m1"}"""),
        });

        Assert.That(created.ModelId, Is.EqualTo("m1"));
        Assert.That(created.LitellmParams.ToJsonString(), Is.EqualTo("""{"model":"openai/gpt-4o","api_key":"****1234"}"""));
        Assert.That(created.ModelInfo["id"]!.GetValue<string>(), Is.EqualTo("m1"));
        Assert.That(created.ModelInfo["db_model"]!.GetValue<bool>(), Is.True);
        Assert.That(created.DecryptionError, Is.Null);

        var row = _ports.Ports.AuditRecords.Single();
        Assert.That((row.Action, row.TableName, row.ObjectId), Is.EqualTo((AuditAction.Created, AuditTables.Models, "m1")));
        Assert.That(row.Before, Is.Null);
        Assert.That(row.After, Is.EqualTo(created));
    }

    [Test]
    public async Task ShouldAlertAboutTheNewModelOnlyOnceCommitted()
    {
        var created = await Handle(new CreateModelCommand { ModelName = "gpt-4o", LitellmParams = Json("""{"model":"openai/gpt-4o"}""") });

        _ports.Alerts.Verify(a => a.ModelAdded(It.IsAny<ModelDto>()), Times.Never);
        _ports.Ports.Commit();
        _ports.Alerts.Verify(a => a.ModelAdded(created), Times.Once);
    }

    [Test]
    public async Task ShouldGiveTheModelANewUuidWhenNoIdIsSent()
    {
        var created = await Handle(new CreateModelCommand { ModelName = "gpt-4o", LitellmParams = Json("""{"model":"openai/gpt-4o"}""") });

        Assert.That(Guid.TryParse(created.ModelId, out _), Is.True, created.ModelId);
    }

    [Test]
    public async Task ShouldAcceptAWholeNumberAsTheModelId()
    {
        var created = await Handle(new CreateModelCommand { ModelName = "gpt-4o", LitellmParams = Json("""{"model":"openai/gpt-4o"}"""), ModelInfo = Json("""{"id":42}""") });

        Assert.That(created.ModelId, Is.EqualTo("42"));
    }

    [Test]
    public async Task ShouldMakeATeamModelUnderAnInternalNameAndPublishItToTheTeam()
    {
        var created = await Handle(
            new CreateModelCommand
            {
                ModelName = "gpt-4o",
                LitellmParams = Json("""{"model":"openai/gpt-4o"}"""),
                ModelInfo = Json("""{"id":"m1","team_id":"t1","team_public_model_name":"spoofed"}"""),
            },
            TestCaller.InternalUser("alice"));

        var stored = _ports.Added.Single();
        Assert.That(stored.ModelName, Does.StartWith("model_name_t1_"));
        Assert.That(Guid.TryParse(stored.ModelName["model_name_t1_".Length..], out _), Is.True, stored.ModelName);
        Assert.That(stored.TeamId, Is.EqualTo("t1"));
        Assert.That(stored.PublicName, Is.EqualTo("gpt-4o"));
        Assert.That(created.ModelInfo.Text("team_id"), Is.EqualTo("t1"));
        Assert.That(created.ModelInfo.Text("team_public_model_name"), Is.EqualTo("gpt-4o"), "the public name is the model_name sent");

        Assert.That(_team.Models, Is.EqualTo(new[] { "claude", "gpt-4o" }));
        Assert.That(_team.ModelAliases, Is.EqualTo(new Dictionary<string, string> { ["gpt-4o"] = stored.ModelName }));
        _ports.Ports.VerifySavedOnce();
    }

    [Test]
    public void ShouldRefuseATeamAdminCreatingAModelAlreadyBlocked()
    {
        Assert.ThrowsAsync<ForbiddenAccessException>(async () => await Handle(
            new CreateModelCommand
            {
                ModelName = "gpt-4o",
                LitellmParams = Json("""{"model":"openai/gpt-4o"}"""),
                ModelInfo = Json("""{"team_id":"t1","blocked":true}"""),
            },
            TestCaller.InternalUser("alice")));

        Assert.That(_ports.Added, Is.Empty);
    }

    [Test]
    public async Task ShouldAuditTheTeamChangeWithTheModelCreation()
    {
        await Handle(
            new CreateModelCommand { ModelName = "gpt-4o", LitellmParams = Json("""{"model":"openai/gpt-4o"}"""), ModelInfo = Json("""{"id":"m1","team_id":"t1"}""") },
            TestCaller.Admin());

        Assert.That(_ports.Ports.AuditRecords.Select(r => (r.Action, r.TableName, r.ObjectId)), Is.EqualTo(new[]
        {
            (AuditAction.Updated, AuditTables.Teams, "t1"),
            (AuditAction.Created, AuditTables.Models, "m1"),
        }));
        var teamRow = _ports.Ports.AuditRecords[0];
        Assert.That(((TeamDto)teamRow.Before!).Models, Is.EqualTo(new[] { "claude" }));
        Assert.That(((TeamDto)teamRow.After!).Models, Is.EqualTo(new[] { "claude", "gpt-4o" }));
    }

    [Test]
    public void ShouldForbidANonAdminToCreateAModelWithoutATeam()
    {
        var refused = Assert.ThrowsAsync<ForbiddenAccessException>(async () =>
            await Handle(new CreateModelCommand { ModelName = "gpt-4o", LitellmParams = Json("""{"model":"openai/gpt-4o"}""") }, TestCaller.InternalUser("alice")));

        Assert.That(refused!.Message, Does.Contain("PROXY_ADMIN"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldForbidATeamMemberWhoIsNotATeamAdmin()
    {
        Assert.ThrowsAsync<ForbiddenAccessException>(async () =>
            await Handle(
                new CreateModelCommand { ModelName = "gpt-4o", LitellmParams = Json("""{"model":"openai/gpt-4o"}"""), ModelInfo = Json("""{"team_id":"t1"}""") },
                TestCaller.InternalUser("bob")));

        Assert.That(_team.Models, Is.EqualTo(new[] { "claude" }));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldAnswerAnUnknownTeamWithTheSameRefusalAsAForeignOneForNonAdmins()
    {
        var unknown = Assert.ThrowsAsync<ForbiddenAccessException>(async () =>
            await Handle(
                new CreateModelCommand { ModelName = "x", LitellmParams = Json("""{"model":"openai/x"}"""), ModelInfo = Json("""{"team_id":"ghost"}""") },
                TestCaller.InternalUser("alice")));

        Assert.That(
            unknown!.Message,
            Is.EqualTo("Team ID=ghost does not match the API key's team ID=None, OR you are not the admin for this team. Check `/user/info` to verify your team admin status."));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldTellAProxyAdminThatTheTeamDoesNotExist()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () =>
            await Handle(new CreateModelCommand { ModelName = "x", LitellmParams = Json("""{"model":"openai/x"}"""), ModelInfo = Json("""{"team_id":"ghost"}""") }));

        Assert.That(missing!.Param, Is.EqualTo("model_info.team_id"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseTheIdOfAStoredModelWithConflict()
    {
        _ports.GivenModels(Stored("m1", "old", """{"model":"openai/old"}"""));

        var conflict = Assert.ThrowsAsync<ConflictException>(async () =>
            await Handle(new CreateModelCommand { ModelName = "gpt-4o", LitellmParams = Json("""{"model":"openai/gpt-4o"}"""), ModelInfo = Json("""{"id":"m1"}""") }));

        Assert.That(conflict!.Param, Is.EqualTo("model_info.id"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseTheIdOfAConfigModelWithConflict()
    {
        _ports.ConfigModels.Add(Config("cfg-1", "gpt-4o", """{"model":"openai/gpt-4o"}"""));

        Assert.ThrowsAsync<ConflictException>(async () =>
            await Handle(new CreateModelCommand { ModelName = "gpt-4o", LitellmParams = Json("""{"model":"openai/gpt-4o"}"""), ModelInfo = Json("""{"id":"cfg-1"}""") }));

        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseWritesWhenModelsAreNotStoredInTheDatabase()
    {
        _ports.Settings = new ModelManagementSettings(StoreModelInDb: false);

        Assert.ThrowsAsync<BadRequestException>(async () =>
            await Handle(new CreateModelCommand { ModelName = "gpt-4o", LitellmParams = Json("""{"model":"openai/gpt-4o"}""") }));

        _ports.VerifyNothingWritten();
    }

    private async Task<ModelDto> Handle(CreateModelCommand command, ICurrentCaller? caller = null)
    {
        caller ??= TestCaller.Admin();
        var handler = new CreateModelCommandHandler(
            _ports.Models.Object,
            _ports.Config.Object,
            _ports.Access(caller),
            _ports.Presenter,
            _ports.SealedValues,
            _ports.CredentialRules(caller),
            _ports.Ports.Audit.Object,
            _ports.Ports.UnitOfWork.Object,
            _ports.Alerts.Object,
            caller,
            _ports.Ports.Clock,
            _ports.Settings);
        return await handler.Handle(command, CancellationToken.None);
    }
}

public sealed class CreateModelCommandValidatorTests
{
    private readonly CreateModelCommandValidator _validator = new();

    [Test]
    public void ShouldAcceptAModelWithTeamInfo() =>
        Assert.That(
            _validator.InvalidFields(new CreateModelCommand
            {
                ModelName = "gpt-4o",
                LitellmParams = Json("""{"model":"openai/gpt-4o"}"""),
                ModelInfo = Json("""{"id":"m1","team_id":"t1","blocked":false}"""),
            }),
            Is.Empty);

    [Test]
    public void ShouldRequireTheProviderModel() =>
        Assert.That(
            _validator.Validate(new CreateModelCommand { ModelName = "gpt-4o", LitellmParams = Json("""{"api_key":"sk-x","model":" "}""") })
                .Errors.Select(e => (e.PropertyName, e.ErrorMessage)),
            Is.EqualTo(new[] { ("litellm_params.model", "'litellm_params.model' is required: the provider model, e.g. 'openai/gpt-4o'.") }));

    [Test]
    public void ShouldRequireTheModelName() =>
        Assert.That(
            _validator.InvalidFields(new CreateModelCommand { ModelName = "", LitellmParams = Json("""{"model":"openai/gpt-4o"}""") }),
            Is.EqualTo(new[] { "model_name" }));

    [Test]
    public void ShouldRejectMistypedModelInfoKeys() =>
        Assert.That(
            _validator.InvalidFields(new CreateModelCommand
            {
                ModelName = "gpt-4o",
                LitellmParams = Json("""{"model":"openai/gpt-4o"}"""),
                ModelInfo = Json("""{"id":{"nested":1},"team_id":" ","blocked":"yes"}"""),
            }),
            Is.EquivalentTo(new[] { "model_info.id", "model_info.team_id", "model_info.blocked" }));
}
