using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Teams;
using ProxyAdmin.Application.Teams.Commands.DeleteTeamMember;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.UnitTests.Teams;

public sealed class DeleteTeamMemberCommandHandlerTests
{
    private HandlerPorts _ports = null!;
    private Team _team = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new HandlerPorts();
        _team = TeamFixtures.Team("t1", new TeamSettings(), ("alice", TeamRole.Admin), ("bob", TeamRole.User), ("carol", TeamRole.User));
        _ports.GivenTeams(_team);
    }

    [Test]
    public async Task ShouldRemoveTheMemberNamedByUserIdAndAuditOnlyThatMembership()
    {
        var updated = await Handle(new DeleteTeamMemberCommand { TeamId = "t1", UserId = "bob" }, TestCaller.InternalUser("alice"));

        Assert.That(_team.Members.Select(m => m.UserId), Is.EqualTo(new[] { "alice", "carol" }));
        Assert.That(updated.Members, Is.EqualTo(new[] { "carol" }));
        Assert.That(updated.UpdatedBy, Is.EqualTo("alice"));
        var row = _ports.AuditRecords.Single();
        Assert.That((row.Action, row.TableName, row.ObjectId), Is.EqualTo((AuditAction.Updated, AuditTables.Teams, "t1")));
        Assert.That(((TeamMembersChangeDto)row.Before!).TeamMemberships.Select(m => (m.UserId, m.Role)), Is.EqualTo(new[] { ("bob", TeamRole.User) }));
        Assert.That(((TeamMembersChangeDto)row.After!).TeamMemberships, Is.Empty);
        _ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldFindTheMemberByEmailIgnoringCase()
    {
        var updated = await Handle(new DeleteTeamMemberCommand { TeamId = "t1", UserEmail = "CAROL@example.com" }, TestCaller.Admin());

        Assert.That(updated.Members, Is.EqualTo(new[] { "bob" }));
    }

    [TestCase("dave", null, "user_id")]
    [TestCase(null, "dave@example.com", "user_email")]
    public void ShouldRefuseAUserWhoIsNotInTheTeamWithNotFound(string? userId, string? userEmail, string param)
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () =>
            await Handle(new DeleteTeamMemberCommand { TeamId = "t1", UserId = userId, UserEmail = userEmail }, TestCaller.Admin()));

        Assert.That(missing!.Param, Is.EqualTo(param));
        Assert.That(missing.Message, Is.EqualTo("User not found in team"));
        Assert.That(_team.Members, Has.Count.EqualTo(3));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldForbidAMemberWhoIsNotATeamAdmin()
    {
        Assert.ThrowsAsync<ForbiddenAccessException>(async () =>
            await Handle(new DeleteTeamMemberCommand { TeamId = "t1", UserId = "carol" }, TestCaller.InternalUser("bob")));

        Assert.That(_team.IsMember("carol"), Is.True);
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldHideTheTeamFromAnOutsider()
    {
        Assert.ThrowsAsync<NotFoundException>(async () =>
            await Handle(new DeleteTeamMemberCommand { TeamId = "t1", UserId = "bob" }, TestCaller.InternalUser("mallory")));

        Assert.That(_team.IsMember("bob"), Is.True);
        _ports.VerifyNothingWritten();
    }

    private async Task<TeamDto> Handle(DeleteTeamMemberCommand command, ICurrentCaller caller) =>
        await new DeleteTeamMemberCommandHandler(_ports.Teams.Object, _ports.Audit.Object, _ports.UnitOfWork.Object, caller, _ports.StandingOf(caller), _ports.Clock)
            .Handle(command, CancellationToken.None);
}

public sealed class DeleteTeamMemberCommandValidatorTests
{
    private readonly DeleteTeamMemberCommandValidator _validator = new();

    [Test]
    public void ShouldAcceptAUserEmail() =>
        Assert.That(_validator.InvalidFields(new DeleteTeamMemberCommand { TeamId = "t1", UserEmail = "bob@example.com" }), Is.Empty);

    [Test]
    public void ShouldRequireAUserIdOrEmail() =>
        Assert.That(
            _validator.Validate(new DeleteTeamMemberCommand { TeamId = "t1" }).Errors.Select(e => (e.PropertyName, e.ErrorMessage)),
            Is.EqualTo(new[] { ("user_id", "Either user_id or user_email needs to be passed in") }));

    [Test]
    public void ShouldRequireTheTeamId() =>
        Assert.That(_validator.Messages(new DeleteTeamMemberCommand { TeamId = "", UserId = "bob" }), Is.EqualTo(new[] { "No team id passed in" }));
}
