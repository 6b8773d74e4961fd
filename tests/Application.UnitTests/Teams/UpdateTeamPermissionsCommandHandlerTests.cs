using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Teams;
using ProxyAdmin.Application.Teams.Commands.UpdateTeamPermissions;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.UnitTests.Teams;

public sealed class UpdateTeamPermissionsCommandHandlerTests
{
    private HandlerPorts _ports = null!;
    private Team _team = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new HandlerPorts();
        _team = TeamFixtures.TeamWithAdminAndMember("t1", admin: "alice", member: "bob");
        _ports.GivenTeams(_team);
    }

    [Test]
    public async Task ShouldLetATeamAdminReplaceThePermissionsAndAuditIt()
    {
        var team = await Handle(new UpdateTeamPermissionsCommand { TeamId = "t1", TeamMemberPermissions = ["/key/generate", "/key/update"] }, TestCaller.InternalUser("alice"));

        Assert.That(_team.TeamMemberPermissions, Is.EqualTo(new[] { "/key/generate", "/key/update" }));
        Assert.That(team.TeamMemberPermissions, Is.EqualTo(new[] { "/key/generate", "/key/update" }));
        var row = _ports.AuditRecords.Single();
        Assert.That((row.Action, row.TableName, row.ObjectId), Is.EqualTo((AuditAction.Updated, AuditTables.Teams, "t1")));
        Assert.That(((TeamDto)row.Before!).TeamMemberPermissions, Is.Empty);
        _ports.VerifySavedOnce();
    }

    [Test]
    public void ShouldForbidAPlainMember()
    {
        Assert.ThrowsAsync<ForbiddenAccessException>(async () =>
            await Handle(new UpdateTeamPermissionsCommand { TeamId = "t1", TeamMemberPermissions = ["/key/generate"] }, TestCaller.InternalUser("bob")));

        Assert.That(_team.TeamMemberPermissions, Is.Empty);
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseAPermissionThatIsNotAKeyManagementRoute() =>
        Assert.That(
            new UpdateTeamPermissionsCommandValidator().InvalidFields(new UpdateTeamPermissionsCommand { TeamId = "t1", TeamMemberPermissions = ["/key/info", "/team/delete"] }),
            Is.EqualTo(new[] { "team_member_permissions" }));

    private async Task<TeamDto> Handle(UpdateTeamPermissionsCommand command, ICurrentCaller caller) =>
        await new UpdateTeamPermissionsCommandHandler(_ports.Teams.Object, _ports.Audit.Object, _ports.UnitOfWork.Object, caller, _ports.StandingOf(caller), _ports.Clock)
            .Handle(command, CancellationToken.None);
}
