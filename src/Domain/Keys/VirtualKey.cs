using System.Text.Json.Nodes;
using ProxyAdmin.Domain.Common;
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
    public int RotationCount { get; private set; }
    public DateTime? LastRotationAt { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = null!;
    public DateTime UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = null!;

    public static VirtualKey Issue(IssuedSecret secret, string? userId, KeySettings settings, AuditStamp created)
    {
        var key = new VirtualKey
        {
            Id = Guid.NewGuid(),
            Token = secret.Hash,
            KeyName = secret.DisplayName,
            UserId = userId,
            Metadata = settings.Metadata ?? [],
            Models = settings.Models ?? [],
            Blocked = settings.Blocked ?? false,
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

    /// <summary>Applies the settings that are present; metadata is merged into what is stored.</summary>
    public void Update(KeySettings changes, AuditStamp stamp)
    {
        // Checked before any field changes, so a refused change leaves the key as it was.
        Common.BudgetDuration.EnsureValid(changes.BudgetDuration);
        Common.BudgetDuration.EnsureValid(changes.Duration);
        if (changes.Metadata is { } metadata)
        {
            Metadata = MetadataMap.Merge(Metadata, metadata);
        }

        if (changes.Models is { } models)
        {
            Models = models;
        }

        if (changes.Blocked is { } blocked)
        {
            Blocked = blocked;
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

    private void Apply(KeySettings changes, AuditStamp stamp)
    {
        KeyAlias = changes.KeyAlias ?? KeyAlias;
        TeamId = changes.TeamId ?? TeamId;
        ProjectId = changes.ProjectId ?? ProjectId;
        MaxBudget = changes.MaxBudget ?? MaxBudget;
        TpmLimit = changes.TpmLimit ?? TpmLimit;
        RpmLimit = changes.RpmLimit ?? RpmLimit;
        MaxParallelRequests = changes.MaxParallelRequests ?? MaxParallelRequests;
        if (changes.BudgetDuration is { } budgetDuration)
        {
            BudgetDuration = budgetDuration;
            BudgetResetAt = Common.BudgetDuration.AddTo(stamp.At, budgetDuration);
        }

        if (changes.Duration is { } duration)
        {
            Expires = Common.BudgetDuration.AddTo(stamp.At, duration);
        }

        Touch(stamp);
    }

    private void Touch(AuditStamp stamp)
    {
        UpdatedAt = stamp.At;
        UpdatedBy = stamp.By;
    }
}
