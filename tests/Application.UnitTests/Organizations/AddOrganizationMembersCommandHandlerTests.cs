using Moq;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Organizations;
using ProxyAdmin.Application.Organizations.Commands.AddOrganizationMembers;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Application.Users;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Organizations;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Application.UnitTests.Organizations;

public sealed class AddOrganizationMembersCommandHandlerTests
{
    private HandlerPorts _ports = null!;
    private Organization _organization = null!;
    private List<User> _addedUsers = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new HandlerPorts();
        _organization = OrganizationFixtures.Organization("org-1", members: [("ada", OrganizationRole.OrgAdmin), ("bo", OrganizationRole.InternalUser)]);
        _ports.GivenOrganizations(_organization);
        var dan = TestData.User("dan", email: "dan@example.com");
        _ports.GivenUsers(TestData.User("ada"), TestData.User("bo"), dan);
        _ports.Users.Setup(r => r.FindByEmailAsync("dan@example.com", It.IsAny<CancellationToken>())).ReturnsAsync(dan);
        _addedUsers = [];
        _ports.Users.Setup(r => r.Add(It.IsAny<User>())).Callback<User>(_addedUsers.Add);
    }

    [Test]
    public async Task ShouldAddExistingAndNewUsersWithTheirOrganizationRoles()
    {
        var result = await Handle(
            new AddOrganizationMembersCommand
            {
                OrganizationId = "org-1",
                Member = [new OrganizationMemberRequest { UserId = "dan", Role = OrganizationRole.OrgAdmin }, new OrganizationMemberRequest { UserId = "carol", Role = OrganizationRole.InternalUserViewer }],
            },
            TestCaller.Admin());

        Assert.That(_organization.Members.Select(m => (m.UserId, m.Role)), Is.EqualTo(new[]
        {
            ("ada", OrganizationRole.OrgAdmin),
            ("bo", OrganizationRole.InternalUser),
            ("dan", OrganizationRole.OrgAdmin),
            ("carol", OrganizationRole.InternalUserViewer),
        }));
        Assert.That(_addedUsers.Select(u => (u.UserId, u.UserRole)), Is.EqualTo(new[] { ("carol", UserRole.InternalUser) }), "only the unknown user is created");
        Assert.That(result.OrganizationId, Is.EqualTo("org-1"));
        Assert.That(result.UpdatedUsers.Select(u => u.UserId), Is.EqualTo(new[] { "dan", "carol" }), "LiteLLM lists every user added, created or not");
        Assert.That(result.UpdatedOrganizationMemberships.Select(m => (m.OrganizationId, m.UserId, m.UserRole, m.BudgetId)), Is.EqualTo(new[]
        {
            ("org-1", "dan", OrganizationRole.OrgAdmin, (string?)null),
            ("org-1", "carol", OrganizationRole.InternalUserViewer, null),
        }));
        Assert.That(result.UpdatedOrganizationMemberships.Select(m => m.CreatedAt), Is.All.EqualTo(_ports.Now));
        Assert.That((_organization.UpdatedBy, _organization.UpdatedAt), Is.EqualTo(("admin", _ports.Now)));
        _ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldAuditTheCreatedUsersAndOnlyTheAddedMemberships()
    {
        await Handle(new AddOrganizationMembersCommand { OrganizationId = "org-1", Member = [new OrganizationMemberRequest { UserId = "carol", Role = OrganizationRole.InternalUser }] }, TestCaller.Admin());

        Assert.That(_ports.AuditRecords.Select(r => (r.Action, r.TableName, r.ObjectId)), Is.EqualTo(new[]
        {
            (AuditAction.Created, AuditTables.Users, "carol"),
            (AuditAction.Updated, AuditTables.Organizations, "org-1"),
        }));
        Assert.That(((UserDto)_ports.AuditRecords[0].After!).UserId, Is.EqualTo("carol"));
        var organizationRow = _ports.AuditRecords[1];
        // The change, not the organization: the members already there (ada, bo) are in neither snapshot.
        Assert.That(((OrganizationMembersChangeDto)organizationRow.Before!).Members, Is.Empty);
        var after = (OrganizationMembersChangeDto)organizationRow.After!;
        Assert.That(after.OrganizationId, Is.EqualTo("org-1"));
        Assert.That(after.Members.Select(m => (m.UserId, m.UserRole)), Is.EqualTo(new[] { ("carol", OrganizationRole.InternalUser) }));
        _ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldLetAnOrgAdminAddMembers()
    {
        var result = await Handle(
            new AddOrganizationMembersCommand { OrganizationId = "org-1", Member = [new OrganizationMemberRequest { UserId = "dan", Role = OrganizationRole.InternalUser }] },
            TestCaller.InternalUser("ada"));

        Assert.That(_organization.IsMember("dan"), Is.True);
        Assert.That(result.UpdatedOrganizationMemberships.Single().UserId, Is.EqualTo("dan"));
        Assert.That(_organization.UpdatedBy, Is.EqualTo("ada"));
        _ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldAddAUserNamedByEmailCreatingItWhenUnknown()
    {
        var result = await Handle(
            new AddOrganizationMembersCommand
            {
                OrganizationId = "org-1",
                Member = [new OrganizationMemberRequest { UserEmail = "dan@example.com", Role = OrganizationRole.InternalUser }, new OrganizationMemberRequest { UserEmail = "erin@example.com", Role = OrganizationRole.InternalUser }],
            },
            TestCaller.Admin());

        var erin = _addedUsers.Single();
        Assert.That(erin.UserEmail, Is.EqualTo("erin@example.com"));
        Assert.That(Guid.TryParse(erin.UserId, out _), Is.True, "a user named by email only gets a uuid");
        Assert.That(result.UpdatedOrganizationMemberships.Select(m => m.UserId), Is.EqualTo(new[] { "dan", erin.UserId }));
    }

    [Test]
    public async Task ShouldGiveEachAddedMemberABudgetRowOfItsOwn()
    {
        var staged = new List<Budget>();
        _ports.Budgets.Setup(r => r.Add(It.IsAny<Budget>())).Callback<Budget>(staged.Add);

        var result = await Handle(
            new AddOrganizationMembersCommand
            {
                OrganizationId = "org-1",
                Member = [new OrganizationMemberRequest { UserId = "dan", Role = OrganizationRole.InternalUser }, new OrganizationMemberRequest { UserId = "carol", Role = OrganizationRole.InternalUser }],
                MaxBudgetInOrganization = 7,
            },
            TestCaller.Admin());

        Assert.That(staged, Has.Count.EqualTo(2), "one row per member, so one member's change never reaches another");
        Assert.That(staged.Select(b => b.MaxBudget), Is.All.EqualTo(7));
        Assert.That(staged.Select(b => b.Standalone), Is.All.False);
        Assert.That(_organization.FindMember("dan")!.BudgetId, Is.EqualTo(staged[0].BudgetId));
        Assert.That(_organization.FindMember("carol")!.BudgetId, Is.EqualTo(staged[1].BudgetId));
        Assert.That(result.UpdatedOrganizationMemberships.Select(m => m.LitellmBudgetTable!.MaxBudget), Is.All.EqualTo(7));
        _ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldStageNoBudgetRowWithoutAMaxBudgetInOrganization()
    {
        var result = await Handle(new AddOrganizationMembersCommand { OrganizationId = "org-1", Member = [new OrganizationMemberRequest { UserId = "dan", Role = OrganizationRole.InternalUser }] }, TestCaller.Admin());

        _ports.Budgets.Verify(r => r.Add(It.IsAny<Budget>()), Times.Never);
        Assert.That(result.UpdatedOrganizationMemberships.Single().LitellmBudgetTable, Is.Null);
    }

    [Test]
    public void ShouldRefuseAUserAlreadyInTheOrganizationWithConflict()
    {
        var conflict = Assert.ThrowsAsync<ConflictException>(async () =>
            await Handle(new AddOrganizationMembersCommand { OrganizationId = "org-1", Member = [new OrganizationMemberRequest { UserId = "bo", Role = OrganizationRole.OrgAdmin }] }, TestCaller.Admin()));

        Assert.That(conflict!.Param, Is.EqualTo("member"));
        Assert.That(conflict.Message, Is.EqualTo("User=bo is already a member of organization org-1."));
        Assert.That(_organization.IsAdmin("bo"), Is.False, "the existing membership is left as it was");
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseAUserListedTwiceWithConflict()
    {
        var conflict = Assert.ThrowsAsync<ConflictException>(async () => await Handle(
            new AddOrganizationMembersCommand
            {
                OrganizationId = "org-1",
                Member = [new OrganizationMemberRequest { UserId = "dan", Role = OrganizationRole.InternalUser }, new OrganizationMemberRequest { UserEmail = "dan@example.com", Role = OrganizationRole.OrgAdmin }],
            },
            TestCaller.Admin()));

        Assert.That(conflict!.Message, Is.EqualTo("User=dan is already a member of organization org-1."));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldForbidAMemberWhoIsNotAnOrgAdmin()
    {
        var refused = Assert.ThrowsAsync<ForbiddenAccessException>(async () =>
            await Handle(new AddOrganizationMembersCommand { OrganizationId = "org-1", Member = [new OrganizationMemberRequest { UserId = "dan", Role = OrganizationRole.InternalUser }] }, TestCaller.InternalUser("bo")));

        Assert.That(refused!.Message, Is.EqualTo("Only proxy admins or org admins of organization org-1 can add members."));
        Assert.That(_organization.IsMember("dan"), Is.False);
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldForbidAnAdminViewer()
    {
        Assert.ThrowsAsync<ForbiddenAccessException>(async () =>
            await Handle(new AddOrganizationMembersCommand { OrganizationId = "org-1", Member = [new OrganizationMemberRequest { UserId = "dan", Role = OrganizationRole.InternalUser }] }, TestCaller.AdminViewer()));

        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldHideTheOrganizationFromAnOutsider()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () =>
            await Handle(new AddOrganizationMembersCommand { OrganizationId = "org-1", Member = [new OrganizationMemberRequest { UserId = "mallory", Role = OrganizationRole.OrgAdmin }] }, TestCaller.InternalUser("mallory")));

        Assert.That(missing!.Message, Is.EqualTo("Organization not found for organization_id=org-1"));
        Assert.That(missing.Param, Is.EqualTo("organization_id"));
        Assert.That(_organization.IsMember("mallory"), Is.False);
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseAnUnknownOrganizationWithNotFound()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () =>
            await Handle(new AddOrganizationMembersCommand { OrganizationId = "ghost", Member = [new OrganizationMemberRequest { UserId = "carol", Role = OrganizationRole.InternalUser }] }, TestCaller.Admin()));

        Assert.That(missing!.Message, Is.EqualTo("Organization not found for organization_id=ghost"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseAUserRowUnderAReservedIdFoundByItsEmail()
    {
        var legacy = TestData.User("placeholder", email: "admin@example.com");
        typeof(User).GetProperty(nameof(User.UserId))!.SetValue(legacy, "default_user_id");
        _ports.Users.Setup(r => r.FindByEmailAsync("admin@example.com", It.IsAny<CancellationToken>())).ReturnsAsync(legacy);

        var refused = Assert.ThrowsAsync<BadRequestException>(async () =>
            await Handle(new AddOrganizationMembersCommand { OrganizationId = "org-1", Member = [new OrganizationMemberRequest { UserEmail = "admin@example.com", Role = OrganizationRole.OrgAdmin }] }, TestCaller.Admin()));

        Assert.That(refused!.Param, Is.EqualTo("user_email"));
        Assert.That(refused.Message, Is.EqualTo("The user with this email has the reserved id 'default_user_id', which can never be an organization member."));
        Assert.That(_organization.IsMember("default_user_id"), Is.False);
        _ports.VerifyNothingWritten();
    }

    private async Task<OrganizationMembersAddedDto> Handle(AddOrganizationMembersCommand command, ICurrentCaller caller) =>
        await new AddOrganizationMembersCommandHandler(
                _ports.Organizations.Object,
                _ports.Budgets.Object,
                new MemberUserResolver(_ports.Users.Object, _ports.Audit.Object),
                _ports.Audit.Object,
                _ports.UnitOfWork.Object,
                caller,
                _ports.Clock)
            .Handle(command, CancellationToken.None);
}

public sealed class AddOrganizationMembersCommandValidatorTests
{
    private readonly AddOrganizationMembersCommandValidator _validator = new();

    [Test]
    public void ShouldAcceptMembersByIdOrEmail() =>
        Assert.That(
            _validator.InvalidFields(new AddOrganizationMembersCommand
            {
                OrganizationId = "org-1",
                Member = [new OrganizationMemberRequest { UserId = "bo", Role = OrganizationRole.OrgAdmin }, new OrganizationMemberRequest { UserEmail = "c@example.com", Role = OrganizationRole.InternalUserViewer }],
                MaxBudgetInOrganization = 0,
            }),
            Is.Empty);

    [Test]
    public void ShouldRequireTheOrganizationIdAndAtLeastOneMember() =>
        Assert.That(
            _validator.Messages(new AddOrganizationMembersCommand { OrganizationId = "", Member = [] }),
            Is.EquivalentTo(new[] { "'organization_id' is required.", "'member' must name at least one member." }));

    [Test]
    public void ShouldRejectAMemberWithNeitherIdNorEmail() =>
        Assert.That(
            _validator.Messages(new AddOrganizationMembersCommand { OrganizationId = "org-1", Member = [new OrganizationMemberRequest { Role = OrganizationRole.InternalUser }] }),
            Is.EqualTo(new[] { "Either user id or user email must be provided" }));

    [Test]
    public void ShouldRejectANullMemberEntryInsteadOfHandingItToTheHandler() =>
        Assert.That(
            _validator.InvalidFields(new AddOrganizationMembersCommand { OrganizationId = "org-1", Member = [new OrganizationMemberRequest { UserId = "bo", Role = OrganizationRole.InternalUser }, null!] }),
            Is.EqualTo(new[] { "member[1]" }));

    [TestCase("default_user_id")]
    [TestCase("litellm-dashboard")]
    [TestCase("key:abcdef")]
    public void ShouldRejectAReservedUserIdAsAMember(string userId)
    {
        var command = new AddOrganizationMembersCommand { OrganizationId = "org-1", Member = [new OrganizationMemberRequest { UserId = userId, Role = OrganizationRole.OrgAdmin }] };

        Assert.That(_validator.InvalidFields(command), Is.EqualTo(new[] { "member[0].user_id" }));
        Assert.That(_validator.Messages(command).Single(), Does.Contain("reserved"));
    }

    [Test]
    public void ShouldRejectAnUnknownRoleWithLiteLlmsMessage() =>
        Assert.That(
            _validator.Messages(new AddOrganizationMembersCommand { OrganizationId = "org-1", Member = [new OrganizationMemberRequest { UserId = "bo", Role = (OrganizationRole)9 }] }),
            Is.EqualTo(new[] { "Invalid role. Must be one of: ['org_admin', 'internal_user', 'internal_user_viewer']" }));

    [Test]
    public void ShouldRejectAMalformedEmail() =>
        Assert.That(
            _validator.InvalidFields(new AddOrganizationMembersCommand { OrganizationId = "org-1", Member = [new OrganizationMemberRequest { UserEmail = "not-an-email", Role = OrganizationRole.InternalUser }] }),
            Is.EqualTo(new[] { "member[0].user_email" }));

    [TestCase(-1d)]
    [TestCase(double.PositiveInfinity)]
    [TestCase(double.NaN)]
    public void ShouldRejectAMaxBudgetInOrganizationThatIsNotAFiniteNonNegativeNumber(double maxBudget) =>
        Assert.That(
            _validator.InvalidFields(new AddOrganizationMembersCommand { OrganizationId = "org-1", Member = [new OrganizationMemberRequest { UserId = "bo", Role = OrganizationRole.InternalUser }], MaxBudgetInOrganization = maxBudget }),
            Is.EqualTo(new[] { "max_budget_in_organization" }));
}
