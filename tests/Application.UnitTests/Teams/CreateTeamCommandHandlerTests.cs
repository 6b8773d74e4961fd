using System.Text.Json.Nodes;
using Moq;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Permissions;
using ProxyAdmin.Application.Teams;
using ProxyAdmin.Application.Teams.Commands.CreateTeam;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Application.Users;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Organizations;
using ProxyAdmin.Domain.Teams;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Application.UnitTests.Teams;

public sealed class CreateTeamCommandHandlerTests
{
    private HandlerPorts _ports = null!;
    private Team? _added;
    private List<User> _addedUsers = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new HandlerPorts();
        _added = null;
        _addedUsers = [];
        _ports.Teams.Setup(r => r.Add(It.IsAny<Team>())).Callback<Team>(team => _added = team);
        _ports.Users.Setup(r => r.Add(It.IsAny<User>())).Callback<User>(_addedUsers.Add);
    }

    [Test]
    public async Task ShouldStageTheTeamWithItsSettingsAndReturnIt()
    {
        _ports.GivenOrganizations(OrganizationFixtures.Organization("org-1"));
        var created = await Handle(new CreateTeamCommand
        {
            TeamId = "t1",
            TeamAlias = "Research",
            OrganizationId = "org-1",
            Models = ["gpt-4o", "claude"],
            MaxBudget = 100,
            SoftBudget = 80,
            TpmLimit = 1000,
            RpmLimit = 10,
            MaxParallelRequests = 3,
            BudgetDuration = "30d",
            ModelAliases = new Dictionary<string, string?> { ["fast"] = "gpt-4o", ["gone"] = null },
        });

        Assert.That(_added, Is.Not.Null);
        Assert.That(_added!.TeamId, Is.EqualTo("t1"));
        Assert.That(_added.TeamAlias, Is.EqualTo("Research"));
        Assert.That(_added.OrganizationId, Is.EqualTo("org-1"));
        Assert.That(_added.Models, Is.EqualTo(new[] { "gpt-4o", "claude" }));
        Assert.That(_added.MaxBudget, Is.EqualTo(100));
        Assert.That(_added.SoftBudget, Is.EqualTo(80));
        Assert.That(_added.TpmLimit, Is.EqualTo(1000));
        Assert.That(_added.RpmLimit, Is.EqualTo(10));
        Assert.That(_added.MaxParallelRequests, Is.EqualTo(3));
        Assert.That(_added.BudgetResetAt, Is.EqualTo(_ports.Now.AddDays(30)));
        Assert.That(_added.ModelAliases, Is.EqualTo(new Dictionary<string, string> { ["fast"] = "gpt-4o" }), "a null alias is not stored");
        Assert.That(_added.Blocked, Is.False);
        Assert.That(_added.CreatedBy, Is.EqualTo("admin"));
        Assert.That(_added.CreatedAt, Is.EqualTo(_ports.Now));
        _ports.VerifySavedOnce();

        Assert.That(created.TeamId, Is.EqualTo("t1"));
        Assert.That(created.MaxBudget, Is.EqualTo(100));
        Assert.That(created.Models, Is.EqualTo(new[] { "gpt-4o", "claude" }));
    }

    [Test]
    public async Task ShouldAuditTheCreatedTeam()
    {
        var created = await Handle(new CreateTeamCommand { TeamId = "t1" });

        var row = _ports.AuditRecords.Single();
        Assert.That(row.Action, Is.EqualTo(AuditAction.Created));
        Assert.That(row.TableName, Is.EqualTo(AuditTables.Teams));
        Assert.That(row.ObjectId, Is.EqualTo("t1"));
        Assert.That(row.Before, Is.Null);
        Assert.That(row.After, Is.EqualTo(created));
    }

    [Test]
    public async Task ShouldGiveTheTeamANewUuidWhenNoIdIsSent()
    {
        var created = await Handle(new CreateTeamCommand { TeamAlias = "anonymous" });

        Assert.That(Guid.TryParse(created.TeamId, out _), Is.True, created.TeamId);
        _ports.Teams.Verify(r => r.ExistsAsync(created.TeamId, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task ShouldMakeACreatorWithAUserIdAnAdminOfTheTeam()
    {
        var created = await Handle(new CreateTeamCommand { TeamId = "t1" }, TestCaller.Admin("alice"));

        Assert.That(created.Admins, Is.EqualTo(new[] { "alice" }));
        Assert.That(created.MembersWithRoles.Single().Role, Is.EqualTo(TeamRole.Admin));
    }

    [Test]
    public async Task ShouldNotMakeTheMasterKeyAMember()
    {
        var created = await Handle(new CreateTeamCommand { TeamId = "t1" }, TestCaller.MasterKey);

        Assert.That(created.MembersWithRoles, Is.Empty);
        Assert.That(created.CreatedBy, Is.EqualTo(SpecialValues.DefaultUserId));
    }

    [Test]
    public async Task ShouldKeepTheRoleACreatorListedThemselvesWith()
    {
        var created = await Handle(
            new CreateTeamCommand { TeamId = "t1", MembersWithRoles = [new TeamMemberRequest { UserId = "alice", Role = TeamRole.User }] },
            TestCaller.Admin("alice"));

        Assert.That(created.Admins, Is.Empty);
        Assert.That(created.Members, Is.EqualTo(new[] { "alice" }));
    }

    [Test]
    public async Task ShouldResolveMembersToExistingUsersAndCreateTheUnknownOnesAuditingEach()
    {
        _ports.GivenUsers(TestData.User("bob", email: "bob@example.com"));
        var erin = TestData.User("erin", email: "erin@example.com");
        _ports.Users.Setup(r => r.FindByEmailAsync("erin@example.com", It.IsAny<CancellationToken>())).ReturnsAsync(erin);

        var created = await Handle(new CreateTeamCommand
        {
            TeamId = "t1",
            MembersWithRoles =
            [
                new TeamMemberRequest { UserId = "bob", Role = TeamRole.Admin },
                new TeamMemberRequest { UserId = "carol" },
                new TeamMemberRequest { UserEmail = "dave@example.com" },
                new TeamMemberRequest { UserEmail = "erin@example.com" },
            ],
        }, TestCaller.MasterKey);

        Assert.That(_addedUsers.Select(u => u.UserEmail), Is.EqualTo(new[] { null, "dave@example.com" }));
        var dave = _addedUsers[1];
        Assert.That(_addedUsers[0].UserId, Is.EqualTo("carol"));
        Assert.That(Guid.TryParse(dave.UserId, out _), Is.True, "a user named by email only gets a uuid");
        Assert.That(_addedUsers.Select(u => u.UserRole), Is.All.EqualTo(UserRole.InternalUser));

        Assert.That(created.MembersWithRoles.Select(m => (m.UserId, m.UserEmail, m.Role)), Is.EqualTo(new[]
        {
            ("bob", (string?)"bob@example.com", TeamRole.Admin),
            ("carol", null, TeamRole.User),
            (dave.UserId, "dave@example.com", TeamRole.User),
            ("erin", "erin@example.com", TeamRole.User),
        }));

        var userRows = _ports.AuditRecords.Where(r => r.TableName == AuditTables.Users).ToList();
        Assert.That(userRows.Select(r => (r.Action, r.ObjectId)), Is.EqualTo(new[] { (AuditAction.Created, "carol"), (AuditAction.Created, dave.UserId) }));
        Assert.That(((UserDto)userRows[0].After!).UserId, Is.EqualTo("carol"));
        Assert.That(_ports.AuditRecords.Last().TableName, Is.EqualTo(AuditTables.Teams));
        _ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldMoveManagedFieldsIntoMetadata()
    {
        var created = await Handle(new CreateTeamCommand
        {
            TeamId = "t1",
            Metadata = new JsonObject { ["cost_center"] = "42" },
            Tags = ["prod"],
            ModelRpmLimit = new Dictionary<string, long> { ["gpt-4o"] = 5 },
        });

        Assert.That(created.Metadata.ToJsonString(), Is.EqualTo("""{"cost_center":"42","model_rpm_limit":{"gpt-4o":5},"tags":["prod"]}"""));
    }

    [Test]
    public async Task ShouldAttachTheObjectPermission()
    {
        var created = await Handle(new CreateTeamCommand { TeamId = "t1", ObjectPermission = new ObjectPermissionRequest { VectorStores = ["vs-1"] } });

        Assert.That(_added!.ObjectPermission, Is.Not.Null);
        Assert.That(created.ObjectPermissionId, Is.EqualTo(_added.ObjectPermission!.ObjectPermissionId));
        Assert.That(created.ObjectPermission!.VectorStores, Is.EqualTo(new[] { "vs-1" }));
    }

    [Test]
    public void ShouldRefuseAnExistingTeamIdWithConflict()
    {
        _ports.GivenTeams(TestData.Team("t1"));

        var conflict = Assert.ThrowsAsync<ConflictException>(async () => await Handle(new CreateTeamCommand
        {
            TeamId = "t1",
            MembersWithRoles = [new TeamMemberRequest { UserId = "carol" }],
        }));

        Assert.That(conflict!.Param, Is.EqualTo("team_id"));
        Assert.That(conflict.Message, Does.Contain("t1"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseAMemberListedTwice()
    {
        _ports.GivenUsers(TestData.User("bob"));

        var refused = Assert.ThrowsAsync<BadRequestException>(async () => await Handle(new CreateTeamCommand
        {
            TeamId = "t1",
            MembersWithRoles = [new TeamMemberRequest { UserId = "bob" }, new TeamMemberRequest { UserId = "bob", Role = TeamRole.Admin }],
        }));

        Assert.That(refused!.Param, Is.EqualTo("members_with_roles"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseASoftBudgetThatIsNotBelowTheMaxBudget()
    {
        var refused = Assert.ThrowsAsync<DomainRuleException>(async () => await Handle(new CreateTeamCommand { TeamId = "t1", MaxBudget = 10, SoftBudget = 10 }));

        Assert.That(refused!.Param, Is.EqualTo("soft_budget"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public async Task ShouldStoreTheTeamFieldsLiteLlmClientsSend()
    {
        var created = await Handle(new CreateTeamCommand
        {
            TeamId = "t1",
            TeamMemberPermissions = ["/key/generate"],
            RouterSettings = new JsonObject { ["num_retries"] = 2 },
            AccessGroupIds = ["ag-1"],
            RpmLimitType = "guaranteed_throughput",
            Prompts = ["p1"],
        });

        Assert.That(_added!.TeamMemberPermissions, Is.EqualTo(new[] { "/key/generate" }));
        Assert.That(_added.RouterSettings.ToJsonString(), Is.EqualTo("""{"num_retries":2}"""));
        Assert.That(_added.AccessGroupIds, Is.EqualTo(new[] { "ag-1" }));
        Assert.That(created.RpmLimitType, Is.EqualTo("guaranteed_throughput"));
        Assert.That(created.Prompts, Is.EqualTo(new[] { "p1" }));
        Assert.That(created.Metadata.ToJsonString(), Is.EqualTo("""{"rpm_limit_type":"guaranteed_throughput","prompts":["p1"]}"""));
    }

    [Test]
    public async Task ShouldGiveTheTeamAMemberBudgetThatItsMembersGet()
    {
        _ports.GivenUsers(TestData.User("bob"));
        Budget? staged = null;
        _ports.Budgets.Setup(r => r.Add(It.IsAny<Budget>())).Callback<Budget>(b => staged = b);

        var created = await Handle(new CreateTeamCommand
        {
            TeamId = "t1",
            TeamMemberBudget = 10,
            TeamMemberRpmLimit = 5,
            TeamMemberBudgetDuration = "1mo",
            MembersWithRoles = [new TeamMemberRequest { UserId = "bob" }],
        });

        Assert.That(staged!.MaxBudget, Is.EqualTo(10));
        Assert.That(staged.RpmLimit, Is.EqualTo(5));
        Assert.That(staged.BudgetDuration, Is.EqualTo("1mo"));
        Assert.That(_added!.TeamMemberBudgetId, Is.EqualTo(staged.BudgetId));
        Assert.That(_added.FindMember("bob")!.BudgetId, Is.EqualTo(staged.BudgetId));
        Assert.That(created.TeamMemberBudget, Is.EqualTo(10));
        Assert.That(created.TeamMemberBudgetTable!.BudgetId, Is.EqualTo(staged.BudgetId));
        _ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldCreateNoMemberBudgetWhenNoneIsAsked()
    {
        var created = await Handle(new CreateTeamCommand { TeamId = "t1" });

        _ports.Budgets.Verify(r => r.Add(It.IsAny<Budget>()), Times.Never);
        Assert.That(created.TeamMemberBudgetTable, Is.Null);
    }

    // ---- Organizations

    /// <summary>org-a allows gpt-4o and claude up to max_budget 500, tpm 5000, rpm 50: olga is its org admin, bob a member.</summary>
    private void GivenOrganizationA() =>
        _ports.GivenOrganizations(
            OrganizationFixtures.Organization(
                "org-a",
                models: ["gpt-4o", "claude"],
                budget: new BudgetSettings { MaxBudget = 500, TpmLimit = 5000, RpmLimit = 50 },
                ("olga", OrganizationRole.OrgAdmin), ("bob", OrganizationRole.InternalUser)),
            OrganizationFixtures.Organization("org-b", members: [("olga", OrganizationRole.InternalUser)]));

    [Test]
    public async Task ShouldLetAnOrgAdminCreateATeamInItsOrganizationAndAdministerIt()
    {
        GivenOrganizationA();
        _ports.GivenUsers(TestData.User("bob", email: "bob@example.com"));

        var created = await Handle(
            new CreateTeamCommand { TeamId = "t1", OrganizationId = "org-a", MaxBudget = 500, TpmLimit = 5000, RpmLimit = 50, MembersWithRoles = [new TeamMemberRequest { UserId = "bob" }] },
            TestCaller.InternalUser("olga"));

        Assert.That(_added!.OrganizationId, Is.EqualTo("org-a"));
        Assert.That((_added.MaxBudget, _added.TpmLimit, _added.RpmLimit), Is.EqualTo(((double?)500, (long?)5000, (long?)50)), "up to the organization's limits");
        Assert.That(_added.Models, Is.EqualTo(new[] { "gpt-4o", "claude" }), "a team naming no models gets its organization's");
        Assert.That(created.Admins, Is.EqualTo(new[] { "olga" }), "the creating org admin is a member of the organization, so it joins as the team's admin");
        Assert.That(created.Members, Is.EqualTo(new[] { "bob" }));
        Assert.That(created.CreatedBy, Is.EqualTo("olga"));
        _ports.VerifySavedOnce();
    }

    [Test]
    public void ShouldForbidAnInternalUserWhoIsNoOrgAdminOfTheOrganization()
    {
        GivenOrganizationA();

        var refused = Assert.ThrowsAsync<ForbiddenAccessException>(async () =>
            await Handle(new CreateTeamCommand { TeamId = "t1", OrganizationId = "org-a" }, TestCaller.InternalUser("bob")));

        Assert.That(refused!.Message, Is.EqualTo("Only proxy admins, and org admins in their organization (organization_id), can create teams. Your role is internal_user"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldForbidAnInternalUserATeamOutsideEveryOrganization()
    {
        GivenOrganizationA();

        Assert.ThrowsAsync<ForbiddenAccessException>(async () => await Handle(new CreateTeamCommand { TeamId = "t1" }, TestCaller.InternalUser("olga")));

        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldForbidAnOrgAdminATeamInAnotherOrganization()
    {
        GivenOrganizationA();

        Assert.ThrowsAsync<ForbiddenAccessException>(async () => await Handle(new CreateTeamCommand { TeamId = "t1", OrganizationId = "org-b" }, TestCaller.InternalUser("olga")));

        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldForbidAnInternalUserNamingAnUnknownOrganizationWithoutSayingWhetherItExists()
    {
        GivenOrganizationA();

        Assert.ThrowsAsync<ForbiddenAccessException>(async () => await Handle(new CreateTeamCommand { TeamId = "t1", OrganizationId = "ghost" }, TestCaller.InternalUser("olga")));

        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseAnUnknownOrganizationWithNotFound()
    {
        GivenOrganizationA();

        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new CreateTeamCommand { TeamId = "t1", OrganizationId = "ghost" }));

        Assert.That(missing!.Message, Is.EqualTo("Organization not found, passed organization_id=ghost"));
        Assert.That(missing.Param, Is.EqualTo("organization_id"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseAModelOutsideTheOrganization()
    {
        GivenOrganizationA();

        var refused = Assert.ThrowsAsync<DomainRuleException>(async () =>
            await Handle(new CreateTeamCommand { TeamId = "t1", OrganizationId = "org-a", Models = ["gpt-4o", "mistral"] }, TestCaller.InternalUser("olga")));

        Assert.That(refused!.Param, Is.EqualTo("models"));
        Assert.That(refused.Message, Is.EqualTo("Model 'mistral' not in organization's allowed models. Organization allowed models=['gpt-4o', 'claude']. Organization: org-a"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseAnOrgAdminLimitsAboveTheOrganizations()
    {
        GivenOrganizationA();

        var refused = Assert.ThrowsAsync<DomainRuleException>(async () =>
            await Handle(new CreateTeamCommand { TeamId = "t1", OrganizationId = "org-a", MaxBudget = 501 }, TestCaller.InternalUser("olga")));

        Assert.That(refused!.Message, Is.EqualTo("Team max_budget (501) exceeds organization's max_budget (500). Organization: org-a"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldForbidAMemberOutsideTheOrganizationNamingTheUser()
    {
        GivenOrganizationA();
        _ports.GivenUsers(TestData.User("bob"), TestData.User("dan"));

        var refused = Assert.ThrowsAsync<ForbiddenAccessException>(async () => await Handle(
            new CreateTeamCommand { TeamId = "t1", OrganizationId = "org-a", MembersWithRoles = [new TeamMemberRequest { UserId = "bob" }, new TeamMemberRequest { UserId = "dan" }] },
            TestCaller.InternalUser("olga")));

        Assert.That(refused!.Param, Is.EqualTo("member"));
        Assert.That(refused.Message, Does.StartWith("User(s) dan not a member of organization org-a:"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public async Task ShouldNotMakeAProxyAdminOutsideTheOrganizationAMemberOfItsTeam()
    {
        GivenOrganizationA();

        var created = await Handle(new CreateTeamCommand { TeamId = "t1", OrganizationId = "org-a", Models = ["claude"] }, TestCaller.Admin("root"));

        Assert.That(created.MembersWithRoles, Is.Empty, "a team in an organization only has members of it; the proxy admin administers it anyway");
        Assert.That(_added!.Models, Is.EqualTo(new[] { "claude" }));
        _ports.VerifySavedOnce();
    }

    private async Task<TeamDto> Handle(CreateTeamCommand command, ICurrentCaller? caller = null)
    {
        caller ??= TestCaller.Admin();
        var handler = new CreateTeamCommandHandler(
            _ports.Teams.Object, _ports.Budgets.Object,
            _ports.MemberResolver,
            _ports.Audit.Object,
            _ports.UnitOfWork.Object,
            caller,
            _ports.StandingOf(caller),
            _ports.OrganizationRules,
            _ports.Clock);
        return await handler.Handle(command, CancellationToken.None);
    }
}

public sealed class CreateTeamCommandValidatorTests
{
    private readonly CreateTeamCommandValidator _validator = new();

    [Test]
    public void ShouldAcceptAFullRequest() =>
        Assert.That(
            _validator.InvalidFields(new CreateTeamCommand
            {
                TeamId = "t1",
                MaxBudget = 10,
                SoftBudget = 5,
                BudgetDuration = "1mo",
                Models = ["gpt-4o"],
                MembersWithRoles = [new TeamMemberRequest { UserEmail = "bob@example.com", Role = TeamRole.Admin }],
            }),
            Is.Empty);

    [Test]
    public void ShouldRejectATeamIdWithSpaces() =>
        Assert.That(_validator.InvalidFields(new CreateTeamCommand { TeamId = "my team" }), Is.EqualTo(new[] { "team_id" }));

    [Test]
    public void ShouldRequireTheSoftBudgetBelowTheMaxBudget() =>
        Assert.That(
            _validator.Messages(new CreateTeamCommand { MaxBudget = 10, SoftBudget = 10 }),
            Is.EqualTo(new[] { "soft_budget (10) must be strictly lower than max_budget (10)" }));

    [Test]
    public void ShouldRejectNegativeLimitsAndAMalformedDuration() =>
        Assert.That(
            _validator.InvalidFields(new CreateTeamCommand { MaxBudget = -1, TpmLimit = -1, RpmLimit = -1, MaxParallelRequests = -1, BudgetDuration = "fortnightly" }),
            Is.EquivalentTo(new[] { "max_budget", "tpm_limit", "rpm_limit", "max_parallel_requests", "budget_duration" }));

    [Test]
    public void ShouldRejectAMemberKeyDurationOutsideLiteLlmsFormsAndAModeInsideMetadataOutsideTheTeams() =>
        Assert.That(
            _validator.InvalidFields(new CreateTeamCommand
            {
                TeamMemberKeyDuration = "forever",
                Metadata = new JsonObject { ["rpm_limit_type"] = "dynamic", ["tpm_limit_type"] = null },
            }),
            Is.EquivalentTo(new[] { "team_member_key_duration", "metadata.rpm_limit_type" }));

    [Test]
    public void ShouldRejectMoreThanAThousandMembersAndOversizedFreeFormFields() =>
        Assert.That(
            _validator.InvalidFields(new CreateTeamCommand
            {
                MembersWithRoles = [.. Enumerable.Range(0, 1001).Select(i => new TeamMemberRequest { UserId = $"u{i}" })],
                RouterSettings = new JsonObject { ["blob"] = new string('x', 70_000) },
                Logging = [new string('x', 70_000)],
            }),
            Is.EquivalentTo(new[] { "members_with_roles", "router_settings", "logging" }));

    [Test]
    public void ShouldRejectBlankModelsAndAliases() =>
        Assert.That(
            _validator.InvalidFields(new CreateTeamCommand { Models = ["gpt-4o", " "], ModelAliases = new Dictionary<string, string?> { ["fast"] = "" } }),
            Is.EquivalentTo(new[] { "models", "model_aliases" }));

    [Test]
    public void ShouldRejectANullMemberEntryInsteadOfHandingItToTheHandler() =>
        Assert.That(_validator.InvalidFields(new CreateTeamCommand { MembersWithRoles = [null!] }), Is.EqualTo(new[] { "members_with_roles[0]" }));

    [Test]
    public void ShouldRejectABudgetDurationTooLongToComputeAResetDate() =>
        Assert.That(_validator.InvalidFields(new CreateTeamCommand { BudgetDuration = "999999mo" }), Is.EqualTo(new[] { "budget_duration" }));

    [Test]
    public void ShouldRequireEachMemberToNameAUserIdOrEmail()
    {
        var errors = _validator.Validate(new CreateTeamCommand { MembersWithRoles = [new TeamMemberRequest { Role = TeamRole.User }] }).Errors;

        Assert.That(errors.Select(e => e.ErrorMessage), Is.EqualTo(new[] { "Either user id or user email must be provided" }));
        Assert.That(errors.Single().PropertyName, Does.StartWith("members_with_roles[0]"));
    }
}
