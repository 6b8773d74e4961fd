using System.Text.Json.Nodes;

namespace ProxyAdmin.Domain.Teams;

/// <summary>The caller-chosen settings of a team; a null field is "not given".</summary>
public sealed record TeamSettings
{
    public string? TeamAlias { get; init; }
    public string? OrganizationId { get; init; }
    public List<string>? Models { get; init; }
    public double? MaxBudget { get; init; }
    public double? SoftBudget { get; init; }
    public long? TpmLimit { get; init; }
    public long? RpmLimit { get; init; }
    public int? MaxParallelRequests { get; init; }
    public string? BudgetDuration { get; init; }
    /// <summary>Merged into the stored aliases; a null value removes that alias.</summary>
    public Dictionary<string, string?>? ModelAliases { get; init; }

    public JsonObject? Metadata { get; init; }
    public bool? Blocked { get; init; }

    /// <summary>Routes non-admin members may call for the team's keys; replaces the stored list.</summary>
    public List<string>? TeamMemberPermissions { get; init; }

    /// <summary>Replaces the stored settings.</summary>
    public JsonObject? RouterSettings { get; init; }

    /// <summary>Stored as given: access groups are not managed here.</summary>
    public List<string>? AccessGroupIds { get; init; }
}
