namespace ProxyAdmin.Application.Keys.Queries.ExplainKeyAccess;

/// <summary>One level's answer for one model (<see cref="Domain.Models.ModelAllowList"/>).</summary>
public sealed record ModelAllowanceDto
{
    public required bool Allowed { get; init; }

    /// <summary>
    /// <c>unrestricted</c>, <c>all_proxy_models</c>, <c>access_group</c>, <c>team_alias</c>, <c>wildcard</c>, <c>listed</c>,
    /// <c>no_default_models</c> or <c>not_listed</c>.
    /// </summary>
    public required string Rule { get; init; }

    /// <summary>The entry that decided: the access group, the wildcard, the alias's target; null otherwise.</summary>
    public string? Via { get; init; }
}
