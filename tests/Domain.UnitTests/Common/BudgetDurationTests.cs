using ProxyAdmin.Domain.Common;

namespace ProxyAdmin.Domain.UnitTests.Common;

public sealed class BudgetDurationTests
{
    private static readonly DateTime Start = new(2026, 1, 31, 12, 0, 0, DateTimeKind.Utc);

    [TestCase("30s", 0, 0, 0, 30)]
    [TestCase("30m", 0, 0, 30, 0)]
    [TestCase("30h", 0, 30, 0, 0)]
    [TestCase("30d", 30, 0, 0, 0)]
    [TestCase("2w", 14, 0, 0, 0)]
    public void FixedUnitsAddTheirLength(string duration, int days, int hours, int minutes, int seconds) =>
        Assert.That(BudgetDuration.AddTo(Start, duration), Is.EqualTo(Start + new TimeSpan(days, hours, minutes, seconds)));

    [Test]
    public void MonthsAreCalendarMonths() =>
        Assert.That(BudgetDuration.AddTo(Start, "1mo"), Is.EqualTo(new DateTime(2026, 2, 28, 12, 0, 0, DateTimeKind.Utc)));

    [TestCase("hourly", 0, 1, 0, 0)]
    [TestCase("daily", 1, 0, 0, 0)]
    [TestCase("weekly", 7, 0, 0, 0)]
    [TestCase("monthly", 30, 0, 0, 0)]
    [TestCase(" Monthly ", 30, 0, 0, 0)]
    [TestCase("DAILY", 1, 0, 0, 0)]
    public void LiteLLMsWordsAreItsFixedLengths(string duration, int days, int hours, int minutes, int seconds)
    {
        Assert.That(BudgetDuration.IsValid(duration), Is.True);
        Assert.That(BudgetDuration.AddTo(Start, duration), Is.EqualTo(Start + new TimeSpan(days, hours, minutes, seconds)));
    }

    [TestCase("365000d")]
    [TestCase("52142w")]
    [TestCase("12000mo")]
    [TestCase("999999h")]
    public void DurationsUpToAThousandYearsAreValidAndComputable(string duration)
    {
        Assert.That(BudgetDuration.IsValid(duration), Is.True);
        Assert.That(BudgetDuration.AddTo(Start, duration), Is.GreaterThan(Start));
    }

    [TestCase("")]
    [TestCase("30")]
    [TestCase("0d")]
    [TestCase("-1d")]
    [TestCase("1y")]
    [TestCase("1.5h")]
    [TestCase(" 30d")]
    [TestCase("1000000d")]
    [TestCase("999999mo")]
    [TestCase("999999w")]
    [TestCase("365001d")]
    [TestCase("12001mo")]
    [TestCase("fortnightly")]
    [TestCase("yearly")]
    [TestCase("month")]
    public void AnythingElseIsInvalid(string duration)
    {
        Assert.That(BudgetDuration.IsValid(duration), Is.False);
        Assert.Throws<DomainRuleException>(() => BudgetDuration.AddTo(Start, duration));
    }
}
