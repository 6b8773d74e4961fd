using Moq;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Credentials;
using ProxyAdmin.Application.Credentials.Queries.GetCredentialByName;
using ProxyAdmin.Application.UnitTests.TestSupport;

namespace ProxyAdmin.Application.UnitTests.Credentials;

public sealed class GetCredentialByNameQueryHandlerTests
{
    private CredentialPorts _ports = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new CredentialPorts();
        _ports.GivenWorld();
    }

    [Test]
    public async Task ShouldShowAProxyAdminTheCredentialMasked()
    {
        var credential = await Handle("openai-prod", TestCaller.Admin());

        Assert.That(credential.CredentialName, Is.EqualTo("openai-prod"));
        Assert.That(credential.CredentialValues!.ToJsonString(), Is.EqualTo("""{"api_key":"****1111","api_base":"https://openai.example.test/v1"}"""));
        Assert.That(credential.CredentialInfo!.ToJsonString(), Is.EqualTo("""{"custom_llm_provider":"openai"}"""));
        Assert.That(credential.DecryptionError, Is.Null);
        _ports.Credentials.Verify(r => r.ReadAsync("openai-prod", It.IsAny<CancellationToken>()), Times.Once);
        _ports.Credentials.Verify(r => r.GetAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never, "a read is untracked");
    }

    [Test]
    public async Task ShouldShowAnAdminViewerTheCredentialMasked()
    {
        var credential = await Handle("azure-shared", TestCaller.AdminViewer());

        Assert.That(credential.CredentialValues!.ToJsonString(), Is.EqualTo("""{"api_key":"****3333","api_version":"2024-06-01"}"""));
    }

    [Test]
    public async Task ShouldMaskSecretNamedEntriesOfTheInfoAndEverySecretShapeOfValue()
    {
        _ports.GivenCredentials(CredentialFixtures.Stored(
            "shapes",
            """{"api_key":"short","vertex_credentials":{"private_key":"pk-vertex-secret-8888"},"aws_access_key_id":1234567890123,"max_tokens":4096}""",
            """{"description":"prod","api_key_hint":"sk-info-hint-secret-7777","owner":{"password":"hunter2-long-password"}}"""));

        var credential = await Handle("shapes", TestCaller.Admin());

        var values = credential.CredentialValues!;
        Assert.That(values["api_key"]!.GetValue<string>(), Is.EqualTo("****"), "a short secret shows nothing");
        Assert.That(values["vertex_credentials"]!.GetValue<string>(), Does.StartWith("****").And.Length.EqualTo(8), "sealed as its JSON text, shown as a masked text");
        Assert.That(values["aws_access_key_id"]!.GetValue<string>(), Is.EqualTo("****0123"));
        Assert.That(values["max_tokens"]!.GetValue<int>(), Is.EqualTo(4096), "a secret-looking count is no secret");
        Assert.That(credential.CredentialInfo!.ToJsonString(), Is.EqualTo("""{"description":"prod","api_key_hint":"****7777","owner":{"password":"****word"}}"""));
        Assert.That(values.ToJsonString() + credential.CredentialInfo.ToJsonString(), Does.Not.Contain("pk-vertex").And.Not.Contain("hunter2").And.Not.Contain("sk-info"));
    }

    [Test]
    public async Task ShouldShowAValueThatCannotBeDecryptedAsStarsAndSayWhich()
    {
        _ports.GivenCredentials(CredentialFixtures.StoredAsIs("locked", """{"api_key":"v2:sealed-under-another-key","api_base":"enc:https://locked.example.test"}"""));

        var credential = await Handle("locked", TestCaller.Admin());

        Assert.That(credential.CredentialValues!.ToJsonString(), Is.EqualTo("""{"api_base":"https://locked.example.test","api_key":"****"}"""));
        Assert.That(
            credential.DecryptionError,
            Is.EqualTo("Could not decrypt credential_values api_key of credential locked: the values were tampered with or sealed under a salt key that is no longer configured. Configure that key again, or re-enter the values with PATCH /credentials/locked."));
    }

    [TestCase("alice", "openai-prod")]
    [TestCase("alice", "anthropic-prod")]
    [TestCase("carol", "anthropic-prod")]
    public async Task ShouldShowATeamAdminOnlyTheNameOfACredentialItsTeamsModelsUse(string teamAdmin, string name)
    {
        var credential = await Handle(name, TestCaller.InternalUser(teamAdmin));

        Assert.That(credential.CredentialName, Is.EqualTo(name));
        Assert.That((credential.CredentialValues, credential.CredentialInfo, credential.DecryptionError), Is.EqualTo(((object?)null, (object?)null, (string?)null)));
        _ports.Credentials.Verify(r => r.ReadAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [TestCase("alice", "azure-shared", TestName = "ShouldHideFromATeamAdminTheCredentialOfAModelWithoutATeam")]
    [TestCase("carol", "openai-prod", TestName = "ShouldHideFromATeamAdminTheCredentialOfAnotherTeam")]
    [TestCase("alice", "unused", TestName = "ShouldHideFromATeamAdminACredentialNoModelUses")]
    [TestCase("bob", "openai-prod", TestName = "ShouldHideFromAMemberWhoIsNoTeamAdminTheCredentialOfItsTeam")]
    [TestCase("dave", "openai-prod", TestName = "ShouldHideFromAnOutsiderEveryCredential")]
    public void ShouldAnswerNotFoundForACredentialTheCallerMayNotSee(string userId, string name)
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(name, TestCaller.InternalUser(userId)));

        Assert.That(missing!.Param, Is.EqualTo("credential_name"));
        Assert.That(missing.Message, Is.EqualTo($"Credential not found. Got credential name: {name}"), "the same answer as for a name that does not exist");
    }

    [Test]
    public void ShouldAnswerNotFoundForAnUnknownName()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Handle("ghost", TestCaller.Admin()));

        Assert.That(missing!.Param, Is.EqualTo("credential_name"));
        Assert.That(missing.Message, Is.EqualTo("Credential not found. Got credential name: ghost"));
    }

    [Test]
    public void EveryoneWhoMayReadItsOwnDataMaySendIt() =>
        Assert.That(((AuthorizeAttribute)Attribute.GetCustomAttribute(typeof(GetCredentialByNameQuery), typeof(AuthorizeAttribute))!).Policy, Is.EqualTo(AccessPolicy.SelfServiceRead));

    private async Task<CredentialDto> Handle(string name, ICurrentCaller caller) =>
        await new GetCredentialByNameQueryHandler(_ports.Credentials.Object, _ports.Visibility(caller), _ports.Presenter, _ports.Ports.Tags)
            .Handle(new GetCredentialByNameQuery(name), CancellationToken.None);
}

public sealed class GetCredentialByNameQueryValidatorTests
{
    private readonly GetCredentialByNameQueryValidator _validator = new();

    [Test]
    public void ShouldRequireTheNameInThePath()
    {
        Assert.That(_validator.InvalidFields(new GetCredentialByNameQuery("team/openai/prod")), Is.Empty);
        Assert.That(
            _validator.Validate(new GetCredentialByNameQuery("")).Errors.Select(e => (e.PropertyName, e.ErrorMessage)),
            Is.EqualTo(new[] { ("credential_name", "'credential_name' is required in the path.") }));
    }
}
