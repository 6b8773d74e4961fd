using Moq;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Credentials;
using ProxyAdmin.Application.Credentials.Queries.ListCredentials;
using ProxyAdmin.Application.UnitTests.TestSupport;

namespace ProxyAdmin.Application.UnitTests.Credentials;

public sealed class ListCredentialsQueryHandlerTests
{
    private CredentialPorts _ports = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new CredentialPorts();
        _ports.GivenWorld();
    }

    [Test]
    public async Task ShouldListEveryCredentialMaskedForAProxyAdmin()
    {
        var listed = await Handle(TestCaller.Admin());

        Assert.That(listed.Success, Is.True);
        Assert.That(listed.Credentials.Select(c => c.CredentialName), Is.EqualTo(new[] { "anthropic-prod", "azure-shared", "openai-prod", "unused" }));
        var openai = listed.Credentials.Single(c => c.CredentialName == "openai-prod");
        Assert.That(openai.CredentialValues!.ToJsonString(), Is.EqualTo("""{"api_key":"****1111","api_base":"https://openai.example.test/v1"}"""));
        Assert.That(openai.CredentialInfo!.ToJsonString(), Is.EqualTo("""{"custom_llm_provider":"openai"}"""));
        Assert.That(listed.Credentials.Select(c => c.CredentialValues!["api_key"]!.GetValue<string>()), Is.EqualTo(new[] { "****2222", "****3333", "****1111", "****4444" }));
    }

    [TestCase(false, TestName = "ShouldListEveryCredentialMaskedForAnAdminViewer")]
    [TestCase(true, TestName = "ShouldListEveryCredentialMaskedForTheMasterKey")]
    public async Task ShouldListEveryCredentialMaskedForEveryoneWhoReadsEverything(bool masterKey)
    {
        var listed = await Handle(masterKey ? TestCaller.MasterKey : TestCaller.AdminViewer());

        Assert.That(listed.Credentials.Select(c => c.CredentialName), Is.EqualTo(new[] { "anthropic-prod", "azure-shared", "openai-prod", "unused" }));
        Assert.That(listed.Credentials.Select(c => c.CredentialValues!["api_key"]!.GetValue<string>()), Is.EqualTo(new[] { "****2222", "****3333", "****1111", "****4444" }));
    }

    [Test]
    public async Task ShouldShowATeamAdminOnlyTheNamesItsTeamsModelsUse()
    {
        var listed = await Handle(TestCaller.InternalUser("alice"));

        Assert.That(listed.Credentials.Select(c => c.CredentialName), Is.EqualTo(new[] { "anthropic-prod", "openai-prod" }), "by name, each once, not azure-shared of a model without a team");
        Assert.That(listed.Credentials.Select(c => (c.CredentialValues, c.CredentialInfo, c.DecryptionError)), Has.All.EqualTo(((object?)null, (object?)null, (string?)null)));
        _ports.Models.Verify(r => r.CredentialNamesOfTeamsAsync(new[] { "t1" }, It.IsAny<CancellationToken>()), Times.Once);
        _ports.Credentials.Verify(r => r.ListAsync(It.IsAny<CancellationToken>()), Times.Never, "no value is loaded for a name-only answer");
    }

    [Test]
    public async Task ShouldShowTheAdminOfAnotherTeamItsOwnNames()
    {
        var listed = await Handle(TestCaller.InternalUser("carol"));

        Assert.That(listed.Credentials.Select(c => c.CredentialName), Is.EqualTo(new[] { "anthropic-prod" }));
        Assert.That(listed.Credentials.Single().CredentialValues, Is.Null);
    }

    [Test]
    public async Task ShouldShowAnOrgAdminTheNamesTheModelsOfTheTeamsInItsOrganizationsUse()
    {
        _ports.Ports.Organizations.Setup(r => r.AdministeredByAsync("erin", It.IsAny<CancellationToken>())).ReturnsAsync(["org-1"]);
        _ports.Ports.Organizations.Setup(r => r.TeamIdsInAsync(It.Is<IReadOnlyCollection<string>>(ids => ids.SequenceEqual(new[] { "org-1" })), It.IsAny<CancellationToken>())).ReturnsAsync(["t2"]);

        var listed = await Handle(TestCaller.InternalUser("erin"));

        Assert.That(listed.Credentials.Select(c => c.CredentialName), Is.EqualTo(new[] { "anthropic-prod" }), "t2's model's credential, by name only");
        Assert.That(listed.Credentials.Single().CredentialValues, Is.Null);
    }

    [Test]
    public async Task ShouldShowAMemberWhoIsNoTeamAdminNothing()
    {
        var listed = await Handle(TestCaller.InternalUser("bob"));

        Assert.That(listed.Credentials, Is.Empty);
        _ports.Models.Verify(r => r.CredentialNamesOfTeamsAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task ShouldShowAnOutsiderNothing()
    {
        var listed = await Handle(TestCaller.InternalUser("dave"));

        Assert.That(listed.Success, Is.True);
        Assert.That(listed.Credentials, Is.Empty);
        _ports.Credentials.Verify(r => r.ListAsync(It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task ShouldShowAServiceAccountNothingEvenOfItsTeam()
    {
        var listed = await Handle(TestCaller.ServiceAccount("t1"));

        Assert.That(listed.Credentials, Is.Empty);
    }

    [Test]
    public void EveryoneWhoMayReadItsOwnDataMaySendIt() =>
        Assert.That(((AuthorizeAttribute)Attribute.GetCustomAttribute(typeof(ListCredentialsQuery), typeof(AuthorizeAttribute))!).Policy, Is.EqualTo(AccessPolicy.SelfServiceRead));

    private async Task<CredentialListDto> Handle(ICurrentCaller caller) =>
        await new ListCredentialsQueryHandler(_ports.Credentials.Object, _ports.Visibility(caller), _ports.Presenter)
            .Handle(new ListCredentialsQuery(), CancellationToken.None);
}
