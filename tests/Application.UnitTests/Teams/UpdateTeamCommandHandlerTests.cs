using ProxyAdmin.Application.Common.Concurrency;
using System.Text.Json.Nodes;
using Moq;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Permissions;
using ProxyAdmin.Application.Teams;
using ProxyAdmin.Application.Teams.Commands.UpdateTeam;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Organizations;
using ProxyAdmin.Domain.Permissions;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.UnitTests.Teams;

public sealed class UpdateTeamCommandHandlerTests
{
    private HandlerPorts _ports = null!;
    private Team _team = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new HandlerPorts();
        _team = TeamFixtures.TeamWithAdminAndMember(
            "t1",
            admin: "alice",
            member: "bob",
            new TeamSettings
            {
                TeamAlias = "Research",
                OrganizationId = "org-1",
                Models = ["gpt-4o"],
                MaxBudget = 100,
                SoftBudget = 50,
                TpmLimit = 1000,
                RpmLimit = 10,
                MaxParallelRequests = 4,
                ModelAliases = new Dictionary<string, string?> { ["fast"] = "gpt-4o", ["smart"] = "o1" },
                Metadata = new JsonObject { ["cost_center"] = "42", ["owner"] = "alice" },
            });
        _ports.GivenTeams(_team);
    }

    [Test]
    public async Task ShouldChangeOnlyTheFieldsSentAndReturnTheTeam()
    {
        var updated = await Handle(new UpdateTeamCommand { TeamId = "t1", MaxBudget = 200, TeamAlias = "R&D" }, TestCaller.Admin());

        Assert.That(updated.TeamId, Is.EqualTo("t1"));
        Assert.That(updated.Data.MaxBudget, Is.EqualTo(200));
        Assert.That(updated.Data.TeamAlias, Is.EqualTo("R&D"));
        Assert.That(updated.Data.TpmLimit, Is.EqualTo(1000), "a field not sent keeps its value");
        Assert.That(updated.Data.Models, Is.EqualTo(new[] { "gpt-4o" }));
        Assert.That(updated.Data.UpdatedBy, Is.EqualTo("admin"));
        Assert.That(updated.Data.UpdatedAt, Is.EqualTo(_ports.Now));
        Assert.That(_team.MaxBudget, Is.EqualTo(200), "the tracked team is changed");
        _ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldAuditTheTeamBeforeAndAfter()
    {
        var updated = await Handle(new UpdateTeamCommand { TeamId = "t1", RpmLimit = 20 }, TestCaller.Admin());

        var row = _ports.AuditRecords.Single();
        Assert.That(row.Action, Is.EqualTo(AuditAction.Updated));
        Assert.That(row.TableName, Is.EqualTo(AuditTables.Teams));
        Assert.That(row.ObjectId, Is.EqualTo("t1"));
        Assert.That(((TeamDto)row.Before!).RpmLimit, Is.EqualTo(10));
        Assert.That(row.After, Is.EqualTo(updated.Data));
    }

    [Test]
    public async Task ShouldMergeMetadataAndModelAliases()
    {
        var updated = await Handle(
            new UpdateTeamCommand
            {
                TeamId = "t1",
                Metadata = new JsonObject { ["owner"] = null, ["tier"] = "gold" },
                ModelAliases = new Dictionary<string, string?> { ["smart"] = null, ["cheap"] = "gpt-4o-mini" },
                Tags = ["prod"],
            },
            TestCaller.Admin());

        Assert.That(updated.Data.Metadata.ToJsonString(), Is.EqualTo("""{"cost_center":"42","tier":"gold","tags":["prod"]}"""));
        Assert.That(updated.Data.ModelAliases, Is.EqualTo(new Dictionary<string, string> { ["fast"] = "gpt-4o", ["cheap"] = "gpt-4o-mini" }));
    }

    [Test]
    public async Task ShouldLetATeamAdminLowerLimitsAndRenameTheTeam()
    {
        var updated = await Handle(
            new UpdateTeamCommand { TeamId = "t1", MaxBudget = 90, SoftBudget = 40, TpmLimit = 1000, RpmLimit = 5, MaxParallelRequests = 1, TeamAlias = "Lab" },
            TestCaller.InternalUser("alice"));

        Assert.That(updated.Data.MaxBudget, Is.EqualTo(90));
        Assert.That(updated.Data.RpmLimit, Is.EqualTo(5));
        Assert.That(updated.Data.TeamAlias, Is.EqualTo("Lab"));
        Assert.That(updated.Data.UpdatedBy, Is.EqualTo("alice"));
        _ports.VerifySavedOnce();
    }

    [TestCase("max_budget")]
    [TestCase("soft_budget")]
    [TestCase("tpm_limit")]
    [TestCase("rpm_limit")]
    [TestCase("max_parallel_requests")]
    public void ShouldForbidATeamAdminToRaiseALimit(string field)
    {
        var command = field switch
        {
            "max_budget" => new UpdateTeamCommand { TeamId = "t1", MaxBudget = 100.01 },
            "soft_budget" => new UpdateTeamCommand { TeamId = "t1", SoftBudget = 60 },
            "tpm_limit" => new UpdateTeamCommand { TeamId = "t1", TpmLimit = 1001 },
            "rpm_limit" => new UpdateTeamCommand { TeamId = "t1", RpmLimit = 11 },
            _ => new UpdateTeamCommand { TeamId = "t1", MaxParallelRequests = 5 },
        };

        var refused = Assert.ThrowsAsync<ForbiddenAccessException>(async () => await Handle(command, TestCaller.InternalUser("alice")));

        Assert.That(refused!.Message, Does.Contain(field));
        Assert.That(_team.MaxBudget, Is.EqualTo(100));
        Assert.That(_team.TpmLimit, Is.EqualTo(1000));
        _ports.VerifyNothingWritten();
    }

    [TestCase("raise")]
    [TestCase("drop with null")]
    [TestCase("drop by replacing the map")]
    [TestCase("through metadata")]
    public void ShouldForbidATeamAdminToRaiseOrDropAPerModelLimit(string how)
    {
        var limited = TeamFixtures.TeamWithAdminAndMember(
            "t3", "alice", "bob", new TeamSettings { Metadata = new JsonObject { ["model_rpm_limit"] = new JsonObject { ["gpt-4o"] = 10 } } });
        _ports.GivenTeams(limited);
        var command = how switch
        {
            "raise" => new UpdateTeamCommand { TeamId = "t3", ModelRpmLimit = new Dictionary<string, long> { ["gpt-4o"] = 11 } },
            "drop with null" => new UpdateTeamCommand { TeamId = "t3", Metadata = new JsonObject { ["model_rpm_limit"] = null } },
            "drop by replacing the map" => new UpdateTeamCommand { TeamId = "t3", ModelRpmLimit = new Dictionary<string, long> { ["o1"] = 1 } },
            _ => new UpdateTeamCommand { TeamId = "t3", Metadata = new JsonObject { ["model_rpm_limit"] = new JsonObject { ["gpt-4o"] = 1e9 } } },
        };

        var refused = Assert.ThrowsAsync<ForbiddenAccessException>(async () => await Handle(command, TestCaller.InternalUser("alice")));

        Assert.That(refused!.Message, Does.Contain("model_rpm_limit").And.Contain("gpt-4o"));
        Assert.That(limited.Metadata["model_rpm_limit"]!["gpt-4o"]!.GetValue<int>(), Is.EqualTo(10));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public async Task ShouldLetATeamAdminLowerPerModelLimitsAndAProxyAdminRaiseThem()
    {
        var limited = TeamFixtures.TeamWithAdminAndMember(
            "t3", "alice", "bob", new TeamSettings { Metadata = new JsonObject { ["model_tpm_limit"] = new JsonObject { ["gpt-4o"] = 1000 } } });
        _ports.GivenTeams(limited);

        var lowered = await Handle(
            new UpdateTeamCommand { TeamId = "t3", ModelTpmLimit = new Dictionary<string, long> { ["gpt-4o"] = 500, ["o1"] = 5 } },
            TestCaller.InternalUser("alice"));
        Assert.That(lowered.Data.Metadata["model_tpm_limit"]!["gpt-4o"]!.GetValue<long>(), Is.EqualTo(500));

        var raised = await Handle(
            new UpdateTeamCommand { TeamId = "t3", ModelTpmLimit = new Dictionary<string, long> { ["gpt-4o"] = 5000 } },
            TestCaller.Admin());
        Assert.That(raised.Data.Metadata["model_tpm_limit"]!["gpt-4o"]!.GetValue<long>(), Is.EqualTo(5000));
    }

    [Test]
    public async Task ShouldLetATeamAdminSetALimitTheTeamDidNotHave()
    {
        var unlimited = TeamFixtures.TeamWithAdminAndMember("t2", "alice", "bob");
        _ports.GivenTeams(unlimited);

        var updated = await Handle(new UpdateTeamCommand { TeamId = "t2", MaxBudget = 1000, TpmLimit = 5 }, TestCaller.InternalUser("alice"));

        Assert.That(updated.Data.MaxBudget, Is.EqualTo(1000));
        Assert.That(updated.Data.TpmLimit, Is.EqualTo(5));
    }

    [Test]
    public void ShouldForbidATeamAdminToBlockTheTeam()
    {
        var refused = Assert.ThrowsAsync<ForbiddenAccessException>(async () =>
            await Handle(new UpdateTeamCommand { TeamId = "t1", Blocked = true }, TestCaller.InternalUser("alice")));

        Assert.That(refused!.Message, Does.Contain("block"));
        Assert.That(_team.Blocked, Is.False);
        _ports.VerifyNothingWritten();
    }

    [Test]
    public async Task ShouldLetATeamAdminResendTheCurrentBlockedFlagAndOrganization()
    {
        var updated = await Handle(
            new UpdateTeamCommand { TeamId = "t1", Blocked = false, OrganizationId = "org-1", TeamAlias = "Lab" },
            TestCaller.InternalUser("alice"));

        Assert.That(updated.Data.Blocked, Is.False);
        Assert.That(updated.Data.TeamAlias, Is.EqualTo("Lab"));
    }

    [Test]
    public void ShouldForbidATeamAdminToMoveTheTeamToAnotherOrganization()
    {
        Assert.ThrowsAsync<ForbiddenAccessException>(async () =>
            await Handle(new UpdateTeamCommand { TeamId = "t1", OrganizationId = "org-2" }, TestCaller.InternalUser("alice")));

        Assert.That(_team.OrganizationId, Is.EqualTo("org-1"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldForbidAMemberWhoIsNotATeamAdmin()
    {
        var refused = Assert.ThrowsAsync<ForbiddenAccessException>(async () =>
            await Handle(new UpdateTeamCommand { TeamId = "t1", TeamAlias = "mine" }, TestCaller.InternalUser("bob")));

        Assert.That(refused!.Message, Does.Contain("t1"));
        Assert.That(_team.TeamAlias, Is.EqualTo("Research"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldHideTheTeamFromAnOutsider()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () =>
            await Handle(new UpdateTeamCommand { TeamId = "t1", MaxBudget = 1 }, TestCaller.InternalUser("mallory")));

        Assert.That(missing!.Param, Is.EqualTo("team_id"));
        Assert.That(missing.Message, Does.Not.Contain("100"), "an outsider learns nothing about the team's limits");
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseAnUnknownTeamWithNotFound()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new UpdateTeamCommand { TeamId = "nope", MaxBudget = 1 }, TestCaller.Admin()));

        Assert.That(missing!.Message, Does.Contain("nope"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseASoftBudgetThatReachesTheStoredMaxBudget()
    {
        var refused = Assert.ThrowsAsync<DomainRuleException>(async () => await Handle(new UpdateTeamCommand { TeamId = "t1", SoftBudget = 100 }, TestCaller.Admin()));

        Assert.That(refused!.Param, Is.EqualTo("soft_budget"));
        Assert.That(_ports.AuditRecords, Is.Empty);
        _ports.UnitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task ShouldAttachAnObjectPermissionWhenTheTeamHasNone()
    {
        var updated = await Handle(
            new UpdateTeamCommand { TeamId = "t1", ObjectPermission = new ObjectPermissionRequest { McpServers = ["mcp-1"] } },
            TestCaller.Admin());

        Assert.That(_team.ObjectPermission, Is.Not.Null);
        Assert.That(updated.Data.ObjectPermissionId, Is.EqualTo(_team.ObjectPermission!.ObjectPermissionId));
        Assert.That(updated.Data.ObjectPermission!.McpServers, Is.EqualTo(new[] { "mcp-1" }));
    }

    [Test]
    public async Task ShouldUpdateTheExistingObjectPermissionInPlace()
    {
        _team.SetPermission(new ObjectPermissionSettings { VectorStores = ["vs-1"], McpServers = ["mcp-1"] });
        var permission = _team.ObjectPermission!;

        var updated = await Handle(
            new UpdateTeamCommand { TeamId = "t1", ObjectPermission = new ObjectPermissionRequest { McpServers = ["mcp-2"] } },
            TestCaller.Admin());

        Assert.That(_team.ObjectPermission, Is.SameAs(permission));
        Assert.That(updated.Data.ObjectPermissionId, Is.EqualTo(permission.ObjectPermissionId));
        Assert.That(updated.Data.ObjectPermission!.McpServers, Is.EqualTo(new[] { "mcp-2" }));
        Assert.That(updated.Data.ObjectPermission.VectorStores, Is.EqualTo(new[] { "vs-1" }), "lists not sent stay");
    }

    [Test]
    public async Task ShouldCreateTheMemberBudgetThenChangeItInPlace()
    {
        Budget? staged = null;
        _ports.Budgets.Setup(r => r.Add(It.IsAny<Budget>())).Callback<Budget>(b => staged = b);

        await Handle(new UpdateTeamCommand { TeamId = "t1", TeamMemberBudget = 10 }, TestCaller.Admin());
        var updated = await Handle(new UpdateTeamCommand { TeamId = "t1", TeamMemberTpmLimit = 500 }, TestCaller.Admin());

        _ports.Budgets.Verify(r => r.Add(It.IsAny<Budget>()), Times.Once);
        Assert.That(staged!.MaxBudget, Is.EqualTo(10));
        Assert.That(staged.TpmLimit, Is.EqualTo(500));
        Assert.That(_team.FindMember("bob")!.BudgetId, Is.EqualTo(staged.BudgetId), "existing members without a budget of their own get it");
        Assert.That(updated.Data.TeamMemberTpmLimit, Is.EqualTo(500));
    }

    [Test]
    public void ShouldRefuseATeamAdminChangingTheMemberBudget()
    {
        Assert.ThrowsAsync<ForbiddenAccessException>(async () => await Handle(new UpdateTeamCommand { TeamId = "t1", TeamMemberBudget = 1 }, TestCaller.InternalUser("alice")));

        Assert.That(_team.TeamMemberBudgetId, Is.Null);
        _ports.VerifyNothingWritten();
    }

    [Test]
    public async Task ShouldReplaceRouterSettingsAndMemberPermissions()
    {
        await Handle(new UpdateTeamCommand { TeamId = "t1", RouterSettings = new JsonObject { ["a"] = 1 }, TeamMemberPermissions = ["/key/update"] }, TestCaller.Admin());
        await Handle(new UpdateTeamCommand { TeamId = "t1", RouterSettings = [], TeamMemberPermissions = [] }, TestCaller.Admin());

        Assert.That(_team.RouterSettings.ToJsonString(), Is.EqualTo("{}"));
        Assert.That(_team.TeamMemberPermissions, Is.Empty);
    }

    // ---- Organizations

    /// <summary>
    /// t2 in org-a (gpt-4o and claude up to max_budget 500, tpm 5000, rpm 50), with team admins tina and oscar and
    /// member bob; olga and oscar are org admins of org-a, mallory a member of it outside the team. org-b has every
    /// member of t2, org-c only tina.
    /// </summary>
    private Team GivenTeamInOrganization()
    {
        var team = TeamFixtures.Team(
            "t2",
            new TeamSettings { OrganizationId = "org-a", Models = ["gpt-4o"], MaxBudget = 100, TpmLimit = 1000, RpmLimit = 10 },
            ("tina", TeamRole.Admin), ("bob", TeamRole.User), ("oscar", TeamRole.Admin));
        _ports.GivenTeams(team);
        _ports.GivenOrganizations(
            OrganizationFixtures.Organization(
                "org-a",
                models: ["gpt-4o", "claude"],
                budget: new BudgetSettings { MaxBudget = 500, TpmLimit = 5000, RpmLimit = 50 },
                ("olga", OrganizationRole.OrgAdmin), ("oscar", OrganizationRole.OrgAdmin), ("tina", OrganizationRole.InternalUser),
                ("bob", OrganizationRole.InternalUser), ("mallory", OrganizationRole.InternalUser)),
            OrganizationFixtures.Organization(
                "org-b", members: [("tina", OrganizationRole.InternalUser), ("bob", OrganizationRole.InternalUser), ("oscar", OrganizationRole.InternalUser), ("olga", OrganizationRole.OrgAdmin)]),
            OrganizationFixtures.Organization("org-c", members: [("tina", OrganizationRole.InternalUser)]));
        return team;
    }

    [Test]
    public async Task ShouldLetAnOrgAdminRaiseATeamsLimitsWithinTheOrganization()
    {
        var team = GivenTeamInOrganization();

        var updated = await Handle(new UpdateTeamCommand { TeamId = "t2", MaxBudget = 500, TpmLimit = 5000, RpmLimit = 50, Models = ["gpt-4o", "claude"] }, TestCaller.InternalUser("olga"));

        Assert.That((team.MaxBudget, team.TpmLimit, team.RpmLimit), Is.EqualTo(((double?)500, (long?)5000, (long?)50)));
        Assert.That(team.Models, Is.EqualTo(new[] { "gpt-4o", "claude" }));
        Assert.That(updated.Data.UpdatedBy, Is.EqualTo("olga"));
        Assert.That(team.IsMember("olga"), Is.False, "administering the organization's teams makes nobody a member of them");
        _ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldLetAnOrgAdminWhoIsAlsoTheTeamsAdminRaiseItsLimitsWithinTheOrganization()
    {
        // The usual case: an org admin that creates a team in its organization becomes the team's admin.
        var team = GivenTeamInOrganization();

        await Handle(new UpdateTeamCommand { TeamId = "t2", MaxBudget = 300 }, TestCaller.InternalUser("oscar"));

        Assert.That(team.MaxBudget, Is.EqualTo(300));
        _ports.VerifySavedOnce();
    }

    [Test]
    public void ShouldRefuseAnOrgAdminLimitsAboveTheOrganizations()
    {
        var team = GivenTeamInOrganization();

        var refused = Assert.ThrowsAsync<DomainRuleException>(async () => await Handle(new UpdateTeamCommand { TeamId = "t2", MaxBudget = 600 }, TestCaller.InternalUser("olga")));

        Assert.That(refused!.Param, Is.EqualTo("max_budget"));
        Assert.That(refused.Message, Is.EqualTo("Team max_budget (600) exceeds organization's max_budget (500). Organization: org-a"));
        Assert.That(team.MaxBudget, Is.EqualTo(100));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseAModelOutsideTheOrganization()
    {
        var team = GivenTeamInOrganization();

        var refused = Assert.ThrowsAsync<DomainRuleException>(async () => await Handle(new UpdateTeamCommand { TeamId = "t2", Models = ["mistral"] }, TestCaller.Admin()));

        Assert.That(refused!.Param, Is.EqualTo("models"));
        Assert.That(refused.Message, Is.EqualTo("Model 'mistral' not in organization's allowed models. Organization allowed models=['gpt-4o', 'claude']. Organization: org-a"));
        Assert.That(team.Models, Is.EqualTo(new[] { "gpt-4o" }));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public async Task ShouldGiveATeamWhoseModelsAreClearedItsOrganizations()
    {
        var team = GivenTeamInOrganization();

        await Handle(new UpdateTeamCommand { TeamId = "t2", Models = [] }, TestCaller.InternalUser("olga"));

        Assert.That(team.Models, Is.EqualTo(new[] { "gpt-4o", "claude" }));
    }

    [TestCase("olga", "org-b")]
    [TestCase("olga", "")]
    [TestCase("oscar", "org-b")]
    public void ShouldForbidAnOrgAdminToMoveTheTeamToAnotherOrganization(string orgAdmin, string organizationId)
    {
        var team = GivenTeamInOrganization();

        var refused = Assert.ThrowsAsync<ForbiddenAccessException>(async () =>
            await Handle(new UpdateTeamCommand { TeamId = "t2", OrganizationId = organizationId }, TestCaller.InternalUser(orgAdmin)));

        Assert.That(refused!.Message, Is.EqualTo("Only proxy admins can move a team to another organization."));
        Assert.That(team.OrganizationId, Is.EqualTo("org-a"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldForbidAnOrgAdminToChangeTheMemberBudget()
    {
        GivenTeamInOrganization();

        Assert.ThrowsAsync<ForbiddenAccessException>(async () => await Handle(new UpdateTeamCommand { TeamId = "t2", TeamMemberBudget = 5 }, TestCaller.InternalUser("olga")));

        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldForbidAnInternalUserOfTheTeamWhoIsNoOrgAdmin()
    {
        var team = GivenTeamInOrganization();

        var refused = Assert.ThrowsAsync<ForbiddenAccessException>(async () => await Handle(new UpdateTeamCommand { TeamId = "t2", MaxBudget = 50 }, TestCaller.InternalUser("bob")));

        Assert.That(refused!.Message, Is.EqualTo("Only proxy admins or admins of team t2 can update it."));
        Assert.That(team.MaxBudget, Is.EqualTo(100));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldHideTheTeamFromAMemberOfItsOrganizationWhoIsNoOrgAdmin()
    {
        GivenTeamInOrganization();

        Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new UpdateTeamCommand { TeamId = "t2", MaxBudget = 50 }, TestCaller.InternalUser("mallory")));

        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldForbidATeamAdminWhoIsNoOrgAdminToRaiseTheLimitsEvenWithinTheOrganization()
    {
        var team = GivenTeamInOrganization();

        var refused = Assert.ThrowsAsync<ForbiddenAccessException>(async () => await Handle(new UpdateTeamCommand { TeamId = "t2", MaxBudget = 300 }, TestCaller.InternalUser("tina")));

        Assert.That(refused!.Message, Does.StartWith("Team admins cannot raise their team's max_budget"));
        Assert.That(team.MaxBudget, Is.EqualTo(100));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public async Task ShouldLetAProxyAdminMoveATeamIntoAnOrganizationOfAllItsMembers()
    {
        var team = GivenTeamInOrganization();

        var updated = await Handle(new UpdateTeamCommand { TeamId = "t2", OrganizationId = "org-b" }, TestCaller.Admin());

        Assert.That(team.OrganizationId, Is.EqualTo("org-b"));
        Assert.That(updated.Data.OrganizationId, Is.EqualTo("org-b"));
        _ports.VerifySavedOnce();
    }

    [Test]
    public void ShouldForbidMovingATeamWithMembersOutsideTheOrganizationNamingThem()
    {
        var team = GivenTeamInOrganization();

        var refused = Assert.ThrowsAsync<ForbiddenAccessException>(async () => await Handle(new UpdateTeamCommand { TeamId = "t2", OrganizationId = "org-c" }, TestCaller.Admin()));

        Assert.That(refused!.Param, Is.EqualTo("organization_id"));
        Assert.That(refused.Message, Is.EqualTo("Cannot move team to organization. Team has user_id ['bob', 'oscar'] that is not a member of the organization."));
        Assert.That(team.OrganizationId, Is.EqualTo("org-a"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseMovingATeamIntoAnUnknownOrganizationWithNotFound()
    {
        var team = GivenTeamInOrganization();

        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new UpdateTeamCommand { TeamId = "t2", OrganizationId = "ghost" }, TestCaller.Admin()));

        Assert.That(missing!.Message, Is.EqualTo("Organization not found, passed organization_id=ghost"));
        Assert.That(team.OrganizationId, Is.EqualTo("org-a"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public async Task ShouldLetAProxyAdminTakeATeamOutOfItsOrganization()
    {
        var team = GivenTeamInOrganization();

        var updated = await Handle(new UpdateTeamCommand { TeamId = "t2", OrganizationId = "" }, TestCaller.Admin());

        Assert.That(team.OrganizationId, Is.Null);
        Assert.That(updated.Data.OrganizationId, Is.Null);
        Assert.That(((TeamDto)_ports.AuditRecords.Single().Before!).OrganizationId, Is.EqualTo("org-a"));
        _ports.VerifySavedOnce();
    }

    [Test]
    public void ShouldRefuseAStaleIfMatchBeforeChangingAnything()
    {
        _ports.Conditional.IfMatch = EntityTags.Of(AuditTables.Teams, "t1", _team.Version + 1);

        var stale = Assert.ThrowsAsync<PreconditionFailedException>(async () => await Handle(new UpdateTeamCommand { TeamId = "t1", TeamAlias = "late" }, TestCaller.Admin()));

        Assert.That(stale!.CurrentEntityTag, Is.EqualTo(EntityTags.Of(AuditTables.Teams, "t1", _team.Version)));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public async Task ShouldWriteUnderTheCurrentTagAndAnswerWithTheStoredVersionsTag()
    {
        _ports.Conditional.IfMatch = EntityTags.Of(AuditTables.Teams, "t1", _team.Version);

        await Handle(new UpdateTeamCommand { TeamId = "t1", TeamAlias = "on time" }, TestCaller.Admin());

        Assert.That(_ports.Conditional.Answered, Is.EqualTo(new[] { EntityTags.Of(AuditTables.Teams, "t1", _team.Version) }));
    }

    private async Task<UpdatedTeamDto> Handle(UpdateTeamCommand command, ICurrentCaller caller) =>
        await new UpdateTeamCommandHandler(_ports.Teams.Object, _ports.Budgets.Object, _ports.Audit.Object, _ports.UnitOfWork.Object, caller, _ports.StandingOf(caller), _ports.OrganizationRules, _ports.Tags, _ports.Clock)
            .Handle(command, CancellationToken.None);
}

public sealed class UpdateTeamCommandValidatorTests
{
    private readonly UpdateTeamCommandValidator _validator = new();

    [Test]
    public void ShouldAcceptAPartialUpdate() =>
        Assert.That(_validator.InvalidFields(new UpdateTeamCommand { TeamId = "t1", MaxBudget = 3 }), Is.Empty);

    [Test]
    public void ShouldRequireTheTeamId() =>
        Assert.That(_validator.Messages(new UpdateTeamCommand { TeamId = "" }), Is.EqualTo(new[] { "'team_id' is required." }));

    [Test]
    public void ShouldRejectASoftBudgetNotBelowTheMaxBudgetSentWithIt() =>
        Assert.That(_validator.InvalidFields(new UpdateTeamCommand { TeamId = "t1", MaxBudget = 5, SoftBudget = 6 }), Is.EqualTo(new[] { "soft_budget" }));

    [Test]
    public void ShouldRejectAnInfiniteMaxBudget() =>
        Assert.That(_validator.InvalidFields(new UpdateTeamCommand { TeamId = "t1", MaxBudget = double.PositiveInfinity }), Is.EqualTo(new[] { "max_budget" }));

    [Test]
    public void ShouldRejectAnAliasWithoutAPublicName() =>
        Assert.That(
            _validator.InvalidFields(new UpdateTeamCommand { TeamId = "t1", ModelAliases = new Dictionary<string, string?> { [" "] = "gpt-4o" } }),
            Is.EqualTo(new[] { "model_aliases" }));

    [Test]
    public void ShouldRejectEmptyValuesInObjectPermissionLists() =>
        Assert.That(
            _validator.InvalidFields(new UpdateTeamCommand { TeamId = "t1", ObjectPermission = new ObjectPermissionRequest { Agents = [""] } }),
            Is.EqualTo(new[] { "object_permission" }));
}
