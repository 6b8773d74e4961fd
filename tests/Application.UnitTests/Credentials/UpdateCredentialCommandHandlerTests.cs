using Moq;
using ProxyAdmin.Application.Common.Concurrency;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Credentials;
using ProxyAdmin.Application.Credentials.Commands.UpdateCredential;
using ProxyAdmin.Application.Models;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Credentials;
using static ProxyAdmin.Application.UnitTests.Models.ModelFixtures;

namespace ProxyAdmin.Application.UnitTests.Credentials;

public sealed class UpdateCredentialCommandHandlerTests
{
    private CredentialPorts _ports = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new CredentialPorts();
        _ports.GivenWorld();
        _ports.GivenCredentials(CredentialFixtures.Stored(
            "rotating",
            """{"api_key":"sk-old-credential-secret-1111","aws_secret_access_key":"aws-old-credential-secret-2222","api_base":"https://old.example.test"}""",
            """{"description":"old","owner":"search","region":"eu"}"""));
    }

    [Test]
    public async Task ShouldMergeTheSentValuesAndInfoRemoveNullsAndKeepTheRest()
    {
        var result = await Handle(new UpdateCredentialCommand("rotating", new UpdateCredentialRequest
        {
            CredentialValues = Json("""{"api_key":"sk-rotated-credential-secret-3333","aws_secret_access_key":null,"rpm_hint":9}"""),
            CredentialInfo = Json("""{"description":"new","region":null}"""),
        }));

        var stored = _ports.Credential("rotating");
        Assert.That(
            stored.Values.ToJsonString(),
            Is.EqualTo("""{"api_key":"enc:sk-rotated-credential-secret-3333","api_base":"enc:https://old.example.test","rpm_hint":9}"""));
        Assert.That(stored.Info.ToJsonString(), Is.EqualTo("""{"description":"new","owner":"search"}"""));
        Assert.That((stored.CreatedBy, stored.CreatedAt), Is.EqualTo((TestData.CreatedBy, TestData.Earlier)));
        Assert.That((stored.UpdatedBy, stored.UpdatedAt), Is.EqualTo(("admin", _ports.Ports.Now)));
        _ports.Ports.VerifySavedOnce();

        Assert.That(result.Success, Is.True);
        Assert.That(result.Message, Is.EqualTo("Credential updated successfully"));
        Assert.That(result.Credential.CredentialName, Is.EqualTo("rotating"));
        Assert.That(result.Credential.CredentialValues!.ToJsonString(), Is.EqualTo("""{"api_key":"****3333","api_base":"https://old.example.test","rpm_hint":9}"""));
        Assert.That(result.Credential.CredentialInfo!.ToJsonString(), Is.EqualTo("""{"description":"new","owner":"search"}"""));
    }

    [Test]
    public async Task ShouldAuditTheCredentialBeforeAndAfterMaskedUnderItsName()
    {
        var result = await Handle(new UpdateCredentialCommand("rotating", new UpdateCredentialRequest { CredentialValues = Json("""{"api_key":"sk-rotated-credential-secret-3333"}""") }));

        var row = _ports.Ports.AuditRecords.Single();
        Assert.That((row.Action, row.TableName, row.ObjectId), Is.EqualTo((AuditAction.Updated, AuditTables.Credentials, "rotating")));
        Assert.That(((CredentialDto)row.Before!).CredentialValues!["api_key"]!.GetValue<string>(), Is.EqualTo("****1111"));
        Assert.That(row.After, Is.SameAs(result.Credential));
        Assert.That(result.Credential.CredentialValues!["api_key"]!.GetValue<string>(), Is.EqualTo("****3333"));
        _ports.Models.Verify(r => r.GetByCredentialAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never, "no rename, no model to move");
        _ports.Ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldLeaveTheSentValuesAsTheyWereSent()
    {
        var changes = new UpdateCredentialRequest { CredentialValues = Json("""{"api_key":"sk-rotated-credential-secret-3333","api_base":null}""") };

        await Handle(new UpdateCredentialCommand("rotating", changes));

        Assert.That(changes.CredentialValues!.ToJsonString(), Is.EqualTo("""{"api_key":"sk-rotated-credential-secret-3333","api_base":null}"""));
    }

    [Test]
    public async Task ShouldRenameTheCredentialAndCarryEveryModelThatUsesItAlong()
    {
        var stored = _ports.Credential("anthropic-prod");

        var result = await Handle(new UpdateCredentialCommand("anthropic-prod", new UpdateCredentialRequest { CredentialName = "anthropic/prod-v2" }));

        Assert.That(stored.CredentialName, Is.EqualTo("anthropic/prod-v2"));
        Assert.That(result.Credential.CredentialName, Is.EqualTo("anthropic/prod-v2"));
        foreach (var modelId in new[] { "tm1b", "tm2" })
        {
            var model = _ports.Model(modelId);
            Assert.That(model.CredentialName, Is.EqualTo("anthropic/prod-v2"), modelId);
            Assert.That((model.UpdatedBy, model.UpdatedAt), Is.EqualTo(("admin", _ports.Ports.Now)), modelId);
        }

        Assert.That(_ports.Model("tm1").CredentialName, Is.EqualTo("openai-prod"), "a model of another credential stays");
        _ports.Models.Verify(r => r.GetByCredentialAsync("anthropic-prod", It.IsAny<CancellationToken>()), Times.Once);
        _ports.Credentials.Verify(r => r.ExistsAsync("anthropic/prod-v2", It.IsAny<CancellationToken>()), Times.Once);

        var rows = _ports.Ports.AuditRecords;
        Assert.That(
            rows.Select(r => (r.Action, r.TableName, r.ObjectId)),
            Is.EqualTo(new[]
            {
                (AuditAction.Updated, AuditTables.Models, "tm1b"),
                (AuditAction.Updated, AuditTables.Models, "tm2"),
                (AuditAction.Updated, AuditTables.Credentials, "anthropic-prod"),
            }));
        foreach (var row in rows.Take(2))
        {
            Assert.That(((ModelDto)row.Before!).LitellmParams["litellm_credential_name"]!.GetValue<string>(), Is.EqualTo("anthropic-prod"), row.ObjectId);
            Assert.That(((ModelDto)row.After!).LitellmParams["litellm_credential_name"]!.GetValue<string>(), Is.EqualTo("anthropic/prod-v2"), row.ObjectId);
        }

        Assert.That(((CredentialDto)rows[2].Before!).CredentialName, Is.EqualTo("anthropic-prod"));
        Assert.That(rows[2].After, Is.SameAs(result.Credential));
        _ports.Ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldRenameAndMergeInOneUpdate()
    {
        var stored = _ports.Credential("rotating");

        var result = await Handle(new UpdateCredentialCommand("rotating", new UpdateCredentialRequest
        {
            CredentialName = "rotated",
            CredentialValues = Json("""{"api_base":"https://new.example.test"}"""),
        }));

        Assert.That(stored.CredentialName, Is.EqualTo("rotated"));
        Assert.That(stored.Values["api_base"]!.GetValue<string>(), Is.EqualTo("enc:https://new.example.test"));
        Assert.That(result.Credential.CredentialValues!["api_key"]!.GetValue<string>(), Is.EqualTo("****1111"));
        Assert.That(_ports.Ports.AuditRecords.Single().ObjectId, Is.EqualTo("rotating"), "no model uses it, so only the credential is audited");
    }

    [Test]
    public async Task ShouldNotRenameWhenTheSameNameIsSent()
    {
        await Handle(new UpdateCredentialCommand("openai-prod", new UpdateCredentialRequest { CredentialName = "openai-prod", CredentialInfo = Json("""{"note":"same"}""") }));

        Assert.That(_ports.Model("tm1").UpdatedAt, Is.EqualTo(TestData.Earlier), "its model is not touched");
        _ports.Credentials.Verify(r => r.ExistsAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        _ports.Models.Verify(r => r.GetByCredentialAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.That(_ports.Ports.AuditRecords.Select(r => r.TableName), Is.EqualTo(new[] { AuditTables.Credentials }));
        _ports.Ports.VerifySavedOnce();
    }

    [Test]
    public void ShouldRefuseAnUnknownCredentialWithNotFound()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () =>
            await Handle(new UpdateCredentialCommand("ghost", new UpdateCredentialRequest { CredentialInfo = Json("{}") })));

        Assert.That(missing!.Param, Is.EqualTo("credential_name"));
        Assert.That(missing.Message, Is.EqualTo("Credential not found. Got credential name: ghost"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseARenameToATakenNameAndChangeNothing()
    {
        var conflict = Assert.ThrowsAsync<ConflictException>(async () => await Handle(new UpdateCredentialCommand("anthropic-prod", new UpdateCredentialRequest
        {
            CredentialName = "openai-prod",
            CredentialValues = Json("""{"api_key":"sk-never-stored-secret-7777"}"""),
        })));

        Assert.That(conflict!.Param, Is.EqualTo("credential_name"));
        Assert.That(conflict.Message, Is.EqualTo("Credential with name 'openai-prod' already exists. Please use a different credential_name."));
        var stored = _ports.Credential("anthropic-prod");
        Assert.That(stored.Values.ToJsonString(), Is.EqualTo("""{"api_key":"enc:sk-anthropic-prod-secret-2222"}"""));
        Assert.That(stored.UpdatedAt, Is.EqualTo(TestData.Earlier));
        Assert.That(_ports.Model("tm2").CredentialName, Is.EqualTo("anthropic-prod"));
        _ports.Models.Verify(r => r.GetByCredentialAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void OnlyProxyAdminsMaySendIt()
    {
        var authorize = (AuthorizeAttribute)Attribute.GetCustomAttribute(typeof(UpdateCredentialCommand), typeof(AuthorizeAttribute))!;

        Assert.That(authorize.Policy, Is.EqualTo(AccessPolicy.ProxyAdmin));
        Assert.That(authorize.Refusal, Is.EqualTo("Only proxy admins can update credentials"));
    }

    [Test]
    public void ShouldRefuseAStaleIfMatchBeforeChangingAnything()
    {
        var stored = _ports.Credential("rotating");
        _ports.Ports.Conditional.IfMatch = EntityTags.Of(AuditTables.Credentials, stored.CredentialId, stored.Version + 1);

        var stale = Assert.ThrowsAsync<PreconditionFailedException>(async () =>
            await Handle(new UpdateCredentialCommand("rotating", new UpdateCredentialRequest { CredentialInfo = Json("""{"description":"late"}""") })));

        Assert.That(stale!.CurrentEntityTag, Is.EqualTo(EntityTags.Of(AuditTables.Credentials, stored.CredentialId, stored.Version)));
        Assert.That(_ports.Credential("rotating").Info.ToJsonString(), Is.EqualTo("""{"description":"old","owner":"search","region":"eu"}"""));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public async Task ShouldWriteUnderTheCurrentTagAndAnswerWithTheTagOfTheCredentialNotItsName()
    {
        var stored = _ports.Credential("rotating");
        _ports.Ports.Conditional.IfMatch = EntityTags.Of(AuditTables.Credentials, stored.CredentialId, stored.Version);

        await Handle(new UpdateCredentialCommand("rotating", new UpdateCredentialRequest { CredentialName = "rotated", CredentialInfo = Json("""{"description":"on time"}""") }));

        // The tag follows the credential's id, so a rename keeps it one resource.
        Assert.That(_ports.Ports.Conditional.Answered, Is.EqualTo(new[] { EntityTags.Of(AuditTables.Credentials, stored.CredentialId, stored.Version) }));
    }

    private async Task<CredentialWriteResultDto> Handle(UpdateCredentialCommand command) =>
        await new UpdateCredentialCommandHandler(
                _ports.Credentials.Object,
                _ports.Models.Object,
                _ports.SealedValues,
                _ports.Presenter,
                _ports.ModelPorts.Presenter,
                _ports.Ports.Audit.Object,
                _ports.Ports.UnitOfWork.Object,
                TestCaller.Admin(),
                _ports.Ports.Tags,
                _ports.Ports.Clock)
            .Handle(command, CancellationToken.None);
}

public sealed class UpdateCredentialCommandValidatorTests
{
    private readonly UpdateCredentialCommandValidator _validator = new();

    [Test]
    public void ShouldAcceptAnEmptyChangeAndANewName()
    {
        Assert.That(_validator.InvalidFields(new UpdateCredentialCommand("c", new UpdateCredentialRequest())), Is.Empty);
        Assert.That(_validator.InvalidFields(new UpdateCredentialCommand("c", new UpdateCredentialRequest { CredentialName = "team/c-v2" })), Is.Empty);
    }

    [Test]
    public void ShouldRequireTheNameInThePath() =>
        Assert.That(
            _validator.Validate(new UpdateCredentialCommand("", new UpdateCredentialRequest())).Errors.Select(e => (e.PropertyName, e.ErrorMessage)),
            Is.EqualTo(new[] { ("credential_name", "'credential_name' is required in the path.") }));

    [Test]
    public void ShouldApplyTheNameRulesToANewName()
    {
        Assert.That(_validator.Messages(new UpdateCredentialCommand("c", new UpdateCredentialRequest { CredentialName = "" })), Is.EqualTo(new[] { "'credential_name' is required." }));
        Assert.That(
            _validator.Messages(new UpdateCredentialCommand("c", new UpdateCredentialRequest { CredentialName = new string('c', Credential.NameMaxLength + 1) })),
            Is.EqualTo(new[] { "'credential_name' must be at most 256 characters." }));
        Assert.That(
            _validator.Validate(new UpdateCredentialCommand("c", new UpdateCredentialRequest { CredentialName = "tab\there" })).Errors.Select(e => (e.PropertyName, e.ErrorMessage)),
            Is.EqualTo(new[] { ("credential_name", "'credential_name' must not contain control characters.") }));
    }
}
