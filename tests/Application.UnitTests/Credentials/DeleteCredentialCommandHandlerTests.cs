using Moq;
using ProxyAdmin.Application.Common.Concurrency;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Credentials;
using ProxyAdmin.Application.Credentials.Commands.DeleteCredential;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Application.UnitTests.Credentials;

public sealed class DeleteCredentialCommandHandlerTests
{
    private CredentialPorts _ports = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new CredentialPorts();
        _ports.GivenWorld();
    }

    [Test]
    public async Task ShouldRemoveACredentialNoModelUsesAuditItAndReturnItMasked()
    {
        var result = await Handle(new DeleteCredentialCommand("unused"));

        Assert.That(_ports.Removed, Is.EqualTo(new[] { _ports.Credential("unused") }));
        Assert.That(result.Success, Is.True);
        Assert.That(result.Message, Is.EqualTo("Credential deleted successfully"));
        Assert.That(result.Credential.CredentialName, Is.EqualTo("unused"));
        Assert.That(result.Credential.CredentialValues!.ToJsonString(), Is.EqualTo("""{"api_key":"****4444"}"""));

        var row = _ports.Ports.AuditRecords.Single();
        Assert.That((row.Action, row.TableName, row.ObjectId), Is.EqualTo((AuditAction.Deleted, AuditTables.Credentials, "unused")));
        Assert.That(row.Before, Is.SameAs(result.Credential));
        Assert.That(row.After, Is.Null);
        _ports.Ports.VerifySavedOnce();
    }

    [Test]
    public void ShouldRefuseAStaleIfMatchAndDeleteNothing()
    {
        var stored = _ports.Credential("unused");
        _ports.Ports.Conditional.IfMatch = EntityTags.Of(AuditTables.Credentials, stored.CredentialId, stored.Version + 1);

        var stale = Assert.ThrowsAsync<PreconditionFailedException>(async () => await Handle(new DeleteCredentialCommand("unused")));

        Assert.That(stale!.CurrentEntityTag, Is.EqualTo(EntityTags.Of(AuditTables.Credentials, stored.CredentialId, stored.Version)));
        Assert.That(_ports.Removed, Is.Empty);
        _ports.VerifyNothingWritten();
    }

    [Test]
    public async Task ShouldDeleteUnderTheCurrentTag()
    {
        var stored = _ports.Credential("unused");
        _ports.Ports.Conditional.IfMatch = EntityTags.Of(AuditTables.Credentials, stored.CredentialId, stored.Version);

        await Handle(new DeleteCredentialCommand("unused"));

        Assert.That(_ports.Removed, Is.EqualTo(new[] { stored }));
    }

    [TestCase("anthropic-prod", "2 model(s): tm1b, tm2")]
    [TestCase("openai-prod", "1 model(s): tm1")]
    [TestCase("azure-shared", "1 model(s): g1")]
    public void ShouldRefuseACredentialInUseNamingItsModels(string name, string models)
    {
        var conflict = Assert.ThrowsAsync<ConflictException>(async () => await Handle(new DeleteCredentialCommand(name)));

        Assert.That(conflict!.Param, Is.EqualTo("credential_name"));
        Assert.That(
            conflict.Message,
            Is.EqualTo($$"""Credential '{{name}}' is used by {{models}}. Detach it from them first (PATCH /model/{model_id}/update with "litellm_params": {"litellm_credential_name": null})."""));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldNameAtMostTwentyModelsAndCountThemAll()
    {
        var ids = Enumerable.Range(1, 25).Select(i => $"m-{i:D2}").ToList();
        _ports.Models.Setup(r => r.ModelIdsUsingCredentialAsync("unused", It.IsAny<CancellationToken>())).ReturnsAsync(ids);

        var conflict = Assert.ThrowsAsync<ConflictException>(async () => await Handle(new DeleteCredentialCommand("unused")));

        Assert.That(conflict!.Message, Does.StartWith($"Credential 'unused' is used by 25 model(s): {string.Join(", ", ids.Take(CredentialErrors.ModelsNamed))}, …. Detach it"));
        Assert.That(conflict.Message, Does.Not.Contain("m-21"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseAnUnknownCredentialWithNotFound()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new DeleteCredentialCommand("ghost")));

        Assert.That(missing!.Param, Is.EqualTo("credential_name"));
        Assert.That(missing.Message, Is.EqualTo("Credential not found. Got credential name: ghost"));
        _ports.Models.Verify(r => r.ModelIdsUsingCredentialAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void OnlyProxyAdminsMaySendIt()
    {
        var authorize = (AuthorizeAttribute)Attribute.GetCustomAttribute(typeof(DeleteCredentialCommand), typeof(AuthorizeAttribute))!;

        Assert.That(authorize.Policy, Is.EqualTo(AccessPolicy.ProxyAdmin));
        Assert.That(authorize.Refusal, Is.EqualTo("Only proxy admins can delete credentials"));
    }

    private async Task<CredentialWriteResultDto> Handle(DeleteCredentialCommand command) =>
        await new DeleteCredentialCommandHandler(_ports.Credentials.Object, _ports.Models.Object, _ports.Presenter, _ports.Ports.Audit.Object, _ports.Ports.UnitOfWork.Object, _ports.Ports.Tags)
            .Handle(command, CancellationToken.None);
}

public sealed class DeleteCredentialCommandValidatorTests
{
    private readonly DeleteCredentialCommandValidator _validator = new();

    [Test]
    public void ShouldAcceptANameWithSlashes() =>
        Assert.That(_validator.InvalidFields(new DeleteCredentialCommand("team/openai/prod")), Is.Empty);

    [Test]
    public void ShouldRequireTheNameInThePath() =>
        Assert.That(
            _validator.Validate(new DeleteCredentialCommand("")).Errors.Select(e => (e.PropertyName, e.ErrorMessage)),
            Is.EqualTo(new[] { ("credential_name", "'credential_name' is required in the path.") }));
}
