using Moq;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Teams;
using ProxyAdmin.Application.Teams.Commands.UpdateTeamMember;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Budgets;
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
    public async Task ShouldAuditTheChangedMembershipBeforeAndAfter()
    {
        await Handle(new UpdateTeamMemberCommand { TeamId = "t1", UserEmail = "alice@example.com", Role = TeamRole.User }, TestCaller.Admin());

        var row = _ports.AuditRecords.Single();
        Assert.That((row.Action, row.TableName, row.ObjectId), Is.EqualTo((AuditAction.Updated, AuditTables.Teams, "t1")));
        Assert.That(((TeamMembersChangeDto)row.Before!).TeamMemberships.Select(m => (m.UserId, m.Role)), Is.EqualTo(new[] { ("alice", TeamRole.Admin) }));
        Assert.That(((TeamMembersChangeDto)row.After!).TeamMemberships.Select(m => (m.UserId, m.Role)), Is.EqualTo(new[] { ("alice", TeamRole.User) }));
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

    [Test]
    public async Task ShouldGiveAMemberSharingTheTeamsBudgetARowOfItsOwnCopiedFromIt()
    {
        var shared = Budget.Create(new BudgetSettings { MaxBudget = 10, RpmLimit = 5 }, TestData.Stamp);
        _team.LinkMemberBudget(shared, TestData.Stamp);
        _ports.GivenBudgets(shared);
        Budget? own = null;
        _ports.Budgets.Setup(r => r.Add(It.IsAny<Budget>())).Callback<Budget>(b => own = b);

        var updated = await Handle(new UpdateTeamMemberCommand { TeamId = "t1", UserId = "bob", MaxBudgetInTeam = 30, TpmLimit = 700 }, TestCaller.Admin());

        Assert.That(own, Is.Not.Null);
        Assert.That((own!.MaxBudget, own.TpmLimit, own.RpmLimit), Is.EqualTo(((double?)30, (long?)700, (long?)5)));
        Assert.That(shared.MaxBudget, Is.EqualTo(10), "the other members' budget is untouched");
        Assert.That(_team.FindMember("bob")!.BudgetId, Is.EqualTo(own.BudgetId));
        Assert.That(_team.FindMember("alice")!.BudgetId, Is.EqualTo(shared.BudgetId));
        Assert.That((updated.MaxBudgetInTeam, updated.TpmLimit, updated.RpmLimit), Is.EqualTo(((double?)30, (long?)700, (long?)5)));
        Assert.That(updated.Role, Is.EqualTo(TeamRole.User), "the role was not sent and stays");
        _ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldChangeAMembersOwnBudgetInPlace()
    {
        var own = Budget.Create(new BudgetSettings { MaxBudget = 10 }, TestData.Stamp);
        _team.SetMemberBudget("bob", own, TestData.Stamp);
        _ports.GivenBudgets(own);

        var updated = await Handle(new UpdateTeamMemberCommand { TeamId = "t1", UserId = "bob", RpmLimit = 9 }, TestCaller.Admin());

        _ports.Budgets.Verify(r => r.Add(It.IsAny<Budget>()), Times.Never);
        Assert.That((own.MaxBudget, own.RpmLimit), Is.EqualTo(((double?)10, (long?)9)));
        Assert.That(updated.BudgetId, Is.EqualTo(own.BudgetId));
    }

    private async Task<TeamMemberUpdatedDto> Handle(UpdateTeamMemberCommand command, ICurrentCaller caller) =>
        await new UpdateTeamMemberCommandHandler(_ports.Teams.Object, _ports.Budgets.Object, _ports.Audit.Object, _ports.UnitOfWork.Object, caller, _ports.StandingOf(caller), _ports.Clock)
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
