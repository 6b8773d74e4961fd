using Moq;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Organizations;
using ProxyAdmin.Application.Organizations.Commands.DeleteOrganizationMember;
using ProxyAdmin.Application.UnitTests.Budgets;
using ProxyAdmin.Application.UnitTests.Teams;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Organizations;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.UnitTests.Organizations;

public sealed class DeleteOrganizationMemberCommandHandlerTests
{
    private HandlerPorts _ports = null!;
    private Organization _organization = null!;
    private Budget _boRow = null!;
    private List<Budget> _removedBudgets = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new HandlerPorts();
        _organization = OrganizationFixtures.Organization(
            "org-1", members: [("ada", OrganizationRole.OrgAdmin), ("bo", OrganizationRole.InternalUser), ("cy", OrganizationRole.InternalUserViewer)]);
        _boRow = Budget.Create(new BudgetSettings { MaxBudget = 4 }, TestData.Stamp);
        _organization.SetMemberBudget("bo", _boRow, TestData.Stamp);
        _ports.GivenOrganizations(_organization);
        _ports.GivenBudgets(_boRow);
        _ports.Budgets.Setup(r => r.CountLinksAsync(_boRow.BudgetId, It.IsAny<CancellationToken>())).ReturnsAsync(1);
        var bo = TestData.User("bo", email: "bo@example.com");
        _ports.GivenUsers(bo);
        _ports.Users.Setup(r => r.FindByEmailAsync("bo@example.com", It.IsAny<CancellationToken>())).ReturnsAsync(bo);
        _removedBudgets = [];
        _ports.Budgets.Setup(r => r.Remove(It.IsAny<Budget>())).Callback<Budget>(_removedBudgets.Add);
    }

    [Test]
    public async Task ShouldRemoveTheMemberAndReturnTheMembershipAsItWas()
    {
        var removed = await Handle(new DeleteOrganizationMemberCommand { OrganizationId = "org-1", UserId = "bo" }, TestCaller.Admin());

        Assert.That(_organization.Members.Select(m => m.UserId), Is.EqualTo(new[] { "ada", "cy" }));
        Assert.That((removed.OrganizationId, removed.UserId, removed.UserRole, removed.BudgetId), Is.EqualTo(("org-1", "bo", OrganizationRole.InternalUser, (string?)_boRow.BudgetId)));
        Assert.That(removed.LitellmBudgetTable!.MaxBudget, Is.EqualTo(4));
        Assert.That((_organization.UpdatedBy, _organization.UpdatedAt), Is.EqualTo(("admin", _ports.Now)));
        _ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldAuditOnlyTheRemovedMembership()
    {
        var removed = await Handle(new DeleteOrganizationMemberCommand { OrganizationId = "org-1", UserId = "bo" }, TestCaller.Admin());

        var row = _ports.AuditRecords.Single();
        Assert.That((row.Action, row.TableName, row.ObjectId), Is.EqualTo((AuditAction.Updated, AuditTables.Organizations, "org-1")));
        Assert.That(((OrganizationMembersChangeDto)row.Before!).Members, Is.EqualTo(new[] { removed }));
        Assert.That(((OrganizationMembersChangeDto)row.After!).Members, Is.Empty);
        _ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldRemoveTheMembersOwnBudgetRowWithIt()
    {
        await Handle(new DeleteOrganizationMemberCommand { OrganizationId = "org-1", UserId = "bo" }, TestCaller.Admin());

        Assert.That(_removedBudgets, Is.EqualTo(new[] { _boRow }));
    }

    [Test]
    public async Task ShouldKeepABudgetRowSomethingElseStillLinks()
    {
        _ports.Budgets.Setup(r => r.CountLinksAsync(_boRow.BudgetId, It.IsAny<CancellationToken>())).ReturnsAsync(2);

        await Handle(new DeleteOrganizationMemberCommand { OrganizationId = "org-1", UserId = "bo" }, TestCaller.Admin());

        Assert.That(_organization.IsMember("bo"), Is.False);
        Assert.That(_removedBudgets, Is.Empty);
    }

    [Test]
    public async Task ShouldKeepABudgetRowMadeByBudgetNew()
    {
        var standalone = BudgetFixtures.Budget("standalone", maxBudget: 9);
        _organization.SetMemberBudget("bo", standalone, TestData.Stamp);
        _ports.GivenBudgets(standalone);

        await Handle(new DeleteOrganizationMemberCommand { OrganizationId = "org-1", UserId = "bo" }, TestCaller.Admin());

        Assert.That(_removedBudgets, Is.Empty);
    }

    [Test]
    public async Task ShouldRemoveAMemberWithoutABudgetRowOfItsOwn()
    {
        var removed = await Handle(new DeleteOrganizationMemberCommand { OrganizationId = "org-1", UserId = "cy" }, TestCaller.InternalUser("ada"));

        Assert.That(removed.LitellmBudgetTable, Is.Null);
        Assert.That(_organization.IsMember("cy"), Is.False);
        _ports.Budgets.Verify(r => r.Remove(It.IsAny<Budget>()), Times.Never);
        _ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldFindTheMemberByTheEmailOfItsUser()
    {
        var removed = await Handle(new DeleteOrganizationMemberCommand { OrganizationId = "org-1", UserEmail = "bo@example.com" }, TestCaller.InternalUser("ada"));

        Assert.That(removed.UserId, Is.EqualTo("bo"));
        Assert.That(_organization.IsMember("bo"), Is.False);
    }

    [Test]
    public async Task ShouldLetAMemberOfATeamOfAnotherOrganizationLeave()
    {
        _ports.GivenTeams(TeamFixtures.Team("elsewhere", new TeamSettings { OrganizationId = "org-2" }, ("bo", TeamRole.User)));

        await Handle(new DeleteOrganizationMemberCommand { OrganizationId = "org-1", UserId = "bo" }, TestCaller.Admin());

        Assert.That(_organization.IsMember("bo"), Is.False);
    }

    [Test]
    public void ShouldRefuseAMemberOfTeamsOfTheOrganizationWithConflictNamingThem()
    {
        _ports.GivenTeams(
            TeamFixtures.Team("t1", new TeamSettings { OrganizationId = "org-1" }, ("bo", TeamRole.User)),
            TeamFixtures.Team("t2", new TeamSettings { OrganizationId = "org-1" }, ("ada", TeamRole.Admin)),
            TeamFixtures.Team("t3", new TeamSettings { OrganizationId = "org-1" }, ("bo", TeamRole.Admin)));

        var conflict = Assert.ThrowsAsync<ConflictException>(async () =>
            await Handle(new DeleteOrganizationMemberCommand { OrganizationId = "org-1", UserId = "bo" }, TestCaller.Admin()));

        Assert.That(conflict!.Message, Is.EqualTo("User bo is still a member of team(s) t1, t3 of organization org-1; remove it from them first (/team/member_delete)."));
        Assert.That(conflict.Param, Is.EqualTo("user_id"));
        Assert.That(_organization.IsMember("bo"), Is.True);
        _ports.VerifyNothingWritten();
    }

    [TestCase(null)]
    [TestCase("")]
    public void ShouldNameTheEmailInTheConflictWhenTheMemberWasNamedByIt(string? userId)
    {
        _ports.GivenTeams(TeamFixtures.Team("t1", new TeamSettings { OrganizationId = "org-1" }, ("bo", TeamRole.User)));

        var conflict = Assert.ThrowsAsync<ConflictException>(async () =>
            await Handle(new DeleteOrganizationMemberCommand { OrganizationId = "org-1", UserId = userId, UserEmail = "bo@example.com" }, TestCaller.Admin()));

        Assert.That(conflict!.Param, Is.EqualTo("user_email"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldForbidAMemberWhoIsNotAnOrgAdmin()
    {
        var refused = Assert.ThrowsAsync<ForbiddenAccessException>(async () =>
            await Handle(new DeleteOrganizationMemberCommand { OrganizationId = "org-1", UserId = "cy" }, TestCaller.InternalUser("bo")));

        Assert.That(refused!.Message, Is.EqualTo("Only proxy admins or org admins of organization org-1 can remove members."));
        Assert.That(_organization.IsMember("cy"), Is.True);
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldHideTheOrganizationFromAnOutsider()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () =>
            await Handle(new DeleteOrganizationMemberCommand { OrganizationId = "org-1", UserId = "bo" }, TestCaller.InternalUser("mallory")));

        Assert.That(missing!.Message, Is.EqualTo("Organization not found for organization_id=org-1"));
        Assert.That(_organization.IsMember("bo"), Is.True);
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseAnUnknownOrganizationWithNotFound()
    {
        Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new DeleteOrganizationMemberCommand { OrganizationId = "ghost", UserId = "bo" }, TestCaller.Admin()));

        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseAUserWhoIsNoMemberWithNotFound()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new DeleteOrganizationMemberCommand { OrganizationId = "org-1", UserId = "zed" }, TestCaller.Admin()));

        Assert.That(missing!.Message, Is.EqualTo("Member not found in organization for user_id=zed"));
        Assert.That(missing.Param, Is.EqualTo("user_id"));
        _ports.VerifyNothingWritten();
    }

    private async Task<OrganizationMembershipDto> Handle(DeleteOrganizationMemberCommand command, ICurrentCaller caller) =>
        await new DeleteOrganizationMemberCommandHandler(
                _ports.Organizations.Object, _ports.Teams.Object, _ports.Users.Object, _ports.Budgets.Object, _ports.Audit.Object, _ports.UnitOfWork.Object, caller, _ports.Clock)
            .Handle(command, CancellationToken.None);
}

public sealed class DeleteOrganizationMemberCommandValidatorTests
{
    private readonly DeleteOrganizationMemberCommandValidator _validator = new();

    [Test]
    public void ShouldAcceptAMemberByIdOrByEmail()
    {
        Assert.That(_validator.InvalidFields(new DeleteOrganizationMemberCommand { OrganizationId = "org-1", UserId = "bo" }), Is.Empty);
        Assert.That(_validator.InvalidFields(new DeleteOrganizationMemberCommand { OrganizationId = "org-1", UserEmail = "bo@example.com" }), Is.Empty);
    }

    [Test]
    public void ShouldRequireTheOrganizationIdAndAUserIdOrEmail() =>
        Assert.That(
            _validator.Messages(new DeleteOrganizationMemberCommand { OrganizationId = "" }),
            Is.EquivalentTo(new[] { "'organization_id' is required.", "Either user_id or user_email needs to be passed in" }));
}
