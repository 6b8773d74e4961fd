using System.Text.Json.Nodes;

namespace ProxyAdmin.Domain.Keys;

/// <summary>The caller-chosen settings of a key; a null field is "not given".</summary>
public sealed record KeySettings
{
    public string? KeyAlias { get; init; }
    public string? TeamId { get; init; }
    public string? ProjectId { get; init; }

    /// <summary>Stored as given: agents are not managed here.</summary>
    public string? AgentId { get; init; }

    /// <summary>The key's organization (checked by the application: it exists, and a non-admin is a member).</summary>
    public string? OrganizationId { get; init; }

    public List<string>? Models { get; init; }
    public double? MaxBudget { get; init; }

    /// <summary>Overrides what the key has spent (a reset, usually to 0).</summary>
    public double? Spend { get; init; }

    public long? TpmLimit { get; init; }
    public long? RpmLimit { get; init; }
    public int? MaxParallelRequests { get; init; }
    public string? BudgetDuration { get; init; }

    /// <summary>
    /// How long from now the key stays valid (<see cref="Common.BudgetDuration"/> format), or
    /// <see cref="VirtualKey.NeverExpires"/> to drop its expiry.
    /// </summary>
    public string? Duration { get; init; }

    public JsonObject? Metadata { get; init; }
    public bool? Blocked { get; init; }

    /// <summary>Model alias → model name; replaces the stored map.</summary>
    public JsonObject? Aliases { get; init; }

    /// <summary>Replaces the stored map.</summary>
    public JsonObject? Config { get; init; }

    /// <summary>Replaces the stored map.</summary>
    public JsonObject? Permissions { get; init; }

    /// <summary>Per-model budgets; replaces the stored map.</summary>
    public JsonObject? ModelMaxBudget { get; init; }

    /// <summary>Replaces the stored settings.</summary>
    public JsonObject? RouterSettings { get; init; }

    public List<string>? AllowedCacheControls { get; init; }

    /// <summary>The routes (or route groups, or <c>/prefix/*</c> patterns) the key may call; empty means all its role may.</summary>
    public List<string>? AllowedRoutes { get; init; }

    public List<string>? AccessGroupIds { get; init; }
    public bool? AutoRotate { get; init; }
    public string? RotationInterval { get; init; }
}
