using System.Text.Json.Nodes;
using Moq;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Models;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Users;
using static ProxyAdmin.Application.UnitTests.Models.ModelFixtures;

namespace ProxyAdmin.Application.UnitTests.Models;

public sealed class ModelCredentialRulesTests
{
    private ModelPorts _ports = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new ModelPorts();
        _ports.GivenCredentials("openai-prod", "anthropic-prod");
    }

    [Test]
    public async Task ShouldLeaveTheCredentialWhenNoParametersAreSent()
    {
        var choice = await Choose(TestCaller.InternalUser("alice"), null, stored: "openai-prod", nullDetaches: true);

        Assert.That(choice, Is.EqualTo(new CredentialChoice(null, false, null)));
    }

    [Test]
    public async Task ShouldLeaveTheCredentialWhenTheParametersDoNotNameOne()
    {
        var sent = Json("""{"model":"openai/gpt-4o","rpm":5}""");

        var choice = await Choose(TestCaller.InternalUser("alice"), sent, stored: "openai-prod", nullDetaches: true);

        Assert.That(choice.OtherParams!.ToJsonString(), Is.EqualTo("""{"model":"openai/gpt-4o","rpm":5}"""));
        Assert.That((choice.Changes, choice.CredentialName), Is.EqualTo((false, (string?)null)));
        VerifyNoExistenceAsked();
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task ShouldLetAProxyAdminAttachAStoredCredentialAndTakeItsNameOutOfACopy(bool masterKey)
    {
        var sent = Json("""{"model":"openai/gpt-4o","litellm_credential_name":"openai-prod","rpm":5}""");

        var choice = await Choose(masterKey ? TestCaller.MasterKey : TestCaller.Admin(), sent, stored: null, nullDetaches: false);

        Assert.That((choice.Changes, choice.CredentialName), Is.EqualTo((true, (string?)"openai-prod")));
        Assert.That(choice.OtherParams!.ToJsonString(), Is.EqualTo("""{"model":"openai/gpt-4o","rpm":5}"""));
        Assert.That(choice.OtherParams, Is.Not.SameAs(sent));
        Assert.That(
            sent.ToJsonString(),
            Is.EqualTo("""{"model":"openai/gpt-4o","litellm_credential_name":"openai-prod","rpm":5}"""),
            "the command's parameters are unchanged, so a re-run decides the same");
        _ports.Credentials.Verify(r => r.ExistsAsync("openai-prod", It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task ShouldLetAProxyAdminMoveAModelToAnotherCredential()
    {
        var choice = await Choose(TestCaller.Admin(), Json("""{"litellm_credential_name":"anthropic-prod"}"""), stored: "openai-prod", nullDetaches: true);

        Assert.That(choice, Is.EqualTo(new CredentialChoice(choice.OtherParams, true, "anthropic-prod")));
        Assert.That(choice.OtherParams!.ToJsonString(), Is.EqualTo("{}"));
    }

    [Test]
    public void ShouldRefuseToAttachACredentialThatDoesNotExist()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () =>
            await Choose(TestCaller.Admin(), Json("""{"litellm_credential_name":"ghost"}"""), stored: null, nullDetaches: false));

        Assert.That(missing!.Param, Is.EqualTo("litellm_credential_name"));
        Assert.That(missing.Message, Is.EqualTo("Credential 'ghost' not found. Create it via /credentials before attaching it to a model."));
    }

    [TestCase(UserRole.InternalUser, "internal_user", null)]
    [TestCase(UserRole.InternalUser, "internal_user", "openai-prod")]
    [TestCase(UserRole.ProxyAdminViewer, "proxy_admin_viewer", null)]
    [TestCase(UserRole.OrgAdmin, "org_admin", "openai-prod")]
    public void ShouldLetNoOneButAProxyAdminAttachOrChangeACredential(UserRole role, string wireRole, string? stored)
    {
        var refused = Assert.ThrowsAsync<ForbiddenAccessException>(async () =>
            await Choose(TestCaller.WithRole(role, "alice"), Json("""{"model":"openai/gpt-4o","litellm_credential_name":"anthropic-prod"}"""), stored, nullDetaches: true));

        Assert.That(refused!.Param, Is.EqualTo("litellm_credential_name"));
        Assert.That(
            refused.Message,
            Is.EqualTo($"Only a proxy admin can attach a stored credential (litellm_credential_name) on a model. Your role={wireRole}."));
        VerifyNoExistenceAsked("a refused caller learns nothing of which credentials exist");
    }

    [Test]
    public void ShouldRefuseAnAttachOfAnUnknownNameAsForbiddenNotNotFoundToANonAdmin() =>
        Assert.ThrowsAsync<ForbiddenAccessException>(async () =>
            await Choose(TestCaller.InternalUser("alice"), Json("""{"litellm_credential_name":"ghost"}"""), stored: null, nullDetaches: false));

    [Test]
    public async Task ShouldLetAnyEditorResendTheNameTheModelAlreadyUses()
    {
        var sent = Json("""{"litellm_credential_name":"openai-prod","rpm":5}""");

        var choice = await Choose(TestCaller.InternalUser("alice"), sent, stored: "openai-prod", nullDetaches: true);

        Assert.That((choice.Changes, choice.CredentialName), Is.EqualTo((false, (string?)null)));
        Assert.That(choice.OtherParams!.ToJsonString(), Is.EqualTo("""{"rpm":5}"""), "the name is a reference, never a sealed parameter");
        Assert.That(sent.ContainsKey("litellm_credential_name"), Is.True);
        VerifyNoExistenceAsked();
    }

    [Test]
    public async Task ShouldLetAProxyAdminDetachWithAnExplicitNull()
    {
        var sent = Json("""{"litellm_credential_name":null,"rpm":5}""");

        var choice = await Choose(TestCaller.Admin(), sent, stored: "openai-prod", nullDetaches: true);

        Assert.That((choice.Changes, choice.CredentialName), Is.EqualTo((true, (string?)null)));
        Assert.That(choice.OtherParams!.ToJsonString(), Is.EqualTo("""{"rpm":5}"""));
        Assert.That(sent.ToJsonString(), Is.EqualTo("""{"litellm_credential_name":null,"rpm":5}"""));
    }

    [Test]
    public void ShouldRefuseADetachByAnyoneElse()
    {
        var refused = Assert.ThrowsAsync<ForbiddenAccessException>(async () =>
            await Choose(TestCaller.InternalUser("alice"), Json("""{"litellm_credential_name":null}"""), stored: "openai-prod", nullDetaches: true));

        Assert.That(refused!.Param, Is.EqualTo("litellm_credential_name"));
        Assert.That(refused.Message, Is.EqualTo("Only a proxy admin can detach a stored credential (litellm_credential_name) on a model. Your role=internal_user."));
    }

    [Test]
    public async Task ShouldLetAnyEditorSendANullWhenTheModelHasNoCredential()
    {
        var choice = await Choose(TestCaller.InternalUser("alice"), Json("""{"litellm_credential_name":null,"rpm":5}"""), stored: null, nullDetaches: true);

        Assert.That((choice.Changes, choice.CredentialName), Is.EqualTo((false, (string?)null)));
        Assert.That(choice.OtherParams!.ToJsonString(), Is.EqualTo("""{"rpm":5}"""));
    }

    [Test]
    public async Task ShouldIgnoreANullWhereNullsDoNotDetach()
    {
        var choice = await Choose(TestCaller.InternalUser("alice"), Json("""{"litellm_credential_name":null,"rpm":5}"""), stored: "openai-prod", nullDetaches: false);

        Assert.That((choice.Changes, choice.CredentialName), Is.EqualTo((false, (string?)null)), "POST /model/update ignores nulls");
        Assert.That(choice.OtherParams!.ToJsonString(), Is.EqualTo("""{"rpm":5}"""));
    }

    private void VerifyNoExistenceAsked(string? because = null) =>
        _ports.Credentials.Verify(r => r.ExistsAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never, because ?? "nothing to look up");

    private async Task<CredentialChoice> Choose(ICurrentCaller caller, JsonObject? sent, string? stored, bool nullDetaches) =>
        await _ports.CredentialRules(caller).ChooseAsync(sent, stored, nullDetaches, CancellationToken.None);
}
