using Moq;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Organizations;
using ProxyAdmin.Application.Organizations.Commands.UpdateOrganizationMember;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Organizations;

namespace ProxyAdmin.Application.UnitTests.Organizations;

public sealed class UpdateOrganizationMemberCommandHandlerTests
{
    private HandlerPorts _ports = null!;
    private Organization _organization = null!;
    private List<Budget> _stagedBudgets = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new HandlerPorts();
        _organization = OrganizationFixtures.Organization(
            "org-1", members: [("ada", OrganizationRole.OrgAdmin), ("bo", OrganizationRole.InternalUser), ("cy", OrganizationRole.InternalUserViewer)]);
        _ports.GivenOrganizations(_organization);
        var bo = TestData.User("bo", email: "bo@example.com");
        _ports.GivenUsers(bo);
        _ports.Users.Setup(r => r.FindByEmailAsync("bo@example.com", It.IsAny<CancellationToken>())).ReturnsAsync(bo);
        _ports.Users.Setup(r => r.FindByEmailAsync("zed@example.com", It.IsAny<CancellationToken>())).ReturnsAsync(TestData.User("zed", email: "zed@example.com"));
        _stagedBudgets = [];
        _ports.Budgets.Setup(r => r.Add(It.IsAny<Budget>())).Callback<Budget>(b =>
        {
            _stagedBudgets.Add(b);
            _ports.GivenBudgets([.. _stagedBudgets]);
        });
    }

    [Test]
    public async Task ShouldChangeTheMembersRoleAndReturnTheMembership()
    {
        var updated = await Handle(new UpdateOrganizationMemberCommand { OrganizationId = "org-1", UserId = "bo", Role = OrganizationRole.OrgAdmin }, TestCaller.Admin());

        Assert.That(_organization.IsAdmin("bo"), Is.True);
        Assert.That((updated.OrganizationId, updated.UserId, updated.UserRole), Is.EqualTo(("org-1", "bo", OrganizationRole.OrgAdmin)));
        Assert.That(updated.UpdatedAt, Is.EqualTo(_ports.Now));
        Assert.That((_organization.UpdatedBy, _organization.UpdatedAt), Is.EqualTo(("admin", _ports.Now)));
        _ports.Budgets.Verify(r => r.Add(It.IsAny<Budget>()), Times.Never);
        _ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldAuditOnlyTheChangedMembershipBeforeAndAfter()
    {
        var updated = await Handle(new UpdateOrganizationMemberCommand { OrganizationId = "org-1", UserId = "bo", Role = OrganizationRole.InternalUserViewer }, TestCaller.Admin());

        var row = _ports.AuditRecords.Single();
        Assert.That((row.Action, row.TableName, row.ObjectId), Is.EqualTo((AuditAction.Updated, AuditTables.Organizations, "org-1")));
        var before = ((OrganizationMembersChangeDto)row.Before!).Members.Single();
        var after = ((OrganizationMembersChangeDto)row.After!).Members.Single();
        Assert.That((before.UserId, before.UserRole), Is.EqualTo(("bo", OrganizationRole.InternalUser)));
        Assert.That(after, Is.EqualTo(updated));
        _ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldFindTheMemberByTheEmailOfItsUser()
    {
        var updated = await Handle(new UpdateOrganizationMemberCommand { OrganizationId = "org-1", UserEmail = "bo@example.com", Role = OrganizationRole.OrgAdmin }, TestCaller.Admin());

        Assert.That(updated.UserId, Is.EqualTo("bo"));
        Assert.That(_organization.IsAdmin("bo"), Is.True);
    }

    [Test]
    public async Task ShouldTreatAnEmptyUserIdAsAbsentAndUseTheEmail()
    {
        var updated = await Handle(new UpdateOrganizationMemberCommand { OrganizationId = "org-1", UserId = "", UserEmail = "bo@example.com", Role = OrganizationRole.OrgAdmin }, TestCaller.Admin());

        Assert.That(updated.UserId, Is.EqualTo("bo"));
    }

    [Test]
    public async Task ShouldLetAnOrgAdminChangeRoles()
    {
        var updated = await Handle(new UpdateOrganizationMemberCommand { OrganizationId = "org-1", UserId = "cy", Role = OrganizationRole.InternalUser }, TestCaller.InternalUser("ada"));

        Assert.That(updated.UserRole, Is.EqualTo(OrganizationRole.InternalUser));
        Assert.That(_organization.UpdatedBy, Is.EqualTo("ada"));
        _ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldCreateTheMembersOwnBudgetRowThenChangeItInPlace()
    {
        var first = await Handle(new UpdateOrganizationMemberCommand { OrganizationId = "org-1", UserId = "bo", MaxBudgetInOrganization = 5 }, TestCaller.InternalUser("ada"));
        var second = await Handle(new UpdateOrganizationMemberCommand { OrganizationId = "org-1", UserId = "bo", MaxBudgetInOrganization = 8 }, TestCaller.InternalUser("ada"));

        var row = _stagedBudgets.Single();
        Assert.That(row.Standalone, Is.False);
        Assert.That(row.MaxBudget, Is.EqualTo(8));
        Assert.That(_organization.FindMember("bo")!.BudgetId, Is.EqualTo(row.BudgetId));
        Assert.That(_organization.FindMember("bo")!.Role, Is.EqualTo(OrganizationRole.InternalUser), "a role not sent stays");
        Assert.That((first.BudgetId, first.LitellmBudgetTable!.MaxBudget), Is.EqualTo(((string?)row.BudgetId, (double?)5)));
        Assert.That(second.LitellmBudgetTable!.MaxBudget, Is.EqualTo(8));
        var audit = _ports.AuditRecords.Last();
        Assert.That(((OrganizationMembersChangeDto)audit.Before!).Members.Single().LitellmBudgetTable!.MaxBudget, Is.EqualTo(5));
        Assert.That(((OrganizationMembersChangeDto)audit.After!).Members.Single().LitellmBudgetTable!.MaxBudget, Is.EqualTo(8));
    }

    [Test]
    public void ShouldForbidAnOrgAdminToChangeABudgetRowSharedWithOthers()
    {
        var shared = Budget.Create(new BudgetSettings { MaxBudget = 3 }, TestData.Stamp);
        _organization.SetMemberBudget("bo", shared, TestData.Stamp);
        _ports.GivenBudgets(shared);
        _ports.Budgets.Setup(r => r.CountLinksAsync(shared.BudgetId, It.IsAny<CancellationToken>())).ReturnsAsync(2);

        var refused = Assert.ThrowsAsync<ForbiddenAccessException>(async () =>
            await Handle(new UpdateOrganizationMemberCommand { OrganizationId = "org-1", UserId = "bo", MaxBudgetInOrganization = 30 }, TestCaller.InternalUser("ada")));

        Assert.That(refused!.Message, Is.EqualTo($"Budget {shared.BudgetId} is shared with other projects, keys or team members; only proxy admins can change it."));
        Assert.That(shared.MaxBudget, Is.EqualTo(3));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public async Task ShouldLetAProxyAdminChangeASharedBudgetRow()
    {
        var shared = Budget.Create(new BudgetSettings { MaxBudget = 3 }, TestData.Stamp);
        _organization.SetMemberBudget("bo", shared, TestData.Stamp);
        _ports.GivenBudgets(shared);
        _ports.Budgets.Setup(r => r.CountLinksAsync(shared.BudgetId, It.IsAny<CancellationToken>())).ReturnsAsync(2);

        var updated = await Handle(new UpdateOrganizationMemberCommand { OrganizationId = "org-1", UserId = "bo", MaxBudgetInOrganization = 30 }, TestCaller.Admin());

        Assert.That(shared.MaxBudget, Is.EqualTo(30));
        Assert.That(updated.LitellmBudgetTable!.MaxBudget, Is.EqualTo(30));
        _ports.Budgets.Verify(r => r.Add(It.IsAny<Budget>()), Times.Never);
    }

    [Test]
    public void ShouldRefuseAMaxBudgetInOrganizationBelowTheRowsSoftBudget()
    {
        var own = Budget.Create(new BudgetSettings { MaxBudget = 10, SoftBudget = 8 }, TestData.Stamp);
        _organization.SetMemberBudget("bo", own, TestData.Stamp);
        _ports.GivenBudgets(own);

        var refused = Assert.ThrowsAsync<DomainRuleException>(async () =>
            await Handle(new UpdateOrganizationMemberCommand { OrganizationId = "org-1", UserId = "bo", MaxBudgetInOrganization = 5 }, TestCaller.Admin()));

        Assert.That(refused!.Param, Is.EqualTo("soft_budget"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldForbidAMemberWhoIsNotAnOrgAdmin()
    {
        var refused = Assert.ThrowsAsync<ForbiddenAccessException>(async () =>
            await Handle(new UpdateOrganizationMemberCommand { OrganizationId = "org-1", UserId = "bo", Role = OrganizationRole.OrgAdmin }, TestCaller.InternalUser("bo")));

        Assert.That(refused!.Message, Is.EqualTo("Only proxy admins or org admins of organization org-1 can change members."));
        Assert.That(_organization.IsAdmin("bo"), Is.False, "a member never promotes itself");
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldHideTheOrganizationFromAnOutsider()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () =>
            await Handle(new UpdateOrganizationMemberCommand { OrganizationId = "org-1", UserId = "bo", Role = OrganizationRole.InternalUserViewer }, TestCaller.InternalUser("mallory")));

        Assert.That(missing!.Message, Is.EqualTo("Organization not found for organization_id=org-1"));
        Assert.That(_organization.FindMember("bo")!.Role, Is.EqualTo(OrganizationRole.InternalUser));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseAnUnknownOrganizationWithNotFound()
    {
        Assert.ThrowsAsync<NotFoundException>(async () =>
            await Handle(new UpdateOrganizationMemberCommand { OrganizationId = "ghost", UserId = "bo", Role = OrganizationRole.OrgAdmin }, TestCaller.Admin()));

        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseAUserWhoIsNoMemberWithNotFound()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () =>
            await Handle(new UpdateOrganizationMemberCommand { OrganizationId = "org-1", UserId = "zed", Role = OrganizationRole.OrgAdmin }, TestCaller.Admin()));

        Assert.That(missing!.Message, Is.EqualTo("Member not found in organization for user_id=zed"));
        Assert.That(missing.Param, Is.EqualTo("user_id"));
        _ports.VerifyNothingWritten();
    }

    [TestCase("zed@example.com")]
    [TestCase("nobody@example.com")]
    public void ShouldRefuseAnEmailOfNoMemberWithNotFound(string email)
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () =>
            await Handle(new UpdateOrganizationMemberCommand { OrganizationId = "org-1", UserEmail = email, Role = OrganizationRole.OrgAdmin }, TestCaller.Admin()));

        Assert.That(missing!.Message, Is.EqualTo($"Member not found in organization for user_email={email}"));
        Assert.That(missing.Param, Is.EqualTo("user_email"));
        _ports.VerifyNothingWritten();
    }

    private async Task<OrganizationMembershipDto> Handle(UpdateOrganizationMemberCommand command, ICurrentCaller caller) =>
        await new UpdateOrganizationMemberCommandHandler(
                _ports.Organizations.Object, _ports.Users.Object, _ports.Budgets.Object, _ports.Audit.Object, _ports.UnitOfWork.Object, caller, _ports.Clock)
            .Handle(command, CancellationToken.None);
}

public sealed class UpdateOrganizationMemberCommandValidatorTests
{
    private readonly UpdateOrganizationMemberCommandValidator _validator = new();

    [Test]
    public void ShouldAcceptAMemberByIdOrByEmail()
    {
        Assert.That(_validator.InvalidFields(new UpdateOrganizationMemberCommand { OrganizationId = "org-1", UserId = "bo", Role = OrganizationRole.OrgAdmin }), Is.Empty);
        Assert.That(_validator.InvalidFields(new UpdateOrganizationMemberCommand { OrganizationId = "org-1", UserEmail = "bo@example.com", MaxBudgetInOrganization = 1 }), Is.Empty);
    }

    [Test]
    public void ShouldRequireTheOrganizationId() =>
        Assert.That(_validator.Messages(new UpdateOrganizationMemberCommand { OrganizationId = "", UserId = "bo" }), Is.EqualTo(new[] { "'organization_id' is required." }));

    [Test]
    public void ShouldRequireAUserIdOrEmail() =>
        Assert.That(
            _validator.Messages(new UpdateOrganizationMemberCommand { OrganizationId = "org-1", UserId = "", UserEmail = "" }),
            Is.EqualTo(new[] { "Either user_id or user_email needs to be passed in" }));

    [Test]
    public void ShouldRejectAnUnknownRole() =>
        Assert.That(
            _validator.Messages(new UpdateOrganizationMemberCommand { OrganizationId = "org-1", UserId = "bo", Role = (OrganizationRole)9 }),
            Is.EqualTo(new[] { "Invalid role. Must be one of: ['org_admin', 'internal_user', 'internal_user_viewer']" }));

    [Test]
    public void ShouldRejectANegativeMaxBudgetInOrganization() =>
        Assert.That(
            _validator.InvalidFields(new UpdateOrganizationMemberCommand { OrganizationId = "org-1", UserId = "bo", MaxBudgetInOrganization = -1 }),
            Is.EqualTo(new[] { "max_budget_in_organization" }));
}
