using System.Text.Json.Nodes;
using ProxyAdmin.Application.Budgets.Queries.GetBudgetSettings;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Budgets;

namespace ProxyAdmin.Application.UnitTests.Budgets;

public sealed class GetBudgetSettingsQueryHandlerTests
{
    private HandlerPorts _ports = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new HandlerPorts();
        var budget = BudgetFixtures.Budget("b1", maxBudget: 10, tpmLimit: 50);
        budget.Update(new BudgetSettings { BudgetDuration = "1d", ModelMaxBudget = new JsonObject { ["gpt-4o"] = 2 } }, TestData.Stamp);
        _ports.GivenBudgets(budget);
    }

    [Test]
    public async Task ShouldListLiteLlmsSettableFieldsWithTheirValues()
    {
        var settings = await Handle("b1");

        Assert.That(settings.Select(s => (s.FieldName, s.FieldType)), Is.EqualTo(new[]
        {
            ("max_budget", "Float"), ("soft_budget", "Float"), ("max_parallel_requests", "Integer"), ("tpm_limit", "Integer"),
            ("rpm_limit", "Integer"), ("budget_duration", "String"), ("model_max_budget", "Object"),
        }));
        Assert.That(settings.ToDictionary(s => s.FieldName, s => s.FieldValue?.ToJsonString()), Is.EqualTo(new Dictionary<string, string?>
        {
            ["max_budget"] = "10", ["soft_budget"] = null, ["max_parallel_requests"] = null, ["tpm_limit"] = "50",
            ["rpm_limit"] = null, ["budget_duration"] = "\"1d\"", ["model_max_budget"] = """{"gpt-4o":2}""",
        }));
        Assert.That(settings, Has.All.Matches<BudgetSettingDto>(s => s.StoredInDb && s.FieldDefaultValue is null && s.FieldDescription.Length > 0));
    }

    [Test]
    public void ShouldAnswerAnUnknownId404() =>
        Assert.ThrowsAsync<NotFoundException>(async () => await Handle("ghost"));

    private async Task<List<BudgetSettingDto>> Handle(string budgetId) =>
        await new GetBudgetSettingsQueryHandler(_ports.Budgets.Object).Handle(new GetBudgetSettingsQuery(budgetId), CancellationToken.None);
}
