using Moq;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Credentials;
using ProxyAdmin.Application.Credentials.Commands.CreateCredential;
using ProxyAdmin.Application.UnitTests.Models;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Credentials;
using ProxyAdmin.Domain.Models;
using static ProxyAdmin.Application.UnitTests.Models.ModelFixtures;

namespace ProxyAdmin.Application.UnitTests.Credentials;

public sealed class CreateCredentialCommandHandlerTests
{
    private CredentialPorts _ports = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new CredentialPorts();
        _ports.GivenWorld();
    }

    [Test]
    public async Task ShouldSealEveryStringValueStageTheCredentialAndReturnItMasked()
    {
        var result = await Handle(new CreateCredentialCommand
        {
            CredentialName = "team/openai/prod",
            CredentialValues = Json("""{"api_key":"sk-new-credential-secret-9876","api_base":"https://api.example.test/v1","rpm_hint":5}"""),
            CredentialInfo = Json("""{"custom_llm_provider":"openai","description":"prod"}"""),
        });

        var added = _ports.Added.Single();
        Assert.That(added.CredentialName, Is.EqualTo("team/openai/prod"));
        Assert.That(Guid.TryParse(added.CredentialId, out _), Is.True, added.CredentialId);
        Assert.That(
            added.Values.ToJsonString(),
            Is.EqualTo("""{"api_key":"enc:sk-new-credential-secret-9876","api_base":"enc:https://api.example.test/v1","rpm_hint":5}"""),
            "every string is sealed, a number that is no secret stays as it is");
        Assert.That(added.Info.ToJsonString(), Is.EqualTo("""{"custom_llm_provider":"openai","description":"prod"}"""));
        Assert.That((added.CreatedBy, added.CreatedAt, added.UpdatedBy, added.UpdatedAt), Is.EqualTo(("admin", _ports.Ports.Now, "admin", _ports.Ports.Now)));
        _ports.Ports.VerifySavedOnce();

        Assert.That(result.Success, Is.True);
        Assert.That(result.Message, Is.EqualTo("Credential created successfully"));
        Assert.That(result.Credential.CredentialName, Is.EqualTo("team/openai/prod"));
        Assert.That(result.Credential.CredentialValues!.ToJsonString(), Is.EqualTo("""{"api_key":"****9876","api_base":"https://api.example.test/v1","rpm_hint":5}"""));
        Assert.That(result.Credential.CredentialInfo!.ToJsonString(), Is.EqualTo("""{"custom_llm_provider":"openai","description":"prod"}"""));
        Assert.That(result.Credential.DecryptionError, Is.Null);
    }

    [Test]
    public async Task ShouldAuditTheMaskedCredentialByNameInTheSameSave()
    {
        var result = await Handle(new CreateCredentialCommand { CredentialName = "fresh", CredentialValues = Json("""{"api_key":"sk-audited-secret-0001"}""") });

        var row = _ports.Ports.AuditRecords.Single();
        Assert.That((row.Action, row.TableName, row.ObjectId), Is.EqualTo((AuditAction.Created, AuditTables.Credentials, "fresh")));
        Assert.That(row.Before, Is.Null);
        Assert.That(row.After, Is.SameAs(result.Credential));
        Assert.That(((CredentialDto)row.After!).CredentialValues!.ToJsonString(), Is.EqualTo("""{"api_key":"****0001"}"""));
        _ports.Ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldLeaveTheCommandAsItWasSentSoARetryStoresTheSame()
    {
        var command = new CreateCredentialCommand
        {
            CredentialName = "fresh",
            CredentialValues = Json("""{"api_key":"sk-retried-secret-0002"}"""),
            CredentialInfo = Json("""{"note":"n"}"""),
        };

        await Handle(command);
        await Handle(command);

        Assert.That(command.CredentialValues!.ToJsonString(), Is.EqualTo("""{"api_key":"sk-retried-secret-0002"}"""));
        Assert.That(_ports.Added.Select(c => c.Values.ToJsonString()), Is.EqualTo(new[] { """{"api_key":"enc:sk-retried-secret-0002"}""", """{"api_key":"enc:sk-retried-secret-0002"}""" }));
        command.CredentialInfo!["note"] = "changed after";
        Assert.That(_ports.Added[0].Info.ToJsonString(), Is.EqualTo("""{"note":"n"}"""), "the credential holds its own copy of the info");
    }

    [Test]
    public async Task ShouldCopyTheStoredCredentialOfAModelAsItIsSealed()
    {
        var result = await Handle(new CreateCredentialCommand { CredentialName = "copy-of-azure", ModelId = "g1" });

        var added = _ports.Added.Single();
        var source = _ports.Credential("azure-shared");
        Assert.That(added.Values.ToJsonString(), Is.EqualTo("""{"api_key":"enc:sk-azure-shared-secret-3333","api_version":"enc:2024-06-01"}"""));
        Assert.That(added.Values, Is.Not.SameAs(source.Values), "the copy is the new credential's own");
        Assert.That(result.Credential.CredentialValues!.ToJsonString(), Is.EqualTo("""{"api_key":"****3333","api_version":"2024-06-01"}"""));
        _ports.Ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldCopyOnlyTheCredentialParametersOfAModelWithoutAStoredCredential()
    {
        _ports.GivenModels(Stored("az", "azure-gpt-4o", """{"model":"azure/gpt-4o","api_key":"sk-azure-own-secret-4321","api_base":"https://azure.example.test","api_version":"2024-06-01","rpm":10,"timeout":30}"""));

        var result = await Handle(new CreateCredentialCommand { CredentialName = "from-az", ModelId = "az" });

        Assert.That(
            _ports.Added.Single().Values.ToJsonString(),
            Is.EqualTo("""{"api_key":"enc:sk-azure-own-secret-4321","api_base":"enc:https://azure.example.test","api_version":"enc:2024-06-01"}"""));
        Assert.That(result.Credential.CredentialValues!.ToJsonString(), Is.EqualTo("""{"api_key":"****4321","api_base":"https://azure.example.test","api_version":"2024-06-01"}"""));
    }

    [Test]
    public async Task ShouldCopyAndSealTheCredentialParametersOfAConfigModel()
    {
        var result = await Handle(new CreateCredentialCommand { CredentialName = "from-config", ModelId = "cfg-a" });

        Assert.That(_ports.Added.Single().Values.ToJsonString(), Is.EqualTo("""{"api_key":"enc:sk-config-secret-5678"}"""));
        Assert.That(result.Credential.CredentialValues!.ToJsonString(), Is.EqualTo("""{"api_key":"****5678"}"""));
    }

    [Test]
    public async Task ShouldCopyAModelWhoseOnlyUnreadableParametersAreNoCredential()
    {
        _ports.GivenModels(ModelDeployment.Create("half", "half", Json("""{"model":"v2:sealed-under-another-key","api_key":"enc:sk-readable-secret-6543"}"""), [], TestData.Stamp));

        await Handle(new CreateCredentialCommand { CredentialName = "from-half", ModelId = "half" });

        Assert.That(_ports.Added.Single().Values.ToJsonString(), Is.EqualTo("""{"api_key":"enc:sk-readable-secret-6543"}"""));
    }

    [Test]
    public void ShouldRefuseAModelWhoseCredentialParametersCannotBeDecrypted()
    {
        _ports.GivenModels(ModelDeployment.Create(
            "locked", "locked", Json("""{"model":"enc:openai/gpt-4o","api_key":"v2:sealed-under-another-key","api_base":"enc:https://locked.example.test"}"""), [], TestData.Stamp));

        var refused = Assert.ThrowsAsync<BadRequestException>(async () => await Handle(new CreateCredentialCommand { CredentialName = "from-locked", ModelId = "locked" }));

        Assert.That(refused!.Param, Is.EqualTo("model_id"));
        Assert.That(
            refused.Message,
            Is.EqualTo("The credential of model locked cannot be copied: its api_key could not be decrypted. Send 'credential_values' instead."));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseAModelWithoutCredentialParameters()
    {
        _ports.GivenModels(Stored("bare", "claude", """{"model":"anthropic/claude","rpm":5}"""));

        var refused = Assert.ThrowsAsync<BadRequestException>(async () => await Handle(new CreateCredentialCommand { CredentialName = "from-bare", ModelId = "bare" }));

        Assert.That(refused!.Param, Is.EqualTo("model_id"));
        Assert.That(refused.Message, Is.EqualTo("Credential values are required. Unable to infer credential values from model ID."));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseAnUnknownModelWithNotFound()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new CreateCredentialCommand { CredentialName = "from-ghost", ModelId = "ghost" }));

        Assert.That(missing!.Param, Is.EqualTo("model_id"));
        Assert.That(missing.Message, Is.EqualTo("Model not found"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseATakenNameWithConflictBeforeReadingAnyModel()
    {
        var conflict = Assert.ThrowsAsync<ConflictException>(async () => await Handle(new CreateCredentialCommand { CredentialName = "openai-prod", ModelId = "g2" }));

        Assert.That(conflict!.Param, Is.EqualTo("credential_name"));
        Assert.That(conflict.Message, Is.EqualTo("Credential with name 'openai-prod' already exists. Please use a different credential_name."));
        _ports.Models.Verify(r => r.GetAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        _ports.VerifyNothingWritten();
    }

    [Test]
    public async Task ShouldStampTheMasterKeyAsTheDefaultUser()
    {
        await Handle(new CreateCredentialCommand { CredentialName = "by-master", CredentialValues = Json("""{"api_base":"https://x.example.test"}""") }, TestCaller.MasterKey);

        Assert.That(_ports.Added.Single().CreatedBy, Is.EqualTo(SpecialValues.DefaultUserId));
    }

    [Test]
    public void OnlyProxyAdminsMaySendIt()
    {
        var authorize = (AuthorizeAttribute)Attribute.GetCustomAttribute(typeof(CreateCredentialCommand), typeof(AuthorizeAttribute))!;

        Assert.That(authorize.Policy, Is.EqualTo(AccessPolicy.ProxyAdmin));
        Assert.That(authorize.Refusal, Is.EqualTo("Only proxy admins can create credentials"));
    }

    private async Task<CredentialWriteResultDto> Handle(CreateCredentialCommand command, ICurrentCaller? caller = null) =>
        await new CreateCredentialCommandHandler(
                _ports.Credentials.Object,
                _ports.Deployments,
                _ports.SealedValues,
                _ports.Presenter,
                _ports.Ports.Audit.Object,
                _ports.Ports.UnitOfWork.Object,
                caller ?? TestCaller.Admin(),
                _ports.Ports.Clock)
            .Handle(command, CancellationToken.None);
}

public sealed class CreateCredentialCommandValidatorTests
{
    private readonly CreateCredentialCommandValidator _validator = new();

    [Test]
    public void ShouldAcceptValuesOrAModelId()
    {
        Assert.That(_validator.InvalidFields(new CreateCredentialCommand { CredentialName = "team/openai/prod", CredentialValues = Json("""{"api_key":"sk-x"}""") }), Is.Empty);
        Assert.That(_validator.InvalidFields(new CreateCredentialCommand { CredentialName = "copied", ModelId = "m1" }), Is.Empty);
    }

    [Test]
    public void ShouldRequireValuesOrAModelId() =>
        Assert.That(
            _validator.Validate(new CreateCredentialCommand { CredentialName = "c" }).Errors.Select(e => (e.PropertyName, e.ErrorMessage)),
            Is.EqualTo(new[] { ("credential_values", "Credential values are required. Send 'credential_values', or 'model_id' to copy a model's credential.") }));

    [Test]
    public void ShouldRefuseValuesAndAModelIdTogether() =>
        Assert.That(
            _validator.Validate(new CreateCredentialCommand { CredentialName = "c", CredentialValues = Json("{}"), ModelId = "m1" }).Errors.Select(e => (e.PropertyName, e.ErrorMessage)),
            Is.EqualTo(new[] { ("model_id", "Send 'credential_values' or 'model_id', not both: 'model_id' copies the values of that model's credential.") }));

    [Test]
    public void ShouldRefuseAnEmptyModelId() =>
        Assert.That(
            _validator.Validate(new CreateCredentialCommand { CredentialName = "c", ModelId = "" }).Errors.Select(e => (e.PropertyName, e.ErrorMessage)),
            Is.EqualTo(new[] { ("model_id", "'model_id' must not be empty.") }));

    [Test]
    public void ShouldRequireAName()
    {
        Assert.That(_validator.Messages(new CreateCredentialCommand { CredentialName = "", CredentialValues = Json("{}") }), Is.EqualTo(new[] { "'credential_name' is required." }));
        Assert.That(_validator.Messages(new CreateCredentialCommand { CredentialName = null!, CredentialValues = Json("{}") }), Is.EqualTo(new[] { "'credential_name' is required." }));
    }

    [Test]
    public void ShouldRefuseABlankNameWithOneMessage() =>
        Assert.That(
            _validator.Validate(new CreateCredentialCommand { CredentialName = "   ", CredentialValues = Json("{}") }).Errors.Select(e => (e.PropertyName, e.ErrorMessage)),
            Is.EqualTo(new[] { ("credential_name", "'credential_name' is required.") }));

    [Test]
    public void ShouldRefuseANameTooLongOrWithControlCharacters()
    {
        Assert.That(_validator.InvalidFields(new CreateCredentialCommand { CredentialName = new string('c', Credential.NameMaxLength), CredentialValues = Json("{}") }), Is.Empty);
        Assert.That(
            _validator.Messages(new CreateCredentialCommand { CredentialName = new string('c', Credential.NameMaxLength + 1), CredentialValues = Json("{}") }),
            Is.EqualTo(new[] { "'credential_name' must be at most 256 characters." }));
        Assert.That(
            _validator.Validate(new CreateCredentialCommand { CredentialName = "line\nbreak", CredentialValues = Json("{}") }).Errors.Select(e => (e.PropertyName, e.ErrorMessage)),
            Is.EqualTo(new[] { ("credential_name", "'credential_name' must not contain control characters.") }));
    }
}
