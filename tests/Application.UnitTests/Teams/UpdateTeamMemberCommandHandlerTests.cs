using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Teams;
using ProxyAdmin.Application.Teams.Commands.UpdateTeamMember;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.UnitTests.Teams;

public sealed class UpdateTeamMemberCommandHandlerTests
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
    public async Task ShouldChangeTheRoleAndReturnTheNewMembership()
    {
        var membership = await Handle(new UpdateTeamMemberCommand { TeamId = "t1", UserId = "bob", Role = TeamRole.Admin }, TestCaller.InternalUser("alice"));

        Assert.That(membership, Is.EqualTo(new TeamMemberUpdatedDto
        {
            TeamId = "t1", UserId = "bob", UserEmail = "bob@example.com", Role = TeamRole.Admin,
            BudgetId = null, Spend = 0, LitellmBudgetTable = null, MaxBudgetInTeam = null, TpmLimit = null, RpmLimit = null,
        }));
        Assert.That(_team.IsAdmin("bob"), Is.True);
        Assert.That(_team.UpdatedBy, Is.EqualTo("alice"));
        Assert.That(_team.UpdatedAt, Is.EqualTo(_ports.Now));
        _ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldAuditTheTeamBeforeAndAfter()
    {
        await Handle(new UpdateTeamMemberCommand { TeamId = "t1", UserEmail = "alice@example.com", Role = TeamRole.User }, TestCaller.Admin());

        var row = _ports.AuditRecords.Single();
        Assert.That((row.Action, row.TableName, row.ObjectId), Is.EqualTo((AuditAction.Updated, AuditTables.Teams, "t1")));
        Assert.That(((TeamDto)row.Before!).Admins, Is.EqualTo(new[] { "alice" }));
        Assert.That(((TeamDto)row.After!).Admins, Is.Empty);
    }

    [Test]
    public void ShouldRefuseAUserWhoIsNotInTheTeamWithNotFound()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () =>
            await Handle(new UpdateTeamMemberCommand { TeamId = "t1", UserId = "carol", Role = TeamRole.Admin }, TestCaller.Admin()));

        Assert.That(missing!.Param, Is.EqualTo("user_id"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldForbidAMemberToPromoteThemselves()
    {
        Assert.ThrowsAsync<ForbiddenAccessException>(async () =>
            await Handle(new UpdateTeamMemberCommand { TeamId = "t1", UserId = "bob", Role = TeamRole.Admin }, TestCaller.InternalUser("bob")));

        Assert.That(_team.IsAdmin("bob"), Is.False);
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldHideTheTeamFromAnOutsider()
    {
        Assert.ThrowsAsync<NotFoundException>(async () =>
            await Handle(new UpdateTeamMemberCommand { TeamId = "t1", UserId = "bob", Role = TeamRole.Admin }, TestCaller.InternalUser("mallory")));

        _ports.VerifyNothingWritten();
    }

    private async Task<TeamMemberUpdatedDto> Handle(UpdateTeamMemberCommand command, ICurrentCaller caller) =>
        await new UpdateTeamMemberCommandHandler(_ports.Teams.Object, _ports.Budgets.Object, _ports.Audit.Object, _ports.UnitOfWork.Object, caller, _ports.Clock)
            .Handle(command, CancellationToken.None);
}

public sealed class UpdateTeamMemberCommandValidatorTests
{
    private readonly UpdateTeamMemberCommandValidator _validator = new();

    [Test]
    public void ShouldAcceptAValidRequest() =>
        Assert.That(_validator.InvalidFields(new UpdateTeamMemberCommand { TeamId = "t1", UserId = "bob", Role = TeamRole.Admin }), Is.Empty);

    [Test]
    public void ShouldRejectAnUnknownRole() =>
        Assert.That(
            _validator.Validate(new UpdateTeamMemberCommand { TeamId = "t1", UserId = "bob", Role = (TeamRole)9 }).Errors.Select(e => (e.PropertyName, e.ErrorMessage)),
            Is.EqualTo(new[] { ("role", "'role' must be 'admin' or 'user'.") }));

    [Test]
    public void ShouldRequireAUserIdOrEmail() =>
        Assert.That(_validator.InvalidFields(new UpdateTeamMemberCommand { TeamId = "t1", Role = TeamRole.User }), Is.EqualTo(new[] { "user_id" }));
}
