using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Domain.Projects;

/// <summary>
/// A project's limits checked against its team's, with LiteLLM's messages: models must be a subset of the
/// team's (unless the team's list restricts nothing), and max_budget, tpm_limit and rpm_limit may not
/// exceed the team's.
/// </summary>
public static class ProjectLimits
{
    /// <summary>
    /// The limits a project will have once a request applies: the budget fields it sends, else those of the
    /// budget row it links (a linked row's limits count as the project's own).
    /// </summary>
    public static void EnsureWithin(Team team, IReadOnlyList<string> models, BudgetSettings requested, Budget? linkedBudget) =>
        EnsureWithin(
            team,
            models,
            requested.MaxBudget ?? linkedBudget?.MaxBudget,
            requested.TpmLimit ?? linkedBudget?.TpmLimit,
            requested.RpmLimit ?? linkedBudget?.RpmLimit);

    public static void EnsureWithin(Team team, IReadOnlyList<string> models, double? maxBudget, long? tpmLimit, long? rpmLimit)
    {
        if (models.Count > 0 && !team.AllowsAllModels)
        {
            var allowed = team.Models.ToHashSet(StringComparer.Ordinal);
            if (models.FirstOrDefault(m => !allowed.Contains(m)) is { } outside)
            {
                throw new DomainRuleException(
                    "models",
                    $"Model '{outside}' not in team's allowed models. Team allowed models=[{string.Join(", ", team.Models.Select(m => $"'{m}'"))}]. Team: {team.TeamId}");
            }
        }

        if (maxBudget is { } projectBudget && team.MaxBudget is { } teamBudget && projectBudget > teamBudget)
        {
            throw new DomainRuleException("max_budget", $"Project max_budget ({projectBudget}) exceeds team's max_budget ({teamBudget}). Team: {team.TeamId}");
        }

        if (tpmLimit is { } projectTpm && team.TpmLimit is { } teamTpm && projectTpm > teamTpm)
        {
            throw new DomainRuleException("tpm_limit", $"Project tpm_limit ({projectTpm}) exceeds team's tpm_limit ({teamTpm}). Team: {team.TeamId}");
        }

        if (rpmLimit is { } projectRpm && team.RpmLimit is { } teamRpm && projectRpm > teamRpm)
        {
            throw new DomainRuleException("rpm_limit", $"Project rpm_limit ({projectRpm}) exceeds team's rpm_limit ({teamRpm}). Team: {team.TeamId}");
        }
    }
}
