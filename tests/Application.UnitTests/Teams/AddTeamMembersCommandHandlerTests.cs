using Moq;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Teams;
using ProxyAdmin.Application.Teams.Commands.AddTeamMembers;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Organizations;
using ProxyAdmin.Domain.Teams;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Application.UnitTests.Teams;

public sealed class AddTeamMembersCommandHandlerTests
{
    private HandlerPorts _ports = null!;
    private Team _team = null!;
    private List<User> _addedUsers = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new HandlerPorts();
        _team = TeamFixtures.TeamWithAdminAndMember("t1", admin: "alice", member: "bob");
        _ports.GivenTeams(_team);
        _ports.GivenUsers(TestData.User("alice", email: "alice@example.com"), TestData.User("bob"), TestData.User("dan", email: "dan@example.com"));
        _addedUsers = [];
        _ports.Users.Setup(r => r.Add(It.IsAny<User>())).Callback<User>(_addedUsers.Add);
    }

    [Test]
    public async Task ShouldAddExistingAndNewUsersAndReportWhatWasCreated()
    {
        var result = await Handle(
            new AddTeamMembersCommand
            {
                TeamId = "t1",
                Member = [new TeamMemberRequest { UserId = "dan", Role = TeamRole.Admin }, new TeamMemberRequest { UserId = "carol" }],
            },
            TestCaller.InternalUser("alice"));

        Assert.That(_team.Members.Select(m => m.UserId), Is.EqualTo(new[] { "alice", "bob", "dan", "carol" }));
        Assert.That(_addedUsers.Select(u => u.UserId), Is.EqualTo(new[] { "carol" }), "only the unknown user is created");
        Assert.That(result.UpdatedUsers.Select(u => u.UserId), Is.EqualTo(new[] { "carol" }));
        Assert.That(result.UpdatedTeamMemberships.Select(m => (m.TeamId, m.UserId, m.UserEmail, m.Role)), Is.EqualTo(new[]
        {
            ("t1", "dan", (string?)"dan@example.com", TeamRole.Admin),
            ("t1", "carol", null, TeamRole.User),
        }));
        Assert.That(result.Admins, Is.EqualTo(new[] { "alice", "dan" }));
        Assert.That(result.Members, Is.EqualTo(new[] { "bob", "carol" }));
        Assert.That(result.UpdatedBy, Is.EqualTo("alice"));
        Assert.That(result.UpdatedAt, Is.EqualTo(_ports.Now));
        _ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldAuditTheCreatedUsersAndOnlyTheAddedMemberships()
    {
        var result = await Handle(new AddTeamMembersCommand { TeamId = "t1", Member = [new TeamMemberRequest { UserId = "carol" }] }, TestCaller.Admin());

        Assert.That(_ports.AuditRecords.Select(r => (r.Action, r.TableName, r.ObjectId)), Is.EqualTo(new[]
        {
            (AuditAction.Created, AuditTables.Users, "carol"),
            (AuditAction.Updated, AuditTables.Teams, "t1"),
        }));
        var teamRow = _ports.AuditRecords[1];
        // The change, not the team: the members already there (alice, bob) are in neither snapshot.
        Assert.That(((TeamMembersChangeDto)teamRow.Before!).TeamMemberships, Is.Empty);
        var added = ((TeamMembersChangeDto)teamRow.After!).TeamMemberships.Single();
        Assert.That((added.TeamId, added.UserId, added.Role), Is.EqualTo(("t1", "carol", TeamRole.User)));
        Assert.That(result.UpdatedUsers.Single().UserId, Is.EqualTo("carol"));
    }

    [Test]
    public async Task ShouldLetAProxyAdminOutsideTheTeamAddMembersByEmail()
    {
        var result = await Handle(
            new AddTeamMembersCommand { TeamId = "t1", Member = [new TeamMemberRequest { UserEmail = "erin@example.com" }] },
            TestCaller.Admin());

        var erin = _addedUsers.Single();
        Assert.That(erin.UserEmail, Is.EqualTo("erin@example.com"));
        Assert.That(result.Members, Is.EqualTo(new[] { "bob", erin.UserId }));
    }

    [Test]
    public void ShouldRefuseAUserAlreadyInTheTeamWithConflict()
    {
        var conflict = Assert.ThrowsAsync<ConflictException>(async () =>
            await Handle(new AddTeamMembersCommand { TeamId = "t1", Member = [new TeamMemberRequest { UserId = "bob", Role = TeamRole.Admin }] }, TestCaller.Admin()));

        Assert.That(conflict!.Param, Is.EqualTo("member"));
        Assert.That(conflict.Message, Does.Contain("User=bob already in team"));
        Assert.That(_team.IsAdmin("bob"), Is.False, "the existing membership is left as it was");
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldForbidAMemberWhoIsNotATeamAdmin()
    {
        Assert.ThrowsAsync<ForbiddenAccessException>(async () =>
            await Handle(new AddTeamMembersCommand { TeamId = "t1", Member = [new TeamMemberRequest { UserId = "dan" }] }, TestCaller.InternalUser("bob")));

        Assert.That(_team.IsMember("dan"), Is.False);
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldHideTheTeamFromAnOutsider()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () =>
            await Handle(new AddTeamMembersCommand { TeamId = "t1", Member = [new TeamMemberRequest { UserId = "mallory" }] }, TestCaller.InternalUser("mallory")));

        Assert.That(missing!.Param, Is.EqualTo("team_id"));
        Assert.That(_team.IsMember("mallory"), Is.False);
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseAUserRowUnderAReservedIdFoundByItsEmail()
    {
        // LiteLLM's admin UI writes a default_user_id row, email and all: adding "by email" must not reach it.
        _ports.Users.Setup(r => r.FindByEmailAsync("admin@example.com", It.IsAny<CancellationToken>()))
            .ReturnsAsync(LegacyUser("default_user_id", "admin@example.com"));

        var refused = Assert.ThrowsAsync<BadRequestException>(async () =>
            await Handle(new AddTeamMembersCommand { TeamId = "t1", Member = [new TeamMemberRequest { UserEmail = "admin@example.com", Role = TeamRole.Admin }] }, TestCaller.Admin()));

        Assert.That(refused!.Param, Is.EqualTo("user_email"));
        Assert.That(_team.IsMember("default_user_id"), Is.False);
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseAnUnknownTeamWithNotFound()
    {
        Assert.ThrowsAsync<NotFoundException>(async () =>
            await Handle(new AddTeamMembersCommand { TeamId = "ghost", Member = [new TeamMemberRequest { UserId = "carol" }] }, TestCaller.Admin()));

        _ports.VerifyNothingWritten();
    }

    [Test]
    public async Task ShouldGiveEachAddedMemberItsOwnMaxBudgetInTeam()
    {
        var staged = new List<Budget>();
        _ports.Budgets.Setup(r => r.Add(It.IsAny<Budget>())).Callback<Budget>(staged.Add);

        var result = await Handle(
            new AddTeamMembersCommand { TeamId = "t1", Member = [new TeamMemberRequest { UserId = "dan" }, new TeamMemberRequest { UserId = "carol" }], MaxBudgetInTeam = 7 },
            TestCaller.Admin());

        Assert.That(staged, Has.Count.EqualTo(2), "one row per member, so one member's change never reaches another");
        Assert.That(staged.Select(b => b.MaxBudget), Is.All.EqualTo(7));
        Assert.That(_team.FindMember("dan")!.BudgetId, Is.EqualTo(staged[0].BudgetId));
        Assert.That(result.UpdatedTeamMemberships.Select(m => m.LitellmBudgetTable!.MaxBudget), Is.All.EqualTo(7));
        _ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldGiveAMemberWithoutItsOwnBudgetTheTeamsMemberBudget()
    {
        var shared = Budget.Create(new BudgetSettings { MaxBudget = 3 }, TestData.Stamp);
        _team.LinkMemberBudget(shared, TestData.Stamp);

        var result = await Handle(new AddTeamMembersCommand { TeamId = "t1", Member = [new TeamMemberRequest { UserId = "dan" }] }, TestCaller.Admin());

        Assert.That(_team.FindMember("dan")!.BudgetId, Is.EqualTo(shared.BudgetId));
        Assert.That(result.UpdatedTeamMemberships.Single().BudgetId, Is.EqualTo(shared.BudgetId));
        Assert.That(result.UpdatedTeamMemberships.Single().LitellmBudgetTable!.MaxBudget, Is.EqualTo(3));
        _ports.Budgets.Verify(r => r.Add(It.IsAny<Budget>()), Times.Never);
    }

    // ---- Organizations

    /// <summary>t2 in org-a, administered by tina; olga is an org admin of org-a, bob and dan members of it, erin and zed are not.</summary>
    private Team GivenTeamInOrganization()
    {
        var team = TeamFixtures.Team("t2", new TeamSettings { OrganizationId = "org-a" }, ("tina", TeamRole.Admin));
        _ports.GivenTeams(team);
        _ports.GivenOrganizations(OrganizationFixtures.Organization(
            "org-a",
            members: [("olga", OrganizationRole.OrgAdmin), ("tina", OrganizationRole.InternalUser), ("bob", OrganizationRole.InternalUser), ("dan", OrganizationRole.InternalUser)]));
        _ports.GivenUsers(TestData.User("zed"));
        return team;
    }

    [Test]
    public async Task ShouldAddMembersOfTheTeamsOrganization()
    {
        var team = GivenTeamInOrganization();

        await Handle(new AddTeamMembersCommand { TeamId = "t2", Member = [new TeamMemberRequest { UserId = "bob" }, new TeamMemberRequest { UserId = "dan" }] }, TestCaller.InternalUser("tina"));

        Assert.That(team.Members.Select(m => m.UserId), Is.EqualTo(new[] { "tina", "bob", "dan" }));
        _ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldLetAnOrgAdminOutsideTheTeamAddMembers()
    {
        var team = GivenTeamInOrganization();

        await Handle(new AddTeamMembersCommand { TeamId = "t2", Member = [new TeamMemberRequest { UserId = "bob", Role = TeamRole.Admin }] }, TestCaller.InternalUser("olga"));

        Assert.That(team.IsAdmin("bob"), Is.True);
        Assert.That(team.IsMember("olga"), Is.False);
        _ports.VerifySavedOnce();
    }

    [Test]
    public void ShouldForbidAUserOutsideTheTeamsOrganizationNamingIt()
    {
        var team = GivenTeamInOrganization();

        var refused = Assert.ThrowsAsync<ForbiddenAccessException>(async () =>
            await Handle(new AddTeamMembersCommand { TeamId = "t2", Member = [new TeamMemberRequest { UserId = "bob" }, new TeamMemberRequest { UserId = "zed" }] }, TestCaller.Admin()));

        Assert.That(refused!.Param, Is.EqualTo("member"));
        Assert.That(refused.Message, Is.EqualTo(
            "User(s) zed not a member of organization org-a: add them with /organization/member_add first; a team in an organization only has members of it."));
        Assert.That(team.IsMember("zed"), Is.False);
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldForbidAnUnknownUserInATeamOfAnOrganizationAndSaveNothing()
    {
        // An unknown user is no member of any organization; the user row it would have got is never saved.
        GivenTeamInOrganization();

        Assert.ThrowsAsync<ForbiddenAccessException>(async () =>
            await Handle(new AddTeamMembersCommand { TeamId = "t2", Member = [new TeamMemberRequest { UserId = "newcomer" }] }, TestCaller.Admin()));

        _ports.UnitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Never);
        _ports.UnitOfWork.Verify(u => u.OnCommitted(It.IsAny<Action>()), Times.Never);
    }

    [Test]
    public void ShouldHideATeamOfTheOrganizationFromAMemberOfItWhoIsNoOrgAdmin()
    {
        GivenTeamInOrganization();

        Assert.ThrowsAsync<NotFoundException>(async () =>
            await Handle(new AddTeamMembersCommand { TeamId = "t2", Member = [new TeamMemberRequest { UserId = "dan" }] }, TestCaller.InternalUser("bob")));

        _ports.VerifyNothingWritten();
    }

    [Test]
    public async Task ShouldLetAnyoneJoinATeamWhoseOrganizationIdNamesNoOrganization()
    {
        var team = TeamFixtures.Team("legacy", new TeamSettings { OrganizationId = "org-before-organizations" });
        _ports.GivenTeams(team);

        await Handle(new AddTeamMembersCommand { TeamId = "legacy", Member = [new TeamMemberRequest { UserId = "dan" }] }, TestCaller.Admin());

        Assert.That(team.IsMember("dan"), Is.True);
    }

    /// <summary>A row as an older database holds it, under an id <see cref="User.Create"/> now refuses.</summary>
    private static User LegacyUser(string userId, string email)
    {
        var user = TestData.User("placeholder", email: email);
        typeof(User).GetProperty(nameof(User.UserId))!.SetValue(user, userId);
        return user;
    }

    private async Task<TeamMembersAddedDto> Handle(AddTeamMembersCommand command, ICurrentCaller caller) =>
        await new AddTeamMembersCommandHandler(
                _ports.Teams.Object, _ports.Budgets.Object,
                _ports.MemberResolver,
                _ports.Audit.Object,
                _ports.UnitOfWork.Object,
                caller,
                _ports.StandingOf(caller),
                _ports.OrganizationRules,
                _ports.Clock)
            .Handle(command, CancellationToken.None);
}

public sealed class AddTeamMembersCommandValidatorTests
{
    private readonly AddTeamMembersCommandValidator _validator = new();

    [Test]
    public void ShouldAcceptMembersByIdOrEmail() =>
        Assert.That(
            _validator.InvalidFields(new AddTeamMembersCommand
            {
                TeamId = "t1",
                Member = [new TeamMemberRequest { UserId = "bob" }, new TeamMemberRequest { UserEmail = "c@example.com", Role = TeamRole.Admin }],
            }),
            Is.Empty);

    [Test]
    public void ShouldRequireTheTeamIdAndAtLeastOneMember() =>
        Assert.That(_validator.InvalidFields(new AddTeamMembersCommand { TeamId = "", Member = [] }), Is.EquivalentTo(new[] { "team_id", "member" }));

    [Test]
    public void ShouldRejectAMemberWithNeitherIdNorEmail() =>
        Assert.That(
            _validator.Messages(new AddTeamMembersCommand { TeamId = "t1", Member = [new TeamMemberRequest { Role = TeamRole.User }] }),
            Is.EqualTo(new[] { "Either user id or user email must be provided" }));

    [Test]
    public void ShouldRejectANullMemberEntryInsteadOfHandingItToTheHandler() =>
        Assert.That(
            _validator.InvalidFields(new AddTeamMembersCommand { TeamId = "t1", Member = [new TeamMemberRequest { UserId = "bob" }, null!] }),
            Is.EqualTo(new[] { "member[1]" }));

    [TestCase("default_user_id")]
    [TestCase("litellm-dashboard")]
    [TestCase("key:abcdef")]
    public void ShouldRejectAReservedUserIdAsAMember(string userId)
    {
        var command = new AddTeamMembersCommand { TeamId = "t1", Member = [new TeamMemberRequest { UserId = userId, Role = TeamRole.Admin }] };

        Assert.That(_validator.InvalidFields(command), Is.EqualTo(new[] { "member[0].user_id" }));
        Assert.That(_validator.Messages(command).Single(), Does.Contain("reserved"));
    }

    [Test]
    public void ShouldRejectAMalformedEmailAndAnUnknownRole()
    {
        var fields = _validator.InvalidFields(new AddTeamMembersCommand
        {
            TeamId = "t1",
            Member = [new TeamMemberRequest { UserEmail = "not-an-email", Role = (TeamRole)7 }],
        });

        Assert.That(fields, Has.Count.EqualTo(2));
        Assert.That(fields, Has.Some.EndsWith("user_email").And.Some.EndsWith("role"));
    }
}
