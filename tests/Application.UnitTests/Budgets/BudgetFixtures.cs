using Moq;
using ProxyAdmin.Application.Budgets;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.UnitTests.Budgets;

/// <summary>Budget rows as stored before the test, and what links them.</summary>
public static class BudgetFixtures
{
    public static Budget Budget(string budgetId, double? maxBudget = null, long? tpmLimit = null) =>
        Domain.Budgets.Budget.CreateStandalone(new BudgetSettings { MaxBudget = maxBudget, TpmLimit = tpmLimit }, TestData.Stamp, budgetId);

    public static void GivenLinkingTeams(this Mock<IBudgetRepository> budgets, string budgetId, params Team[] teams) =>
        budgets.Setup(r => r.TeamsOfLinkingProjectsAsync(budgetId, It.IsAny<string?>(), It.IsAny<CancellationToken>())).ReturnsAsync([.. teams]);

    public static void GivenLinks(this Mock<IBudgetRepository> budgets, string budgetId, int total, params BudgetLink[] named)
    {
        budgets.Setup(r => r.ListLinksAsync(budgetId, It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync([.. named]);
        budgets.Setup(r => r.CountLinksAsync(budgetId, It.IsAny<CancellationToken>())).ReturnsAsync(total);
    }
}
