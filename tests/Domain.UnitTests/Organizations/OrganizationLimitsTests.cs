using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Organizations;
using ProxyAdmin.Domain.Teams;
using ProxyAdmin.Domain.UnitTests.TestSupport;

namespace ProxyAdmin.Domain.UnitTests.Organizations;

public sealed class OrganizationLimitsTests
{
    private const string MovePrefix = "Cannot move team to organization.";

    /// <summary>An organization allowing gpt-4o and claude, with a budget row of max_budget 100, tpm 1000, rpm 10; ada and bo are members.</summary>
    private static Organization Limited()
    {
        var organization = Organization(["gpt-4o", "claude"], maxBudget: 100, tpmLimit: 1000, rpmLimit: 10);
        organization.AddMember(new OrganizationMember("ada", OrganizationRole.OrgAdmin, Stamps.Created), Stamps.Created);
        organization.AddMember(new OrganizationMember("bo", OrganizationRole.InternalUser, Stamps.Created), Stamps.Created);
        return organization;
    }

    private static Organization Organization(List<string>? models = null, double? maxBudget = null, long? tpmLimit = null, long? rpmLimit = null) =>
        Domain.Organizations.Organization.Create(
            "org-1",
            new OrganizationSettings { OrganizationAlias = "Acme", Models = models },
            Budget.Create(new BudgetSettings { MaxBudget = maxBudget, TpmLimit = tpmLimit, RpmLimit = rpmLimit }, Stamps.Created),
            Stamps.Created);

    private static Team Team(string teamId, List<string>? models = null, double? maxBudget = null, long? tpmLimit = null, long? rpmLimit = null) =>
        Domain.Teams.Team.Create(teamId, new TeamSettings { Models = models, MaxBudget = maxBudget, TpmLimit = tpmLimit, RpmLimit = rpmLimit }, Stamps.Created);

    private static readonly object[] UnrestrictedModels = [new object[] { Array.Empty<string>() }, new object[] { new[] { "all-proxy-models" } }];

    // ---- ModelsFor

    [Test]
    public void ATeamNamingNoModelsGetsACopyOfTheOrganizationsList()
    {
        var organization = Limited();

        var models = OrganizationLimits.ModelsFor(organization, []);

        Assert.That(models, Is.EqualTo(new[] { "gpt-4o", "claude" }));
        Assert.That(models, Is.Not.SameAs(organization.Models), "the team's list is its own: changing one never changes the other");
    }

    [Test]
    public void ATeamNamingModelsKeepsItsOwnList()
    {
        List<string> teamModels = ["claude"];

        Assert.That(OrganizationLimits.ModelsFor(Limited(), teamModels), Is.SameAs(teamModels));
    }

    [TestCaseSource(nameof(UnrestrictedModels))]
    public void AnOrganizationThatRestrictsNothingGivesATeamNothing(string[] organizationModels)
    {
        List<string> teamModels = [];

        Assert.That(OrganizationLimits.ModelsFor(Organization([.. organizationModels]), teamModels), Is.SameAs(teamModels).And.Empty);
    }

    // ---- EnsureTeamWithin

    [Test]
    public void ModelsAndLimitsUpToTheOrganizationsAreAccepted() =>
        Assert.That(() => OrganizationLimits.EnsureTeamWithin(Limited(), ["claude", "gpt-4o"], 100, 1000, 10), Throws.Nothing);

    [Test]
    public void NoLimitsAreAccepted() =>
        Assert.That(() => OrganizationLimits.EnsureTeamWithin(Limited(), ["gpt-4o"], null, null, null), Throws.Nothing);

    [Test]
    public void AModelTheOrganizationDoesNotAllowIsRefusedWithLiteLlmsMessage()
    {
        var refused = Assert.Throws<DomainRuleException>(() => OrganizationLimits.EnsureTeamWithin(Limited(), ["gpt-4o", "mistral", "llama"], null, null, null));

        Assert.That(refused.Param, Is.EqualTo("models"));
        Assert.That(refused.Message, Is.EqualTo("Model 'mistral' not in organization's allowed models. Organization allowed models=['gpt-4o', 'claude']. Organization: org-1"));
    }

    [Test]
    public void AllProxyModelsIsOutsideAnOrganizationThatRestrictsModels()
    {
        var refused = Assert.Throws<DomainRuleException>(() => OrganizationLimits.EnsureTeamWithin(Limited(), ["all-proxy-models"], null, null, null));

        Assert.That(refused.Param, Is.EqualTo("models"));
        Assert.That(refused.Message, Does.StartWith("Model 'all-proxy-models' not in organization's allowed models."));
    }

    [Test]
    public void ModelsAreComparedExactly()
    {
        var refused = Assert.Throws<DomainRuleException>(() => OrganizationLimits.EnsureTeamWithin(Limited(), ["GPT-4o"], null, null, null));

        Assert.That(refused.Message, Does.StartWith("Model 'GPT-4o' not in"));
    }

    [TestCaseSource(nameof(UnrestrictedModels))]
    public void AnOrganizationThatRestrictsNoModelsAcceptsAnyModel(string[] organizationModels) =>
        Assert.That(() => OrganizationLimits.EnsureTeamWithin(Organization([.. organizationModels]), ["mistral", "all-proxy-models"], null, null, null), Throws.Nothing);

    [Test]
    public void AMaxBudgetAboveTheOrganizationsIsRefused()
    {
        var refused = Assert.Throws<DomainRuleException>(() => OrganizationLimits.EnsureTeamWithin(Limited(), ["gpt-4o"], 150, null, null));

        Assert.That(refused.Param, Is.EqualTo("max_budget"));
        Assert.That(refused.Message, Is.EqualTo("Team max_budget (150) exceeds organization's max_budget (100). Organization: org-1"));
    }

    [Test]
    public void ATpmLimitAboveTheOrganizationsIsRefused()
    {
        var refused = Assert.Throws<DomainRuleException>(() => OrganizationLimits.EnsureTeamWithin(Limited(), ["gpt-4o"], null, 1001, null));

        Assert.That(refused.Param, Is.EqualTo("tpm_limit"));
        Assert.That(refused.Message, Is.EqualTo("Team tpm_limit (1001) exceeds organization's tpm_limit (1000). Organization: org-1"));
    }

    [Test]
    public void AnRpmLimitAboveTheOrganizationsIsRefused()
    {
        var refused = Assert.Throws<DomainRuleException>(() => OrganizationLimits.EnsureTeamWithin(Limited(), ["gpt-4o"], null, null, 11));

        Assert.That(refused.Param, Is.EqualTo("rpm_limit"));
        Assert.That(refused.Message, Is.EqualTo("Team rpm_limit (11) exceeds organization's rpm_limit (10). Organization: org-1"));
    }

    [Test]
    public void TheModelsAreJudgedBeforeTheLimits()
    {
        var refused = Assert.Throws<DomainRuleException>(() => OrganizationLimits.EnsureTeamWithin(Limited(), ["mistral"], 150, 1001, 11));

        Assert.That(refused.Param, Is.EqualTo("models"));
    }

    [Test]
    public void AnOrganizationWithoutLimitsAcceptsAnyLimit() =>
        Assert.That(() => OrganizationLimits.EnsureTeamWithin(Organization(), ["anything"], 1e9, long.MaxValue, long.MaxValue), Throws.Nothing);

    // ---- RefusalToJoin

    [Test]
    public void ATeamThatFitsAndWhoseMembersAreAllInTheOrganizationMayJoin() =>
        Assert.That(OrganizationLimits.RefusalToJoin(Limited(), ["gpt-4o"], 100, 1000, 10, ["ada", "bo"]), Is.Null);

    [Test]
    public void ATeamWithoutMembersOrLimitsMayJoin() =>
        Assert.That(OrganizationLimits.RefusalToJoin(Limited(), ["claude"], null, null, null, []), Is.Null);

    [TestCaseSource(nameof(UnrestrictedModels))]
    public void ATeamWithEveryModelMayNotJoinAnOrganizationThatRestrictsModels(string[] teamModels) =>
        Assert.That(
            OrganizationLimits.RefusalToJoin(Limited(), [.. teamModels], null, null, null, []),
            Is.EqualTo($"{MovePrefix} Team has access to all proxy models, but the organization does not."));

    [TestCaseSource(nameof(UnrestrictedModels))]
    public void ATeamWithEveryModelMayJoinAnOrganizationThatRestrictsNone(string[] teamModels) =>
        Assert.That(OrganizationLimits.RefusalToJoin(Organization(), [.. teamModels], null, null, null, []), Is.Null);

    [Test]
    public void ATeamWithAModelTheOrganizationDoesNotAllowMayNotJoin() =>
        Assert.That(
            OrganizationLimits.RefusalToJoin(Limited(), ["claude", "mistral"], null, null, null, []),
            Is.EqualTo($"{MovePrefix} Team has access to model 'mistral', which the organization does not allow. Organization allowed models=['gpt-4o', 'claude']."));

    [Test]
    public void ATeamWithAMaxBudgetAboveTheOrganizationsMayNotJoin() =>
        Assert.That(
            OrganizationLimits.RefusalToJoin(Limited(), ["gpt-4o"], 150, null, null, []),
            Is.EqualTo($"{MovePrefix} Team has max_budget 150 that is greater than the organization's max_budget 100."));

    [Test]
    public void ATeamWithMembersOutsideTheOrganizationMayNotJoinAndTheyAreAllNamed() =>
        Assert.That(
            OrganizationLimits.RefusalToJoin(Limited(), ["gpt-4o"], null, null, null, ["ada", "zed", "bo", "yan"]),
            Is.EqualTo($"{MovePrefix} Team has user_id ['zed', 'yan'] that is not a member of the organization."));

    [Test]
    public void ATeamWithATpmLimitAboveTheOrganizationsMayNotJoin() =>
        Assert.That(
            OrganizationLimits.RefusalToJoin(Limited(), ["gpt-4o"], null, 1001, null, []),
            Is.EqualTo($"{MovePrefix} Team has tpm_limit 1001 that is greater than the organization's tpm_limit 1000."));

    [Test]
    public void ATeamWithAnRpmLimitAboveTheOrganizationsMayNotJoin() =>
        Assert.That(
            OrganizationLimits.RefusalToJoin(Limited(), ["gpt-4o"], null, null, 11, []),
            Is.EqualTo($"{MovePrefix} Team has rpm_limit 11 that is greater than the organization's rpm_limit 10."));

    [Test]
    public void TheRefusalsComeInLiteLlmsOrderModelsBudgetMembersTpmRpm()
    {
        var organization = Limited();

        Assert.That(OrganizationLimits.RefusalToJoin(organization, ["mistral"], 150, 1001, 11, ["zed"]), Does.Contain("model 'mistral'"));
        Assert.That(OrganizationLimits.RefusalToJoin(organization, ["gpt-4o"], 150, 1001, 11, ["zed"]), Does.Contain("max_budget 150"));
        Assert.That(OrganizationLimits.RefusalToJoin(organization, ["gpt-4o"], 100, 1001, 11, ["zed"]), Does.Contain("user_id ['zed']"));
        Assert.That(OrganizationLimits.RefusalToJoin(organization, ["gpt-4o"], 100, 1001, 11, ["ada"]), Does.Contain("tpm_limit 1001"));
        Assert.That(OrganizationLimits.RefusalToJoin(organization, ["gpt-4o"], 100, 1000, 11, ["ada"]), Does.Contain("rpm_limit 11"));
    }

    [Test]
    public void AnOrganizationWithoutLimitsOnlyAsksForItsMembers()
    {
        var organization = Organization();

        Assert.That(OrganizationLimits.RefusalToJoin(organization, ["anything"], 1e9, long.MaxValue, long.MaxValue, []), Is.Null);
        Assert.That(OrganizationLimits.RefusalToJoin(organization, [], null, null, null, ["zed"]), Does.Contain("user_id ['zed']"));
    }

    // ---- EnsureTeamsFit

    [Test]
    public void TeamsWithinTheOrganizationFit() =>
        Assert.That(
            () => OrganizationLimits.EnsureTeamsFit(Limited(), [Team("t1", ["gpt-4o"], 100, 1000, 10), Team("t2", ["claude"])]),
            Throws.Nothing);

    [Test]
    public void NoTeamsAlwaysFit() =>
        Assert.That(() => OrganizationLimits.EnsureTeamsFit(Organization(["gpt-4o"], 0, 0, 0), []), Throws.Nothing);

    [TestCaseSource(nameof(UnrestrictedModels))]
    public void RestrictingTheModelsOfAnOrganizationWithATeamOfEveryModelIsRefused(string[] teamModels)
    {
        var refused = Assert.Throws<DomainRuleException>(() => OrganizationLimits.EnsureTeamsFit(Limited(), [Team("t1", ["gpt-4o"]), Team("t2", [.. teamModels])]));

        Assert.That(refused.Param, Is.EqualTo("models"));
        Assert.That(refused.Message, Is.EqualTo("Team t2 of the organization may use every model; restrict its models before restricting the organization's."));
    }

    [Test]
    public void DroppingAModelATeamUsesIsRefused()
    {
        var refused = Assert.Throws<DomainRuleException>(() => OrganizationLimits.EnsureTeamsFit(Limited(), [Team("t1", ["claude", "mistral"])]));

        Assert.That(refused.Param, Is.EqualTo("models"));
        Assert.That(refused.Message, Is.EqualTo("Team t1 uses model 'mistral', which the organization's models would no longer include; remove it from the team first."));
    }

    [TestCaseSource(nameof(UnrestrictedModels))]
    public void AnOrganizationThatRestrictsNoModelsFitsTeamsOfAnyModels(string[] organizationModels) =>
        Assert.That(() => OrganizationLimits.EnsureTeamsFit(Organization([.. organizationModels]), [Team("t1"), Team("t2", ["mistral"])]), Throws.Nothing);

    [Test]
    public void LoweringTheOrganizationsBudgetBelowATeamsIsRefused()
    {
        var refused = Assert.Throws<DomainRuleException>(() => OrganizationLimits.EnsureTeamsFit(Organization(maxBudget: 50), [Team("t1", maxBudget: 50), Team("t2", maxBudget: 60)]));

        Assert.That(refused.Param, Is.EqualTo("max_budget"));
        Assert.That(refused.Message, Is.EqualTo("Organization max_budget (50) would be below the max_budget of its team t2 (60); lower the team's first."));
    }

    [Test]
    public void AnOrganizationBudgetRowWithoutLimitsFitsTeamsOfAnyLimit() =>
        Assert.That(() => OrganizationLimits.EnsureTeamsFit(Organization(), [Team("t1", maxBudget: 1e9, tpmLimit: long.MaxValue, rpmLimit: long.MaxValue)]), Throws.Nothing);

    // ---- EnsureCovers

    [Test]
    public void LimitsAtOrAboveTheTeamsCoverIt() =>
        Assert.That(() => OrganizationLimits.EnsureCovers(Team("t1", maxBudget: 100, tpmLimit: 1000, rpmLimit: 10), 100, 1001, 10), Throws.Nothing);

    [Test]
    public void NoLimitCoversEverything() =>
        Assert.That(() => OrganizationLimits.EnsureCovers(Team("t1", maxBudget: 100, tpmLimit: 1000, rpmLimit: 10), null, null, null), Throws.Nothing);

    [Test]
    public void ATeamWithoutLimitsIsCoveredByAnyLimit() =>
        Assert.That(() => OrganizationLimits.EnsureCovers(Team("t1"), 0, 0, 0), Throws.Nothing);

    [TestCase(99d, null, null, "max_budget", "Organization max_budget (99) would be below the max_budget of its team t1 (100); lower the team's first.")]
    [TestCase(null, 999L, null, "tpm_limit", "Organization tpm_limit (999) would be below the tpm_limit of its team t1 (1000); lower the team's first.")]
    [TestCase(null, null, 9L, "rpm_limit", "Organization rpm_limit (9) would be below the rpm_limit of its team t1 (10); lower the team's first.")]
    public void ALimitBelowTheTeamsIsRefused(double? maxBudget, long? tpmLimit, long? rpmLimit, string field, string message)
    {
        var refused = Assert.Throws<DomainRuleException>(() => OrganizationLimits.EnsureCovers(Team("t1", maxBudget: 100, tpmLimit: 1000, rpmLimit: 10), maxBudget, tpmLimit, rpmLimit));

        Assert.That(refused.Param, Is.EqualTo(field));
        Assert.That(refused.Message, Is.EqualTo(message));
    }
}
