using System.Text.Json.Nodes;
using ProxyAdmin.Domain.Budgets;

namespace ProxyAdmin.Domain.UnitTests.Budgets;

public sealed class BudgetSettingsTests
{
    private static IEnumerable<TestCaseData> OneFieldEach()
    {
        yield return new TestCaseData(new BudgetSettings { MaxBudget = 0 }).SetArgDisplayNames("max_budget");
        yield return new TestCaseData(new BudgetSettings { SoftBudget = 0 }).SetArgDisplayNames("soft_budget");
        yield return new TestCaseData(new BudgetSettings { MaxParallelRequests = 0 }).SetArgDisplayNames("max_parallel_requests");
        yield return new TestCaseData(new BudgetSettings { TpmLimit = 0 }).SetArgDisplayNames("tpm_limit");
        yield return new TestCaseData(new BudgetSettings { RpmLimit = 0 }).SetArgDisplayNames("rpm_limit");
        yield return new TestCaseData(new BudgetSettings { ModelMaxBudget = [] }).SetArgDisplayNames("model_max_budget");
        yield return new TestCaseData(new BudgetSettings { BudgetDuration = "1d" }).SetArgDisplayNames("budget_duration");
        yield return new TestCaseData(new BudgetSettings { BudgetResetAt = DateTime.UnixEpoch }).SetArgDisplayNames("budget_reset_at");
    }

    [Test]
    public void SettingsWithNoFieldAreEmpty() => Assert.That(new BudgetSettings().IsEmpty, Is.True);

    [TestCaseSource(nameof(OneFieldEach))]
    public void AnySingleFieldMakesThemNonEmpty(BudgetSettings settings) => Assert.That(settings.IsEmpty, Is.False);

    [Test]
    public void EveryFieldIsConsideredByIsEmpty()
    {
        var fields = typeof(BudgetSettings).GetProperties().Where(p => p.Name != nameof(BudgetSettings.IsEmpty)).Select(p => p.Name);

        Assert.That(OneFieldEach().Count(), Is.EqualTo(fields.Count()), "a field added to BudgetSettings needs a case above");
    }

    [Test]
    public void AnEmptyModelBudgetMapStillCountsAsGiven() =>
        Assert.That(new BudgetSettings { ModelMaxBudget = new JsonObject() }.IsEmpty, Is.False);
}
