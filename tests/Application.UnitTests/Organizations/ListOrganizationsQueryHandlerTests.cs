using Moq;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Organizations;
using ProxyAdmin.Application.Organizations.Queries.ListOrganizations;
using ProxyAdmin.Application.UnitTests.Teams;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Organizations;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.UnitTests.Organizations;

public sealed class ListOrganizationsQueryHandlerTests
{
    private HandlerPorts _ports = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new HandlerPorts();
        Organization[] organizations =
        [
            OrganizationFixtures.Organization("org-1", members: [("ada", OrganizationRole.OrgAdmin), ("bo", OrganizationRole.InternalUser)]),
            OrganizationFixtures.Organization("org-2", members: [("bo", OrganizationRole.OrgAdmin)]),
            OrganizationFixtures.Organization("org-3"),
        ];
        _ports.GivenTeams(
            TeamFixtures.Team("t-ada", new TeamSettings { OrganizationId = "org-1" }, ("ada", TeamRole.Admin)),
            TeamFixtures.Team("t-bo", new TeamSettings { OrganizationId = "org-1" }, ("bo", TeamRole.User)),
            TeamFixtures.Team("t-two", new TeamSettings { OrganizationId = "org-2" }));
        _ports.GivenOrganizations(organizations);
        // Every organization for null, else those the user is a member of, as the repository's query answers.
        _ports.Organizations.Setup(r => r.ListAsync(It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string? memberUserId, CancellationToken _) => organizations.Where(o => memberUserId is null || o.IsMember(memberUserId)).ToList());
    }

    [Test]
    public async Task ShouldListEveryOrganizationWithItsTeamsForAProxyAdmin()
    {
        var listed = await Handle(TestCaller.Admin());

        Assert.That(listed.Select(o => (o.OrganizationId, string.Join(",", o.Teams.Select(t => t.TeamId)))), Is.EqualTo(new[]
        {
            ("org-1", "t-ada,t-bo"),
            ("org-2", "t-two"),
            ("org-3", ""),
        }));
        Assert.That(listed[0].Members.Select(m => m.UserId), Is.EqualTo(new[] { "ada", "bo" }));
        _ports.Organizations.Verify(r => r.ListAsync(null, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task ShouldListEveryOrganizationForAnAdminViewerAndTheMasterKey()
    {
        Assert.That((await Handle(TestCaller.AdminViewer())).Select(o => o.OrganizationId), Is.EqualTo(new[] { "org-1", "org-2", "org-3" }));
        Assert.That((await Handle(TestCaller.MasterKey)).Select(o => o.OrganizationId), Is.EqualTo(new[] { "org-1", "org-2", "org-3" }));
    }

    [Test]
    public async Task ShouldListAUserOnlyTheOrganizationsItIsAMemberOfWithTheTeamsItMaySee()
    {
        var listed = await Handle(TestCaller.InternalUser("bo"));

        Assert.That(listed.Select(o => (o.OrganizationId, string.Join(",", o.Teams.Select(t => t.TeamId)))), Is.EqualTo(new[]
        {
            ("org-1", "t-bo"),
            ("org-2", "t-two"),
        }), "in org-1 bo is a member and sees its own team; in org-2 it is an org admin and sees every team");
        _ports.Organizations.Verify(r => r.ListAsync("bo", It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task ShouldListNothingForAUserInNoOrganizationWithoutReadingTeams()
    {
        Assert.That(await Handle(TestCaller.InternalUser("zed")), Is.Empty);
        _ports.Organizations.Verify(r => r.TeamsOfAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task ShouldListNothingForAServiceAccountWithoutReadingAnything()
    {
        Assert.That(await Handle(TestCaller.ServiceAccount("t-bo")), Is.Empty);
        _ports.Organizations.Verify(r => r.ListAsync(It.IsAny<string?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public void AnyUserMayAsk() =>
        Assert.That(((AuthorizeAttribute)Attribute.GetCustomAttribute(typeof(ListOrganizationsQuery), typeof(AuthorizeAttribute))!).Policy, Is.EqualTo(AccessPolicy.SelfServiceRead));

    private async Task<List<OrganizationDto>> Handle(ICurrentCaller caller) =>
        await new ListOrganizationsQueryHandler(_ports.Organizations.Object, _ports.Budgets.Object, caller).Handle(new ListOrganizationsQuery(), CancellationToken.None);
}
