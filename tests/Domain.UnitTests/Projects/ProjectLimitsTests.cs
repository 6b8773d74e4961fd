using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Projects;
using ProxyAdmin.Domain.Teams;
using ProxyAdmin.Domain.UnitTests.TestSupport;

namespace ProxyAdmin.Domain.UnitTests.Projects;

public sealed class ProjectLimitsTests
{
    private static readonly Team Limited = Team.Create(
        "t1",
        new TeamSettings { Models = ["gpt-4o", "claude"], MaxBudget = 100, TpmLimit = 1000, RpmLimit = 10 },
        Stamps.Created);

    private static Budget Linked(double? maxBudget = null, long? tpmLimit = null, long? rpmLimit = null) =>
        Budget.Create(new BudgetSettings { MaxBudget = maxBudget, TpmLimit = tpmLimit, RpmLimit = rpmLimit }, Stamps.Created);

    [Test]
    public void ModelsTheTeamHasAndLimitsUpToTheTeamsAreAccepted() =>
        Assert.That(() => ProjectLimits.EnsureWithin(Limited, ["claude", "gpt-4o"], 100, 1000, 10), Throws.Nothing);

    [Test]
    public void NoModelsAndNoLimitsAreAccepted() =>
        Assert.That(() => ProjectLimits.EnsureWithin(Limited, [], null, null, null), Throws.Nothing);

    [Test]
    public void AModelTheTeamDoesNotHaveIsRefusedWithLiteLlmsMessage()
    {
        var refused = Assert.Throws<DomainRuleException>(() => ProjectLimits.EnsureWithin(Limited, ["gpt-4o", "mistral"], null, null, null));

        Assert.That(refused.Param, Is.EqualTo("models"));
        Assert.That(refused.Message, Is.EqualTo("Model 'mistral' not in team's allowed models. Team allowed models=['gpt-4o', 'claude']. Team: t1"));
    }

    private static readonly object[] UnrestrictedTeamModels = [new object[] { Array.Empty<string>() }, new object[] { new[] { "all-proxy-models" } }];

    [TestCaseSource(nameof(UnrestrictedTeamModels))]
    public void ATeamThatAllowsAllModelsAcceptsAnyModel(string[] teamModels)
    {
        var team = Team.Create("t2", new TeamSettings { Models = [.. teamModels] }, Stamps.Created);

        Assert.That(() => ProjectLimits.EnsureWithin(team, ["mistral", "llama"], null, null, null), Throws.Nothing);
    }

    [Test]
    public void AMaxBudgetAboveTheTeamsIsRefused()
    {
        var refused = Assert.Throws<DomainRuleException>(() => ProjectLimits.EnsureWithin(Limited, [], 150, null, null));

        Assert.That(refused.Param, Is.EqualTo("max_budget"));
        Assert.That(refused.Message, Is.EqualTo("Project max_budget (150) exceeds team's max_budget (100). Team: t1"));
    }

    [Test]
    public void ATpmLimitAboveTheTeamsIsRefused()
    {
        var refused = Assert.Throws<DomainRuleException>(() => ProjectLimits.EnsureWithin(Limited, [], null, 1001, null));

        Assert.That(refused.Param, Is.EqualTo("tpm_limit"));
        Assert.That(refused.Message, Is.EqualTo("Project tpm_limit (1001) exceeds team's tpm_limit (1000). Team: t1"));
    }

    [Test]
    public void AnRpmLimitAboveTheTeamsIsRefused()
    {
        var refused = Assert.Throws<DomainRuleException>(() => ProjectLimits.EnsureWithin(Limited, [], null, null, 11));

        Assert.That(refused.Param, Is.EqualTo("rpm_limit"));
        Assert.That(refused.Message, Is.EqualTo("Project rpm_limit (11) exceeds team's rpm_limit (10). Team: t1"));
    }

    [Test]
    public void ATeamWithoutLimitsAcceptsAnyLimit()
    {
        var team = Team.Create("t2", new TeamSettings(), Stamps.Created);

        Assert.That(() => ProjectLimits.EnsureWithin(team, ["anything"], 1e9, long.MaxValue, long.MaxValue), Throws.Nothing);
    }

    [Test]
    public void ALinkedBudgetsLimitsCountWhenTheRequestSendsNone()
    {
        Assert.That(
            Assert.Throws<DomainRuleException>(() => ProjectLimits.EnsureWithin(Limited, [], new BudgetSettings(), Linked(maxBudget: 150)))!.Param,
            Is.EqualTo("max_budget"));
        Assert.That(
            Assert.Throws<DomainRuleException>(() => ProjectLimits.EnsureWithin(Limited, [], new BudgetSettings(), Linked(tpmLimit: 2000)))!.Param,
            Is.EqualTo("tpm_limit"));
        Assert.That(
            Assert.Throws<DomainRuleException>(() => ProjectLimits.EnsureWithin(Limited, [], new BudgetSettings(), Linked(rpmLimit: 20)))!.Param,
            Is.EqualTo("rpm_limit"));
    }

    [Test]
    public void TheRequestsValuesWinOverTheLinkedBudgets()
    {
        Assert.That(
            () => ProjectLimits.EnsureWithin(Limited, [], new BudgetSettings { MaxBudget = 50, TpmLimit = 500, RpmLimit = 5 }, Linked(150, 2000, 20)),
            Throws.Nothing);

        var refused = Assert.Throws<DomainRuleException>(
            () => ProjectLimits.EnsureWithin(Limited, [], new BudgetSettings { MaxBudget = 150 }, Linked(maxBudget: 50)));
        Assert.That(refused.Message, Is.EqualTo("Project max_budget (150) exceeds team's max_budget (100). Team: t1"));
    }

    [Test]
    public void WithoutALinkedBudgetOnlyTheRequestCounts()
    {
        Assert.That(() => ProjectLimits.EnsureWithin(Limited, ["claude"], new BudgetSettings { MaxBudget = 100 }, linkedBudget: null), Throws.Nothing);
        Assert.That(
            Assert.Throws<DomainRuleException>(() => ProjectLimits.EnsureWithin(Limited, ["mistral"], new BudgetSettings(), linkedBudget: null))!.Param,
            Is.EqualTo("models"));
    }
}
