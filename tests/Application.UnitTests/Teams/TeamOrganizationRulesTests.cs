using Moq;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Organizations;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.UnitTests.Teams;

public sealed class TeamOrganizationRulesTests
{
    private HandlerPorts _ports = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new HandlerPorts();
        _ports.GivenOrganizations(
            OrganizationFixtures.Organization(
                "org-1",
                models: ["gpt-4o", "claude"],
                budget: new BudgetSettings { MaxBudget = 100, TpmLimit = 1000, RpmLimit = 10 },
                ("ada", OrganizationRole.OrgAdmin), ("bo", OrganizationRole.InternalUser)),
            OrganizationFixtures.Organization("open", members: [("ada", OrganizationRole.InternalUser)]));
    }

    // ---- ForNewTeamAsync

    [TestCase(null)]
    [TestCase("")]
    public async Task ANewTeamOutsideEveryOrganizationIsNotChecked(string? organizationId)
    {
        var settings = new TeamSettings { OrganizationId = organizationId, Models = ["anything"], MaxBudget = 1e9 };

        Assert.That(await _ports.OrganizationRules.ForNewTeamAsync(settings, ["zed"], CancellationToken.None), Is.SameAs(settings));
        _ports.Organizations.Verify(r => r.ReadAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task ANewTeamWithinItsOrganizationKeepsItsModelsAndLimits()
    {
        var settings = await _ports.OrganizationRules.ForNewTeamAsync(
            new TeamSettings { OrganizationId = "org-1", Models = ["claude"], MaxBudget = 100, TpmLimit = 1000, RpmLimit = 10 }, ["ada", "bo"], CancellationToken.None);

        Assert.That(settings.Models, Is.EqualTo(new[] { "claude" }));
        Assert.That(settings.MaxBudget, Is.EqualTo(100));
    }

    [Test]
    public async Task ANewTeamNamingNoModelsGetsItsOrganizations()
    {
        var settings = await _ports.OrganizationRules.ForNewTeamAsync(new TeamSettings { OrganizationId = "org-1" }, [], CancellationToken.None);

        Assert.That(settings.Models, Is.EqualTo(new[] { "gpt-4o", "claude" }));
        Assert.That(settings.OrganizationId, Is.EqualTo("org-1"));
    }

    [Test]
    public async Task ANewTeamInAnOrganizationOfEveryModelKeepsNone()
    {
        var settings = await _ports.OrganizationRules.ForNewTeamAsync(new TeamSettings { OrganizationId = "open" }, [], CancellationToken.None);

        Assert.That(settings.Models, Is.Empty);
    }

    [Test]
    public void ANewTeamInAnUnknownOrganizationIsNotFound()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () =>
            await _ports.OrganizationRules.ForNewTeamAsync(new TeamSettings { OrganizationId = "ghost" }, [], CancellationToken.None));

        Assert.That(missing!.Message, Is.EqualTo("Organization not found, passed organization_id=ghost"));
        Assert.That(missing.Param, Is.EqualTo("organization_id"));
    }

    [Test]
    public void ANewTeamWithAModelOutsideItsOrganizationIsRefused()
    {
        var refused = Assert.ThrowsAsync<DomainRuleException>(async () =>
            await _ports.OrganizationRules.ForNewTeamAsync(new TeamSettings { OrganizationId = "org-1", Models = ["mistral"] }, [], CancellationToken.None));

        Assert.That(refused!.Param, Is.EqualTo("models"));
        Assert.That(refused.Message, Is.EqualTo("Model 'mistral' not in organization's allowed models. Organization allowed models=['gpt-4o', 'claude']. Organization: org-1"));
    }

    [TestCase(150d, null, null, "max_budget")]
    [TestCase(null, 1001L, null, "tpm_limit")]
    [TestCase(null, null, 11L, "rpm_limit")]
    public void ANewTeamWithALimitAboveItsOrganizationsIsRefused(double? maxBudget, long? tpmLimit, long? rpmLimit, string field)
    {
        var refused = Assert.ThrowsAsync<DomainRuleException>(async () => await _ports.OrganizationRules.ForNewTeamAsync(
            new TeamSettings { OrganizationId = "org-1", MaxBudget = maxBudget, TpmLimit = tpmLimit, RpmLimit = rpmLimit }, [], CancellationToken.None));

        Assert.That(refused!.Param, Is.EqualTo(field));
    }

    [Test]
    public void ANewTeamWithMembersOutsideItsOrganizationIsForbiddenNamingEachOnce()
    {
        var refused = Assert.ThrowsAsync<ForbiddenAccessException>(async () => await _ports.OrganizationRules.ForNewTeamAsync(
            new TeamSettings { OrganizationId = "org-1" }, ["ada", "zed", "yan", "zed"], CancellationToken.None));

        Assert.That(refused!.Param, Is.EqualTo("member"));
        Assert.That(refused.Message, Is.EqualTo(
            "User(s) zed, yan not a member of organization org-1: add them with /organization/member_add first; a team in an organization only has members of it."));
    }

    // ---- IsMemberAsync

    [TestCase("org-1", "ada", true)]
    [TestCase("org-1", "bo", true)]
    [TestCase("org-1", "zed", false)]
    [TestCase("open", "bo", false)]
    public async Task AUserIsAMemberOfTheOrganizationsItBelongsTo(string organizationId, string userId, bool member) =>
        Assert.That(await _ports.OrganizationRules.IsMemberAsync(organizationId, userId, CancellationToken.None), Is.EqualTo(member));

    // ---- ForChangeAsync

    private static Team TeamIn(string? organizationId, params (string UserId, TeamRole Role)[] members) =>
        TeamFixtures.Team("t1", new TeamSettings { OrganizationId = organizationId, Models = ["gpt-4o"], MaxBudget = 50, TpmLimit = 500, RpmLimit = 5 }, members);

    [Test]
    public async Task AChangeToATeamOutsideEveryOrganizationIsNotChecked()
    {
        var changes = new TeamSettings { MaxBudget = 1e9 };

        Assert.That(await _ports.OrganizationRules.ForChangeAsync(TeamIn(null), changes, CancellationToken.None), Is.SameAs(changes));
        _ports.Organizations.Verify(r => r.ReadAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task TakingATeamOutOfItsOrganizationIsNotChecked()
    {
        var changes = new TeamSettings { OrganizationId = "", MaxBudget = 1e9, Models = [] };

        Assert.That(await _ports.OrganizationRules.ForChangeAsync(TeamIn("org-1", ("zed", TeamRole.Admin)), changes, CancellationToken.None), Is.SameAs(changes));
    }

    [Test]
    public async Task AChangeWithinTheOrganizationsLimitsIsAppliedAsSent()
    {
        var changes = new TeamSettings { MaxBudget = 100, Models = ["claude"] };

        Assert.That(await _ports.OrganizationRules.ForChangeAsync(TeamIn("org-1"), changes, CancellationToken.None), Is.SameAs(changes));
    }

    [TestCase(101d, null, null, "max_budget")]
    [TestCase(null, 1001L, null, "tpm_limit")]
    [TestCase(null, null, 11L, "rpm_limit")]
    public void RaisingALimitAboveTheOrganizationsIsRefused(double? maxBudget, long? tpmLimit, long? rpmLimit, string field)
    {
        var refused = Assert.ThrowsAsync<DomainRuleException>(async () => await _ports.OrganizationRules.ForChangeAsync(
            TeamIn("org-1"), new TeamSettings { MaxBudget = maxBudget, TpmLimit = tpmLimit, RpmLimit = rpmLimit }, CancellationToken.None));

        Assert.That(refused!.Param, Is.EqualTo(field));
        Assert.That(refused.Message, Does.EndWith("Organization: org-1"));
    }

    [Test]
    public void AModelOutsideTheOrganizationIsRefused()
    {
        var refused = Assert.ThrowsAsync<DomainRuleException>(async () =>
            await _ports.OrganizationRules.ForChangeAsync(TeamIn("org-1"), new TeamSettings { Models = ["gpt-4o", "mistral"] }, CancellationToken.None));

        Assert.That(refused!.Param, Is.EqualTo("models"));
        Assert.That(refused.Message, Does.StartWith("Model 'mistral' not in organization's allowed models."));
    }

    [Test]
    public async Task ClearingTheModelsOfATeamInARestrictingOrganizationGivesItTheOrganizations()
    {
        var changes = await _ports.OrganizationRules.ForChangeAsync(TeamIn("org-1"), new TeamSettings { Models = [], TeamAlias = "kept" }, CancellationToken.None);

        Assert.That(changes.Models, Is.EqualTo(new[] { "gpt-4o", "claude" }));
        Assert.That(changes.TeamAlias, Is.EqualTo("kept"));
    }

    [Test]
    public async Task ResendingTheOrganizationItIsInIsNoMove()
    {
        // A member outside the organization (stored before the rule) does not block a change that does not move the team.
        var changes = new TeamSettings { OrganizationId = "org-1", TeamAlias = "Lab" };

        Assert.That(await _ports.OrganizationRules.ForChangeAsync(TeamIn("org-1", ("zed", TeamRole.User)), changes, CancellationToken.None), Is.SameAs(changes));
    }

    [Test]
    public async Task ATeamOfAnOrganizationIdThatNamesNoOrganizationKeepsItUnchecked()
    {
        var changes = new TeamSettings { MaxBudget = 1e9, Models = ["anything"] };

        Assert.That(await _ports.OrganizationRules.ForChangeAsync(TeamIn("legacy-org"), changes, CancellationToken.None), Is.SameAs(changes));
    }

    [Test]
    public async Task MovingATeamThatFitsIntoAnOrganizationOfAllItsMembersIsApplied()
    {
        var changes = new TeamSettings { OrganizationId = "org-1" };

        Assert.That(await _ports.OrganizationRules.ForChangeAsync(TeamIn(null, ("ada", TeamRole.Admin), ("bo", TeamRole.User)), changes, CancellationToken.None), Is.SameAs(changes));
    }

    [Test]
    public void MovingATeamIntoAnUnknownOrganizationIsNotFound()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () =>
            await _ports.OrganizationRules.ForChangeAsync(TeamIn("org-1"), new TeamSettings { OrganizationId = "ghost" }, CancellationToken.None));

        Assert.That(missing!.Message, Is.EqualTo("Organization not found, passed organization_id=ghost"));
        Assert.That(missing.Param, Is.EqualTo("organization_id"));
    }

    [Test]
    public void MovingATeamWithAMemberOutsideTheOrganizationIsForbiddenNamingTheUser()
    {
        var refused = Assert.ThrowsAsync<ForbiddenAccessException>(async () => await _ports.OrganizationRules.ForChangeAsync(
            TeamIn(null, ("ada", TeamRole.Admin), ("zed", TeamRole.User)), new TeamSettings { OrganizationId = "org-1" }, CancellationToken.None));

        Assert.That(refused!.Param, Is.EqualTo("organization_id"));
        Assert.That(refused.Message, Is.EqualTo("Cannot move team to organization. Team has user_id ['zed'] that is not a member of the organization."));
    }

    [Test]
    public void MovingATeamJudgesTheLimitsItWouldHaveAfterTheChange()
    {
        var refused = Assert.ThrowsAsync<ForbiddenAccessException>(async () => await _ports.OrganizationRules.ForChangeAsync(
            TeamIn("open"), new TeamSettings { OrganizationId = "org-1", MaxBudget = 150 }, CancellationToken.None));

        Assert.That(refused!.Message, Is.EqualTo("Cannot move team to organization. Team has max_budget 150 that is greater than the organization's max_budget 100."));
    }

    [Test]
    public void MovingATeamOfEveryModelIntoARestrictingOrganizationIsForbidden()
    {
        var refused = Assert.ThrowsAsync<ForbiddenAccessException>(async () => await _ports.OrganizationRules.ForChangeAsync(
            TeamIn(null), new TeamSettings { OrganizationId = "org-1", Models = [] }, CancellationToken.None));

        Assert.That(refused!.Message, Is.EqualTo("Cannot move team to organization. Team has access to all proxy models, but the organization does not."));
    }

    // ---- EnsureMayJoinAsync

    [Test]
    public void AnyoneMayJoinATeamOutsideEveryOrganization() =>
        Assert.That(async () => await _ports.OrganizationRules.EnsureMayJoinAsync(TeamIn(null), "zed", CancellationToken.None), Throws.Nothing);

    [Test]
    public void AMemberOfTheOrganizationMayJoinItsTeam() =>
        Assert.That(async () => await _ports.OrganizationRules.EnsureMayJoinAsync(TeamIn("org-1"), "bo", CancellationToken.None), Throws.Nothing);

    [Test]
    public void AUserOutsideTheOrganizationMayNotJoinItsTeam()
    {
        var refused = Assert.ThrowsAsync<ForbiddenAccessException>(async () => await _ports.OrganizationRules.EnsureMayJoinAsync(TeamIn("org-1"), "zed", CancellationToken.None));

        Assert.That(refused!.Param, Is.EqualTo("member"));
        Assert.That(refused.Message, Does.StartWith("User(s) zed not a member of organization org-1: add them with /organization/member_add first"));
    }

    [Test]
    public void AnyoneMayJoinATeamWhoseOrganizationIdNamesNoOrganization() =>
        Assert.That(async () => await _ports.OrganizationRules.EnsureMayJoinAsync(TeamIn("legacy-org"), "zed", CancellationToken.None), Throws.Nothing);
}
