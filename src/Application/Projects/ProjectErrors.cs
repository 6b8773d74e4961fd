namespace ProxyAdmin.Application.Projects;

/// <summary>The refusals of the project routes, worded as LiteLLM's project endpoints word them.</summary>
public static class ProjectErrors
{
    public static NotFoundException ProjectNotFound(string projectId) => new($"Project not found, project_id={projectId}", "project_id");

    public static NotFoundException TeamNotFound(string teamId) => new($"Team not found, team_id={teamId}", "team_id");

    public static NotFoundException BudgetNotFound(string budgetId) => new($"Budget not found, budget_id={budgetId}", "budget_id");
}
