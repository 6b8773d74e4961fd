using Moq;
using ProxyAdmin.Application.Budgets.Queries.ListBudgets;
using ProxyAdmin.Application.UnitTests.TestSupport;

namespace ProxyAdmin.Application.UnitTests.Budgets;

public sealed class ListBudgetsQueryHandlerTests
{
    [Test]
    public async Task ShouldAnswerEveryRowInTheRepositorysOrder()
    {
        var ports = new HandlerPorts();
        ports.Budgets.Setup(r => r.ListAsync(It.IsAny<CancellationToken>()))
            .ReturnsAsync([BudgetFixtures.Budget("old", maxBudget: 1), BudgetFixtures.Budget("new", tpmLimit: 9)]);

        var listed = await new ListBudgetsQueryHandler(ports.Budgets.Object).Handle(new ListBudgetsQuery(), CancellationToken.None);

        Assert.That(listed.Select(b => b.BudgetId), Is.EqualTo(new[] { "old", "new" }));
        Assert.That(listed[1].TpmLimit, Is.EqualTo(9));
    }
}
