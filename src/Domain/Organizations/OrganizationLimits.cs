using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Domain.Organizations;

/// <summary>
/// A team's models and limits checked against its organization's (LiteLLM's <c>_check_org_team_limits</c> and
/// <c>validate_team_org_change</c>, with their messages): models within the organization's, and <c>max_budget</c>,
/// <c>tpm_limit</c>, <c>rpm_limit</c> not above those of the organization's budget row. With the project rules
/// (<c>ProjectLimits</c>) this keeps the chain project ≤ team ≤ organization.
/// </summary>
public static class OrganizationLimits
{
    /// <summary>
    /// The models a team in <paramref name="organization"/> stores: a team that names none would otherwise reach every
    /// model, so it gets the organization's list when that list restricts (LiteLLM #20846).
    /// </summary>
    public static List<string> ModelsFor(Organization organization, List<string> teamModels) =>
        teamModels.Count == 0 && !organization.AllowsAllModels ? [.. organization.Models] : teamModels;

    /// <summary>Refuses (400) a team inside the organization whose models or limits would exceed the organization's.</summary>
    public static void EnsureTeamWithin(Organization organization, IReadOnlyList<string> models, double? maxBudget, long? tpmLimit, long? rpmLimit)
    {
        var id = organization.OrganizationId;
        if (OutsideModel(organization, models) is { } outside)
        {
            throw new DomainRuleException(
                "models",
                $"Model '{outside}' not in organization's allowed models. Organization allowed models={Quoted(organization.Models)}. Organization: {id}");
        }

        var budget = organization.Budget;
        if (maxBudget is { } teamBudget && budget?.MaxBudget is { } organizationBudget && teamBudget > organizationBudget)
        {
            throw new DomainRuleException("max_budget", $"Team max_budget ({teamBudget}) exceeds organization's max_budget ({organizationBudget}). Organization: {id}");
        }

        if (tpmLimit is { } teamTpm && budget?.TpmLimit is { } organizationTpm && teamTpm > organizationTpm)
        {
            throw new DomainRuleException("tpm_limit", $"Team tpm_limit ({teamTpm}) exceeds organization's tpm_limit ({organizationTpm}). Organization: {id}");
        }

        if (rpmLimit is { } teamRpm && budget?.RpmLimit is { } organizationRpm && teamRpm > organizationRpm)
        {
            throw new DomainRuleException("rpm_limit", $"Team rpm_limit ({teamRpm}) exceeds organization's rpm_limit ({organizationRpm}). Organization: {id}");
        }
    }

    /// <summary>
    /// Why a team with these models, limits and members may not move into <paramref name="organization"/>, or null when
    /// it may (LiteLLM's <c>validate_team_org_change</c>, a 403): every member must already be a member of the
    /// organization, and the team must fit within it.
    /// </summary>
    public static string? RefusalToJoin(Organization organization, IReadOnlyList<string> models, double? maxBudget, long? tpmLimit, long? rpmLimit, IEnumerable<string> memberIds)
    {
        const string Prefix = "Cannot move team to organization.";
        if (!organization.AllowsAllModels)
        {
            if (models.Count == 0 || models.Contains(SpecialValues.AllProxyModels))
            {
                return $"{Prefix} Team has access to all proxy models, but the organization does not.";
            }

            if (OutsideModel(organization, models) is { } outside)
            {
                return $"{Prefix} Team has access to model '{outside}', which the organization does not allow. Organization allowed models={Quoted(organization.Models)}.";
            }
        }

        var budget = organization.Budget;
        if (maxBudget is { } teamBudget && budget?.MaxBudget is { } organizationBudget && teamBudget > organizationBudget)
        {
            return $"{Prefix} Team has max_budget {teamBudget} that is greater than the organization's max_budget {organizationBudget}.";
        }

        var outsiders = memberIds.Where(userId => !organization.IsMember(userId)).ToList();
        if (outsiders.Count > 0)
        {
            return $"{Prefix} Team has user_id {Quoted(outsiders)} that is not a member of the organization.";
        }

        if (tpmLimit is { } teamTpm && budget?.TpmLimit is { } organizationTpm && teamTpm > organizationTpm)
        {
            return $"{Prefix} Team has tpm_limit {teamTpm} that is greater than the organization's tpm_limit {organizationTpm}.";
        }

        return rpmLimit is { } teamRpm && budget?.RpmLimit is { } organizationRpm && teamRpm > organizationRpm
            ? $"{Prefix} Team has rpm_limit {teamRpm} that is greater than the organization's rpm_limit {organizationRpm}."
            : null;
    }

    /// <summary>
    /// Refuses (400) organization models or limits that the teams already in it would exceed: lowering the organization
    /// below a team would break the chain from above, so the team is lowered first.
    /// </summary>
    public static void EnsureTeamsFit(Organization organization, IEnumerable<Team> teams)
    {
        var budget = organization.Budget;
        foreach (var team in teams)
        {
            if (!organization.AllowsAllModels)
            {
                if (team.AllowsAllModels)
                {
                    throw new DomainRuleException(
                        "models",
                        $"Team {team.TeamId} of the organization may use every model; restrict its models before restricting the organization's.");
                }

                if (OutsideModel(organization, team.Models) is { } outside)
                {
                    throw new DomainRuleException("models", $"Team {team.TeamId} uses model '{outside}', which the organization's models would no longer include; remove it from the team first.");
                }
            }

            EnsureCovers(team, budget?.MaxBudget, budget?.TpmLimit, budget?.RpmLimit);
        }
    }

    /// <summary>Refuses (400) organization limits below those of <paramref name="team"/>, one of its teams.</summary>
    public static void EnsureCovers(Team team, double? maxBudget, long? tpmLimit, long? rpmLimit)
    {
        EnsureNotBelow("max_budget", maxBudget, team.MaxBudget, team.TeamId);
        EnsureNotBelow("tpm_limit", tpmLimit, team.TpmLimit, team.TeamId);
        EnsureNotBelow("rpm_limit", rpmLimit, team.RpmLimit, team.TeamId);
    }

    private static void EnsureNotBelow<TValue>(string field, TValue? organizationLimit, TValue? teamLimit, string teamId)
        where TValue : struct, IComparable<TValue>
    {
        if (organizationLimit is { } limit && teamLimit is { } teamValue && teamValue.CompareTo(limit) > 0)
        {
            throw new DomainRuleException(field, $"Organization {field} ({limit}) would be below the {field} of its team {teamId} ({teamValue}); lower the team's first.");
        }
    }

    private static string? OutsideModel(Organization organization, IReadOnlyList<string> models)
    {
        if (organization.AllowsAllModels)
        {
            return null;
        }

        var allowed = organization.Models.ToHashSet(StringComparer.Ordinal);
        return models.FirstOrDefault(m => !allowed.Contains(m));
    }

    private static string Quoted(IEnumerable<string> values) => $"[{string.Join(", ", values.Select(v => $"'{v}'"))}]";
}
