using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Credentials;
using ProxyAdmin.Application.Credentials.Queries.GetCredentialByModel;
using ProxyAdmin.Application.UnitTests.Models;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Models;

namespace ProxyAdmin.Application.UnitTests.Credentials;

public sealed class GetCredentialByModelQueryHandlerTests
{
    private CredentialPorts _ports = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new CredentialPorts();
        _ports.GivenWorld();
    }

    [Test]
    public async Task ShouldShowAProxyAdminTheStoredCredentialOfAModelMasked()
    {
        var credential = await Handle("tm1", TestCaller.Admin());

        Assert.That(credential.CredentialName, Is.EqualTo("openai-prod"));
        Assert.That(credential.CredentialValues!.ToJsonString(), Is.EqualTo("""{"api_key":"****1111","api_base":"https://openai.example.test/v1"}"""));
        Assert.That(credential.CredentialInfo!.ToJsonString(), Is.EqualTo("""{"custom_llm_provider":"openai"}"""));
    }

    [Test]
    public async Task ShouldShowAnAdminViewerTheStoredCredentialMasked()
    {
        var credential = await Handle("g1", TestCaller.AdminViewer());

        Assert.That(credential.CredentialName, Is.EqualTo("azure-shared"));
        Assert.That(credential.CredentialValues!["api_key"]!.GetValue<string>(), Is.EqualTo("****3333"));
    }

    [TestCase("alice", TestName = "ShouldShowATeamAdminOnlyTheNameOfItsModelsStoredCredential")]
    [TestCase("bob", TestName = "ShouldShowATeamMemberOnlyTheNameOfItsModelsStoredCredential")]
    public async Task ShouldShowSomeoneWhoSeesTheModelOnlyTheStoredCredentialsName(string userId)
    {
        var credential = await Handle("tm1", TestCaller.InternalUser(userId));

        Assert.That(credential.CredentialName, Is.EqualTo("openai-prod"));
        Assert.That((credential.CredentialValues, credential.CredentialInfo), Is.EqualTo(((object?)null, (object?)null)));
    }

    [Test]
    public async Task ShouldShowAModelsOwnCredentialParametersMaskedUnderLiteLlmsName()
    {
        var credential = await Handle("g2", TestCaller.Admin());

        Assert.That(credential.CredentialName, Is.EqualTo("gpt-4o-credential-g2"));
        Assert.That(credential.CredentialValues!.ToJsonString(), Is.EqualTo("""{"api_key":"****1234","api_base":"https://own.example.test"}"""), "only the credential parameters, not model or rpm");
        Assert.That(credential.CredentialInfo!.ToJsonString(), Is.EqualTo("{}"));
        Assert.That(credential.DecryptionError, Is.Null);
    }

    [Test]
    public async Task ShouldNameATeamModelsOwnCredentialByItsPublicName()
    {
        var credential = await Handle("tm1-own", TestCaller.InternalUser("bob"));

        Assert.That(_ports.Model("tm1-own").ModelName, Does.StartWith("model_name_t1_"), "the stored name is internal");
        Assert.That(credential.CredentialName, Is.EqualTo("t1-own-credential-tm1-own"));
        Assert.That(credential.CredentialValues!.ToJsonString(), Is.EqualTo("""{"api_key":"****5555"}"""));
    }

    [Test]
    public async Task ShouldShowAConfigModelsOwnCredentialParametersMasked()
    {
        var credential = await Handle("cfg-a", TestCaller.Admin());

        Assert.That(credential.CredentialName, Is.EqualTo("azure-gpt-credential-cfg-a"));
        Assert.That(credential.CredentialValues!.ToJsonString(), Is.EqualTo("""{"api_key":"****5678"}"""));
    }

    [Test]
    public async Task ShouldLeaveOutAnOwnParameterThatCannotBeDecryptedAndSayWhich()
    {
        _ports.GivenModels(ModelDeployment.Create(
            "locked", "locked", ModelFixtures.Json("""{"model":"enc:openai/gpt-4o","api_key":"v2:sealed-under-another-key","api_base":"enc:https://locked.example.test"}"""), [], TestData.Stamp));

        var credential = await Handle("locked", TestCaller.Admin());

        Assert.That(credential.CredentialValues!.ToJsonString(), Is.EqualTo("""{"api_base":"https://locked.example.test"}"""));
        Assert.That(
            credential.DecryptionError,
            Is.EqualTo("Could not decrypt litellm_params api_key of model locked: the values were tampered with or sealed under a salt key that is no longer configured."));
    }

    [Test]
    public async Task ShouldFallBackToTheOwnParametersWhenTheNamedCredentialIsGone()
    {
        _ports.GivenModels(ModelFixtures.Stored("orphan", "orphan", """{"model":"openai/gpt-4o","api_key":"sk-orphan-own-secret-6666"}""").Using("deleted-credential"));

        var credential = await Handle("orphan", TestCaller.Admin());

        Assert.That(credential.CredentialName, Is.EqualTo("orphan-credential-orphan"));
        Assert.That(credential.CredentialValues!.ToJsonString(), Is.EqualTo("""{"api_key":"****6666"}"""));
    }

    [TestCase("tm2", "alice", TestName = "ShouldHideAnotherTeamsModelFromATeamAdmin")]
    [TestCase("tm1", "dave", TestName = "ShouldHideATeamModelFromAnOutsider")]
    [TestCase("ghost", "alice", TestName = "ShouldAnswerNotFoundForAnUnknownModel")]
    [TestCase("ghost", "admin", TestName = "ShouldAnswerNotFoundForAnUnknownModelToAProxyAdmin")]
    public void ShouldAnswerNotFoundForAModelTheCallerMayNotSee(string modelId, string userId)
    {
        var caller = userId == "admin" ? TestCaller.Admin() : TestCaller.InternalUser(userId);

        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(modelId, caller));

        Assert.That(missing!.Param, Is.EqualTo("model_id"));
        Assert.That(missing.Message, Is.EqualTo("Model not found"));
    }

    [Test]
    public void EveryoneWhoMayReadItsOwnDataMaySendIt() =>
        Assert.That(((AuthorizeAttribute)Attribute.GetCustomAttribute(typeof(GetCredentialByModelQuery), typeof(AuthorizeAttribute))!).Policy, Is.EqualTo(AccessPolicy.SelfServiceRead));

    private async Task<CredentialDto> Handle(string modelId, ICurrentCaller caller) =>
        await new GetCredentialByModelQueryHandler(_ports.Deployments, _ports.ModelPorts.Visibility(caller), _ports.Presenter, caller)
            .Handle(new GetCredentialByModelQuery(modelId), CancellationToken.None);
}

public sealed class GetCredentialByModelQueryValidatorTests
{
    private readonly GetCredentialByModelQueryValidator _validator = new();

    [Test]
    public void ShouldRequireTheModelIdInThePath()
    {
        Assert.That(_validator.InvalidFields(new GetCredentialByModelQuery("m1")), Is.Empty);
        Assert.That(
            _validator.Validate(new GetCredentialByModelQuery("")).Errors.Select(e => (e.PropertyName, e.ErrorMessage)),
            Is.EqualTo(new[] { ("model_id", "'model_id' is required in the path.") }));
    }
}
