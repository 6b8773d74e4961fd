using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Teams.Queries.GetTeamPermissions;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.UnitTests.Teams;

public sealed class GetTeamPermissionsQueryHandlerTests
{
    private HandlerPorts _ports = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new HandlerPorts();
        _ports.GivenTeams(
            TeamFixtures.TeamWithAdminAndMember("t1", admin: "alice", member: "bob", new TeamSettings { TeamMemberPermissions = ["/key/generate"] }),
            TeamFixtures.TeamWithAdminAndMember("t2", admin: "alice", member: "bob"));
    }

    [Test]
    public async Task ShouldListTheTeamsPermissionsAndEveryAvailableOne()
    {
        var listed = await Handle(new GetTeamPermissionsQuery("t1"), TestCaller.InternalUser("alice"));

        Assert.That(listed.TeamMemberPermissions, Is.EqualTo(new[] { "/key/generate" }));
        Assert.That(listed.AllAvailablePermissions, Is.EqualTo(TeamMemberPermissions.All));
    }

    [Test]
    public async Task ShouldListLiteLlmsDefaultForATeamThatNamesNone() =>
        Assert.That((await Handle(new GetTeamPermissionsQuery("t2"), TestCaller.AdminViewer())).TeamMemberPermissions, Is.EqualTo(new[] { "/key/info", "/key/health" }));

    [Test]
    public void ShouldForbidAPlainMemberAndHideTheTeamFromAnOutsider()
    {
        Assert.ThrowsAsync<ForbiddenAccessException>(async () => await Handle(new GetTeamPermissionsQuery("t1"), TestCaller.InternalUser("bob")));
        Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new GetTeamPermissionsQuery("t1"), TestCaller.InternalUser("mallory")));
    }

    private async Task<TeamPermissionsDto> Handle(GetTeamPermissionsQuery query, ICurrentCaller caller) =>
        await new GetTeamPermissionsQueryHandler(_ports.Teams.Object, caller, _ports.StandingOf(caller)).Handle(query, CancellationToken.None);
}
