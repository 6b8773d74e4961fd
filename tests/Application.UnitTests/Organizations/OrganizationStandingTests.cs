using Moq;
using ProxyAdmin.Application.UnitTests.Teams;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Organizations;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.UnitTests.Organizations;

public sealed class OrganizationStandingTests
{
    private HandlerPorts _ports = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new HandlerPorts();
        _ports.GivenOrganizations(OrganizationFixtures.Organization("org-1", members: [("ada", OrganizationRole.OrgAdmin), ("bo", OrganizationRole.InternalUser)]));
    }

    [TestCase("ada", true)]
    [TestCase("bo", false)]
    [TestCase("zed", false)]
    public async Task OnlyAnOrgAdminMembershipAdministersTheOrganization(string userId, bool administers) =>
        Assert.That(await _ports.StandingOf(TestCaller.InternalUser(userId)).AdministersAsync("org-1", CancellationToken.None), Is.EqualTo(administers));

    [Test]
    public async Task ItIsReadOncePerRequest()
    {
        var standing = _ports.StandingOf(TestCaller.InternalUser("ada"));

        Assert.That(await standing.AdministersAsync("org-1", CancellationToken.None), Is.True);
        Assert.That(await standing.AdministersAsync("org-1", CancellationToken.None), Is.True);

        _ports.Organizations.Verify(r => r.RoleOfAsync("org-1", "ada", It.IsAny<CancellationToken>()), Times.Once);
    }

    [TestCase(null)]
    [TestCase("")]
    public async Task NoOrganizationIsAdministeredByAnyone(string? organizationId)
    {
        Assert.That(await _ports.StandingOf(TestCaller.InternalUser("ada")).AdministersAsync(organizationId, CancellationToken.None), Is.False);
        _ports.Organizations.Verify(r => r.RoleOfAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task TheMasterKeyAndServiceAccountsAdministerNoOrganizationByMembership()
    {
        Assert.That(await _ports.StandingOf(TestCaller.MasterKey).AdministersAsync("org-1", CancellationToken.None), Is.False);
        Assert.That(await _ports.StandingOf(TestCaller.ServiceAccount("t1")).AdministersAsync("org-1", CancellationToken.None), Is.False);
        Assert.That(await _ports.StandingOf(TestCaller.MasterKey).AdministeredAsync(CancellationToken.None), Is.Empty);
        _ports.Organizations.Verify(r => r.RoleOfAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        _ports.Organizations.Verify(r => r.AdministeredByAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task TheOrganizationsAUserAdministersComeFromTheRepository()
    {
        _ports.Organizations.Setup(r => r.AdministeredByAsync("ada", It.IsAny<CancellationToken>())).ReturnsAsync(["org-1", "org-9"]);

        Assert.That(await _ports.StandingOf(TestCaller.InternalUser("ada")).AdministeredAsync(CancellationToken.None), Is.EqualTo(new[] { "org-1", "org-9" }));
    }

    [Test]
    public async Task TheOrganizationOfATeamIsAskedAboutOnlyWhenTheTeamAloneDoesNotLetTheCallerIn()
    {
        var team = TeamFixtures.Team("t1", new TeamSettings { OrganizationId = "org-1" }, ("bo", TeamRole.Admin));

        Assert.That(await _ports.StandingOf(TestCaller.InternalUser("ada")).AdministersOrganizationOfAsync(team, CancellationToken.None), Is.True);
        Assert.That(await _ports.StandingOf(TestCaller.InternalUser("zed")).AdministersOrganizationOfAsync(team, CancellationToken.None), Is.False);
        Assert.That(await _ports.StandingOf(TestCaller.InternalUser("bo")).AdministersOrganizationOfAsync(team, CancellationToken.None), Is.False, "a team admin is let in by the team");
        Assert.That(await _ports.StandingOf(TestCaller.Admin()).AdministersOrganizationOfAsync(team, CancellationToken.None), Is.False, "a proxy admin is let in by the team");
        Assert.That(await _ports.StandingOf(TestCaller.InternalUser("ada")).AdministersOrganizationOfAsync(null, CancellationToken.None), Is.False);
        Assert.That(
            await _ports.StandingOf(TestCaller.InternalUser("ada")).AdministersOrganizationOfAsync(TeamFixtures.Team("t2", new TeamSettings()), CancellationToken.None),
            Is.False);
        _ports.Organizations.Verify(r => r.RoleOfAsync("org-1", "bo", It.IsAny<CancellationToken>()), Times.Never);
        _ports.Organizations.Verify(r => r.RoleOfAsync("org-1", "admin", It.IsAny<CancellationToken>()), Times.Never);
    }
}
