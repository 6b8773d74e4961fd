using System.Text.Json.Nodes;
using ProxyAdmin.Application.Common.Requests;
using ProxyAdmin.Application.Permissions;
using ProxyAdmin.Domain.Budgets;

namespace ProxyAdmin.Application.Teams;

/// <summary>
/// The fields <c>/team/new</c> and <c>/team/update</c> share: LiteLLM's <c>TeamBase</c>, <c>NewTeamRequest</c> and
/// <c>UpdateTeamRequest</c>. Both routes take all of them, because clients (terraform-provider-litellm among them)
/// build one body for create and update; a null field is "not given".
/// </summary>
public abstract record TeamRequestFields : ManagedMetadataFields
{
    public string? TeamAlias { get; init; }

    /// <summary>The organization the team belongs to; it must exist. On <c>/team/update</c> it moves the team, and an empty one takes it out of its organization.</summary>
    public string? OrganizationId { get; init; }

    /// <summary>Models the team's keys may use; empty or <c>all-proxy-models</c> means no restriction.</summary>
    public List<string>? Models { get; init; }

    public double? MaxBudget { get; init; }
    public double? SoftBudget { get; init; }
    public long? TpmLimit { get; init; }
    public long? RpmLimit { get; init; }
    public int? MaxParallelRequests { get; init; }
    public string? BudgetDuration { get; init; }

    /// <summary>Public model name → model name; merged into the stored aliases, a null value removes one.</summary>
    public Dictionary<string, string?>? ModelAliases { get; init; }

    /// <summary>Merged into the stored metadata; a null value removes that key.</summary>
    public JsonObject? Metadata { get; init; }

    public bool? Blocked { get; init; }
    public ObjectPermissionRequest? ObjectPermission { get; init; }

    /// <summary>Routes the team's non-admin members may call for the team's keys, e.g. <c>/key/generate</c>; replaces the stored list.</summary>
    public List<string>? TeamMemberPermissions { get; init; }

    /// <summary>Router settings of the team, e.g. <c>{"fallbacks": [...]}</c>; replaces the stored ones.</summary>
    public JsonObject? RouterSettings { get; init; }

    /// <summary>Stored as given; access groups are not managed here.</summary>
    public List<string>? AccessGroupIds { get; init; }

    /// <summary>The budget of each member without one of its own (the team's member budget row).</summary>
    public double? TeamMemberBudget { get; init; }

    public string? TeamMemberBudgetDuration { get; init; }
    public long? TeamMemberRpmLimit { get; init; }
    public long? TeamMemberTpmLimit { get; init; }

    /// <summary>LiteLLM's legacy list; here it is derived from <c>members_with_roles</c>, so only an empty list is accepted.</summary>
    public List<string>? Admins { get; init; }

    /// <summary>LiteLLM's legacy list; here it is derived from <c>members_with_roles</c>, so only an empty list is accepted.</summary>
    public List<string>? Members { get; init; }

    /// <summary>The fields of the team's member budget row that were sent.</summary>
    public BudgetSettings ToMemberBudgetSettings() => new()
    {
        MaxBudget = TeamMemberBudget,
        BudgetDuration = TeamMemberBudgetDuration,
        RpmLimit = TeamMemberRpmLimit,
        TpmLimit = TeamMemberTpmLimit,
    };
}
