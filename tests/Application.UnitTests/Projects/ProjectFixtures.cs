using Moq;
using ProxyAdmin.Application.Budgets;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Projects;
using ProxyAdmin.Domain.Common;

namespace ProxyAdmin.Application.UnitTests.Projects;

/// <summary>Projects and budget rows as stored before the test.</summary>
public static class ProjectFixtures
{
    public static Budget Budget(double? maxBudget = null, long? tpmLimit = null, long? rpmLimit = null, double? softBudget = null) =>
        Domain.Budgets.Budget.Create(
            new BudgetSettings { MaxBudget = maxBudget, TpmLimit = tpmLimit, RpmLimit = rpmLimit, SoftBudget = softBudget },
            TestData.Stamp);

    public static Project Project(string projectId, string teamId, Budget? budget = null, ProjectSettings? settings = null, int minutesAfterEarlier = 0)
    {
        var project = Domain.Projects.Project.Create(projectId, teamId, settings ?? new ProjectSettings(), new AuditStamp(TestData.CreatedBy, TestData.Earlier.AddMinutes(minutesAfterEarlier)));
        if (budget is not null)
        {
            project.LinkBudget(budget);
        }

        return project;
    }

    public static void GivenBudgets(this Mock<IBudgetRepository> budgets, params Budget[] rows)
    {
        foreach (var row in rows)
        {
            budgets.Setup(r => r.GetAsync(row.BudgetId, It.IsAny<CancellationToken>())).ReturnsAsync(row);
        }
    }

}
