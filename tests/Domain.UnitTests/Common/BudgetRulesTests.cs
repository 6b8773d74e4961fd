using ProxyAdmin.Domain.Common;

namespace ProxyAdmin.Domain.UnitTests.Common;

public sealed class BudgetRulesTests
{
    [TestCase(null, null, true)]
    [TestCase(60.0, null, true)]
    [TestCase(null, 50.0, true)]
    [TestCase(40.0, 50.0, true)]
    [TestCase(49.99, 50.0, true)]
    [TestCase(0.0, 0.01, true)]
    [TestCase(50.0, 50.0, false)]
    [TestCase(60.0, 50.0, false)]
    [TestCase(0.0, 0.0, false)]
    public void ASoftBudgetMustBeStrictlyBelowTheMaxWhenBothAreSet(double? softBudget, double? maxBudget, bool expected) =>
        Assert.That(BudgetRules.IsSoftBelowMax(softBudget, maxBudget), Is.EqualTo(expected));

    [Test]
    public void EnsuringRefusesASoftBudgetAboveTheMaxWithLiteLlmsMessage()
    {
        var refused = Assert.Throws<DomainRuleException>(() => BudgetRules.EnsureSoftBelowMax(60, 50));

        Assert.That(refused.Param, Is.EqualTo("soft_budget"));
        Assert.That(refused.Message, Is.EqualTo("soft_budget (60) must be strictly lower than max_budget (50)"));
    }

    [Test]
    public void EnsuringRefusesASoftBudgetEqualToTheMax()
    {
        var refused = Assert.Throws<DomainRuleException>(() => BudgetRules.EnsureSoftBelowMax(50, 50));

        Assert.That(refused.Message, Is.EqualTo("soft_budget (50) must be strictly lower than max_budget (50)"));
    }

    [Test]
    public void TheMessageShowsFractionalAmountsWithAPoint() =>
        Assert.That(BudgetRules.SoftNotBelowMaxMessage(60.5, 50.25), Is.EqualTo("soft_budget (60.5) must be strictly lower than max_budget (50.25)"));

    [TestCase(null, null)]
    [TestCase(60.0, null)]
    [TestCase(null, 50.0)]
    [TestCase(40.0, 50.0)]
    public void EnsuringAcceptsEverythingElse(double? softBudget, double? maxBudget) =>
        Assert.That(() => BudgetRules.EnsureSoftBelowMax(softBudget, maxBudget), Throws.Nothing);
}
