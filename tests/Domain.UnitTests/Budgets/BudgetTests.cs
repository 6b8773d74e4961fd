using System.Text.Json.Nodes;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.UnitTests.TestSupport;

namespace ProxyAdmin.Domain.UnitTests.Budgets;

public sealed class BudgetTests
{
    private static readonly DateTime ResetAfterOneWeek = new(2026, 2, 7, 12, 0, 0, DateTimeKind.Utc);

    private static BudgetSettings FullSettings() => new()
    {
        MaxBudget = 100,
        SoftBudget = 80,
        MaxParallelRequests = 4,
        TpmLimit = 1000,
        RpmLimit = 10,
        ModelMaxBudget = new JsonObject { ["gpt-4o"] = 10, ["claude"] = 20 },
        BudgetDuration = "1w",
    };

    private static Budget FullBudget() => Budget.Create(FullSettings(), Stamps.Created);

    [Test]
    public void CreatingTakesTheSettingsAndStamp()
    {
        var budget = FullBudget();

        Assert.That(budget.MaxBudget, Is.EqualTo(100));
        Assert.That(budget.SoftBudget, Is.EqualTo(80));
        Assert.That(budget.MaxParallelRequests, Is.EqualTo(4));
        Assert.That(budget.TpmLimit, Is.EqualTo(1000));
        Assert.That(budget.RpmLimit, Is.EqualTo(10));
        Assert.That(budget.ModelMaxBudget!.ToJsonString(), Is.EqualTo("""{"gpt-4o":10,"claude":20}"""));
        Assert.That(budget.BudgetDuration, Is.EqualTo("1w"));
        Assert.That(budget.BudgetResetAt, Is.EqualTo(ResetAfterOneWeek));
        Assert.That(budget.CreatedAt, Is.EqualTo(Stamps.At));
        Assert.That(budget.CreatedBy, Is.EqualTo("alice"));
        Assert.That(budget.UpdatedAt, Is.EqualTo(Stamps.At));
        Assert.That(budget.UpdatedBy, Is.EqualTo("alice"));
    }

    [Test]
    public void EveryBudgetGetsANewGuidId()
    {
        var first = FullBudget();
        var second = FullBudget();

        Assert.That(Guid.TryParse(first.BudgetId, out _), Is.True, first.BudgetId);
        Assert.That(second.BudgetId, Is.Not.EqualTo(first.BudgetId));
    }

    [Test]
    public void AStandaloneRowKeepsAnIdTheCallerChoseOrGetsAGuid()
    {
        var chosen = Budget.CreateStandalone(new BudgetSettings(), Stamps.Created, "team-alpha-monthly");
        var generated = Budget.CreateStandalone(new BudgetSettings(), Stamps.Created, budgetId: null);

        Assert.That(chosen.BudgetId, Is.EqualTo("team-alpha-monthly"));
        Assert.That(Guid.TryParse(generated.BudgetId, out _), Is.True);
        Assert.That(chosen.Standalone && generated.Standalone, Is.True);
    }

    [Test]
    public void ARowAnObjectDescribesIsNotStandalone() =>
        Assert.That(Budget.Create(new BudgetSettings { MaxBudget = 1 }, Stamps.Created).Standalone, Is.False);

    [Test]
    public void AnExplicitResetInstantWinsOverTheDurationsFirstPeriod()
    {
        var resetAt = new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        var budget = Budget.Create(new BudgetSettings { BudgetDuration = "7d", BudgetResetAt = resetAt }, Stamps.Created);
        Assert.That(budget.BudgetResetAt, Is.EqualTo(resetAt));

        budget.Update(new BudgetSettings { BudgetResetAt = resetAt.AddDays(1) }, Stamps.Updated);
        Assert.That(budget.BudgetResetAt, Is.EqualTo(resetAt.AddDays(1)));
        Assert.That(budget.BudgetDuration, Is.EqualTo("7d"), "the period length stays");
    }

    [Test]
    public void AnEmptyBudgetHasNoLimits()
    {
        var budget = Budget.Create(new BudgetSettings(), Stamps.Created);

        Assert.That(budget.MaxBudget, Is.Null);
        Assert.That(budget.SoftBudget, Is.Null);
        Assert.That(budget.ModelMaxBudget, Is.Null);
        Assert.That(budget.BudgetDuration, Is.Null);
        Assert.That(budget.BudgetResetAt, Is.Null);
    }

    [Test]
    public void CreatingRefusesASoftBudgetNotBelowTheMax()
    {
        var refused = Assert.Throws<DomainRuleException>(() => Budget.Create(new BudgetSettings { MaxBudget = 50, SoftBudget = 60 }, Stamps.Created));

        Assert.That(refused.Param, Is.EqualTo("soft_budget"));
        Assert.That(refused.Message, Is.EqualTo("soft_budget (60) must be strictly lower than max_budget (50)"));
    }

    [Test]
    public void CreatingKeepsNoModelBudgetSentAsNull()
    {
        var budget = Budget.Create(new BudgetSettings { ModelMaxBudget = new JsonObject { ["gpt-4o"] = 10, ["claude"] = null } }, Stamps.Created);

        Assert.That(budget.ModelMaxBudget!.ToJsonString(), Is.EqualTo("""{"gpt-4o":10}"""), "a null entry removes that model's budget, also when none was stored yet");
    }

    [Test]
    public void UpdatingAppliesOnlyTheFieldsGiven()
    {
        var budget = FullBudget();

        budget.Update(new BudgetSettings { RpmLimit = 5 }, Stamps.Updated);

        Assert.That(budget.RpmLimit, Is.EqualTo(5));
        AssertUnchangedExceptRpm(budget);
        AssertTouchedByTheUpdate(budget);
    }

    [Test]
    public void UpdatingReplacesEveryFieldGiven()
    {
        var budget = FullBudget();

        budget.Update(new BudgetSettings { MaxBudget = 200, SoftBudget = 150, MaxParallelRequests = 1, TpmLimit = 5, RpmLimit = 6, BudgetDuration = "1d" }, Stamps.Updated);

        Assert.That(budget.MaxBudget, Is.EqualTo(200));
        Assert.That(budget.SoftBudget, Is.EqualTo(150));
        Assert.That(budget.MaxParallelRequests, Is.EqualTo(1));
        Assert.That(budget.TpmLimit, Is.EqualTo(5));
        Assert.That(budget.RpmLimit, Is.EqualTo(6));
        Assert.That(budget.BudgetDuration, Is.EqualTo("1d"));
        Assert.That(budget.BudgetResetAt, Is.EqualTo(new DateTime(2026, 2, 2, 8, 30, 0, DateTimeKind.Utc)));
    }

    [Test]
    public void UpdatingMergesModelBudgetsAndANullRemovesOne()
    {
        var budget = FullBudget();

        budget.Update(new BudgetSettings { ModelMaxBudget = new JsonObject { ["claude"] = null, ["gpt-4o"] = 15, ["mistral"] = new JsonObject { ["max_budget"] = 5 } } }, Stamps.Updated);

        Assert.That(budget.ModelMaxBudget!.ToJsonString(), Is.EqualTo("""{"gpt-4o":15,"mistral":{"max_budget":5}}"""));
    }

    [Test]
    public void UpdatingTheFirstModelBudgetsStoresThem()
    {
        var budget = Budget.Create(new BudgetSettings(), Stamps.Created);

        budget.Update(new BudgetSettings { ModelMaxBudget = new JsonObject { ["gpt-4o"] = 10 } }, Stamps.Updated);

        Assert.That(budget.ModelMaxBudget!.ToJsonString(), Is.EqualTo("""{"gpt-4o":10}"""));
    }

    [Test]
    public void UpdatingTheSoftBudgetIsCheckedAgainstTheStoredMax()
    {
        var budget = FullBudget();

        var refused = Assert.Throws<DomainRuleException>(() => budget.Update(new BudgetSettings { SoftBudget = 120 }, Stamps.Updated));

        Assert.That(refused.Message, Is.EqualTo("soft_budget (120) must be strictly lower than max_budget (100)"));
    }

    [Test]
    public void UpdatingTheMaxBudgetIsCheckedAgainstTheStoredSoftBudget()
    {
        var budget = FullBudget();

        var refused = Assert.Throws<DomainRuleException>(() => budget.Update(new BudgetSettings { MaxBudget = 80 }, Stamps.Updated));

        Assert.That(refused.Param, Is.EqualTo("soft_budget"));
        Assert.That(refused.Message, Is.EqualTo("soft_budget (80) must be strictly lower than max_budget (80)"));
    }

    [Test]
    public void ARefusedUpdateLeavesTheBudgetUnchanged()
    {
        var budget = FullBudget();

        Assert.Throws<DomainRuleException>(() => budget.Update(
            new BudgetSettings
            {
                MaxBudget = 50,
                MaxParallelRequests = 1,
                TpmLimit = 1,
                RpmLimit = 1,
                ModelMaxBudget = new JsonObject { ["gpt-4o"] = null, ["mistral"] = 1 },
                BudgetDuration = "1d",
            },
            Stamps.Updated));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(budget.MaxBudget, Is.EqualTo(100));
            Assert.That(budget.RpmLimit, Is.EqualTo(10));
            AssertUnchangedExceptRpm(budget);
            Assert.That(budget.UpdatedAt, Is.EqualTo(Stamps.At));
            Assert.That(budget.UpdatedBy, Is.EqualTo("alice"));
        }
    }

    private static void AssertUnchangedExceptRpm(Budget budget)
    {
        Assert.That(budget.MaxBudget, Is.EqualTo(100));
        Assert.That(budget.SoftBudget, Is.EqualTo(80));
        Assert.That(budget.MaxParallelRequests, Is.EqualTo(4));
        Assert.That(budget.TpmLimit, Is.EqualTo(1000));
        Assert.That(budget.ModelMaxBudget!.ToJsonString(), Is.EqualTo("""{"gpt-4o":10,"claude":20}"""));
        Assert.That(budget.BudgetDuration, Is.EqualTo("1w"));
        Assert.That(budget.BudgetResetAt, Is.EqualTo(ResetAfterOneWeek));
        Assert.That(budget.CreatedAt, Is.EqualTo(Stamps.At));
        Assert.That(budget.CreatedBy, Is.EqualTo("alice"));
    }

    private static void AssertTouchedByTheUpdate(Budget budget)
    {
        Assert.That(budget.UpdatedAt, Is.EqualTo(Stamps.Later));
        Assert.That(budget.UpdatedBy, Is.EqualTo("bob"));
    }
}
