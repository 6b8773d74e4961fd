using System.Text.Json.Nodes;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Permissions;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Domain.Keys;

/// <summary>
/// A virtual key. Only the SHA-256 hex of its secret (<see cref="Token"/>) is ever stored; the secret
/// itself exists only in the response that created or rotated it.
/// </summary>
public sealed class VirtualKey : AggregateRoot
{
    public const int AliasMaxLength = 256;
    public const int TokenLength = 64;
    public const int IdMaxLength = 128;

    /// <summary>
    /// LiteLLM's duration for "never expires". A JSON null cannot say it on an update, where null means "not given".
    /// </summary>
    public const string NeverExpires = "-1";

    private VirtualKey()
    {
    }

    /// <summary>Stable identity of the row; survives rotation, unlike <see cref="Token"/>.</summary>
    public Guid Id { get; private set; }

    /// <summary>SHA-256 hex of the secret.</summary>
    public string Token { get; private set; } = null!;

    /// <summary>Abbreviated display form, e.g. <c>sk-...abcd</c>.</summary>
    public string KeyName { get; private set; } = null!;

    public string? KeyAlias { get; private set; }
    public string? UserId { get; private set; }
    public string? TeamId { get; private set; }
    public string? ProjectId { get; private set; }
    public string? AgentId { get; private set; }
    public string? OrganizationId { get; private set; }
    public List<string> Models { get; private set; } = [];
    public double? MaxBudget { get; private set; }
    public double Spend { get; private set; }
    public long? TpmLimit { get; private set; }
    public long? RpmLimit { get; private set; }
    public int? MaxParallelRequests { get; private set; }
    public string? BudgetDuration { get; private set; }
    public DateTime? BudgetResetAt { get; private set; }
    public DateTime? Expires { get; private set; }
    public JsonObject Metadata { get; private set; } = [];
    public bool Blocked { get; private set; }
    public JsonObject Aliases { get; private set; } = [];
    public JsonObject Config { get; private set; } = [];
    public JsonObject Permissions { get; private set; } = [];
    public JsonObject ModelMaxBudget { get; private set; } = [];

    /// <summary>Spend per model; written by spend tracking, never by a request.</summary>
    public JsonObject ModelSpend { get; private set; } = [];

    public JsonObject RouterSettings { get; private set; } = [];
    public List<string> AllowedCacheControls { get; private set; } = [];
    public List<string> AllowedRoutes { get; private set; } = [];
    public List<string> AccessGroupIds { get; private set; } = [];

    /// <summary>Set by spend tracking while a soft-budget alert is cooling down; never by a request.</summary>
    public bool SoftBudgetCooldown { get; private set; }

    public bool AutoRotate { get; private set; }
    public string? RotationInterval { get; private set; }

    /// <summary>When the key is next due for rotation; only automatic rotation sets it.</summary>
    public DateTime? KeyRotationAt { get; private set; }

    /// <summary>When the key last called the proxy; written by the proxy, never by a request.</summary>
    public DateTime? LastActive { get; private set; }

    /// <summary>The budget row holding the key's soft budget, or one linked by <c>budget_id</c>.</summary>
    public string? BudgetId { get; private set; }

    public Budget? Budget { get; private set; }
    public string? ObjectPermissionId { get; private set; }
    public ObjectPermission? ObjectPermission { get; private set; }
    public int RotationCount { get; private set; }
    public DateTime? LastRotationAt { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = null!;
    public DateTime UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = null!;

    public static VirtualKey Issue(IssuedSecret secret, string? userId, KeySettings settings, AuditStamp created)
    {
        EnsureApplicable(settings);
        var key = new VirtualKey
        {
            Id = Guid.NewGuid(),
            Token = secret.Hash,
            KeyName = secret.DisplayName,
            UserId = userId,
            Metadata = settings.Metadata ?? [],
            CreatedAt = created.At,
            CreatedBy = created.By,
        };
        key.Apply(settings, created);
        return key;
    }

    /// <summary>
    /// Whether a caller may read this key: admins and admin viewers any key, a user the keys it owns, and any key
    /// itself. A key without a user owns nothing, so a service account reads no other key, not even another
    /// keyless one (LiteLLM compares <c>None == None</c> there; we do not).
    /// </summary>
    public bool IsVisibleTo(Principal who) =>
        who.Role.ReadsEverything() || who.KeyToken == Token || (who.UserId is { } userId && UserId == userId);

    /// <summary>Whether a caller may change, rotate or delete this key: proxy admins any key, a user the keys it owns.</summary>
    public bool IsManageableBy(Principal who) => who.Role.IsProxyAdmin() || (who.UserId is { } userId && UserId == userId);

    /// <summary>
    /// Applies the settings that are present: <c>metadata</c> is merged into what is stored, every other map and
    /// list replaces the stored one (as LiteLLM does, so a client that sends the whole map can remove an entry).
    /// </summary>
    public void Update(KeySettings changes, AuditStamp stamp)
    {
        // Checked before any field changes, so a refused change leaves the key as it was.
        EnsureApplicable(changes);
        if (changes.Metadata is { } metadata)
        {
            Metadata = MetadataMap.Merge(Metadata, metadata);
        }

        Apply(changes, stamp);
    }

    public void AssignTo(string? userId, AuditStamp stamp)
    {
        UserId = userId;
        Touch(stamp);
    }

    public void Block(AuditStamp stamp)
    {
        Blocked = true;
        Touch(stamp);
    }

    public void Unblock(AuditStamp stamp)
    {
        Blocked = false;
        Touch(stamp);
    }

    /// <summary>Replaces the secret: the previous one stops matching this key at once.</summary>
    public void Rotate(IssuedSecret secret, AuditStamp stamp)
    {
        Token = secret.Hash;
        KeyName = secret.DisplayName;
        RotationCount++;
        LastRotationAt = stamp.At;
        Touch(stamp);
    }

    /// <summary>Links the budget row that holds the key's soft budget (or is shared through <c>budget_id</c>).</summary>
    public void LinkBudget(Budget budget, AuditStamp stamp)
    {
        Budget = budget;
        BudgetId = budget.BudgetId;
        Touch(stamp);
    }

    /// <summary>Gives the key its object permission, or changes the lists of the one it has.</summary>
    public void SetPermission(ObjectPermissionSettings settings, AuditStamp stamp)
    {
        if (ObjectPermission is { } existing)
        {
            existing.Update(settings);
        }
        else
        {
            ObjectPermission = ObjectPermission.Create(settings);
            ObjectPermissionId = ObjectPermission.ObjectPermissionId;
        }

        Touch(stamp);
    }

    private static void EnsureApplicable(KeySettings changes)
    {
        Common.BudgetDuration.EnsureValid(changes.BudgetDuration);
        if (changes.Duration != NeverExpires)
        {
            Common.BudgetDuration.EnsureValid(changes.Duration);
        }

        Common.BudgetDuration.EnsureValid(changes.RotationInterval);
    }

    private void Apply(KeySettings changes, AuditStamp stamp)
    {
        KeyAlias = changes.KeyAlias ?? KeyAlias;
        TeamId = changes.TeamId ?? TeamId;
        ProjectId = changes.ProjectId ?? ProjectId;
        AgentId = changes.AgentId ?? AgentId;
        OrganizationId = changes.OrganizationId ?? OrganizationId;
        Models = changes.Models ?? Models;
        MaxBudget = changes.MaxBudget ?? MaxBudget;
        Spend = changes.Spend ?? Spend;
        TpmLimit = changes.TpmLimit ?? TpmLimit;
        RpmLimit = changes.RpmLimit ?? RpmLimit;
        MaxParallelRequests = changes.MaxParallelRequests ?? MaxParallelRequests;
        Blocked = changes.Blocked ?? Blocked;
        Aliases = Copy(changes.Aliases) ?? Aliases;
        Config = Copy(changes.Config) ?? Config;
        Permissions = Copy(changes.Permissions) ?? Permissions;
        ModelMaxBudget = Copy(changes.ModelMaxBudget) ?? ModelMaxBudget;
        RouterSettings = Copy(changes.RouterSettings) ?? RouterSettings;
        AllowedCacheControls = changes.AllowedCacheControls ?? AllowedCacheControls;
        AllowedRoutes = changes.AllowedRoutes ?? AllowedRoutes;
        AccessGroupIds = changes.AccessGroupIds ?? AccessGroupIds;
        AutoRotate = changes.AutoRotate ?? AutoRotate;
        RotationInterval = changes.RotationInterval ?? RotationInterval;
        if (changes.BudgetDuration is { } budgetDuration)
        {
            BudgetDuration = budgetDuration;
            BudgetResetAt = Common.BudgetDuration.AddTo(stamp.At, budgetDuration);
        }

        if (changes.Duration is { } duration)
        {
            Expires = duration == NeverExpires ? null : Common.BudgetDuration.AddTo(stamp.At, duration);
        }

        Touch(stamp);
    }

    private static JsonObject? Copy(JsonObject? value) => (JsonObject?)value?.DeepClone();

    private void Touch(AuditStamp stamp)
    {
        UpdatedAt = stamp.At;
        UpdatedBy = stamp.By;
    }
}
