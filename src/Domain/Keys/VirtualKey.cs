using System.Text.Json.Nodes;
using ProxyAdmin.Domain.Common;

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

    public static VirtualKey Issue(IssuedSecret secret, string? userId, KeySettings settings, string createdBy, DateTime now)
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
            CreatedAt = now,
            CreatedBy = createdBy,
        };
        key.Apply(settings, createdBy, now);
        return key;
    }

    public bool IsExpired(DateTime now) => Expires is { } expires && expires <= now;

    /// <summary>Applies the settings that are present; metadata is merged into what is stored.</summary>
    public void Update(KeySettings changes, string updatedBy, DateTime now)
    {
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

        Apply(changes, updatedBy, now);
    }

    public void AssignTo(string? userId, string updatedBy, DateTime now)
    {
        UserId = userId;
        Touch(updatedBy, now);
    }

    public void Block(string updatedBy, DateTime now)
    {
        Blocked = true;
        Touch(updatedBy, now);
    }

    public void Unblock(string updatedBy, DateTime now)
    {
        Blocked = false;
        Touch(updatedBy, now);
    }

    /// <summary>Replaces the secret: the previous one stops matching this key at once.</summary>
    public void Rotate(IssuedSecret secret, string updatedBy, DateTime now)
    {
        Token = secret.Hash;
        KeyName = secret.DisplayName;
        RotationCount++;
        LastRotationAt = now;
        Touch(updatedBy, now);
    }

    private void Apply(KeySettings changes, string updatedBy, DateTime now)
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
            BudgetResetAt = Common.BudgetDuration.AddTo(now, budgetDuration);
        }

        if (changes.Duration is { } duration)
        {
            Expires = Common.BudgetDuration.AddTo(now, duration);
        }

        Touch(updatedBy, now);
    }

    private void Touch(string updatedBy, DateTime now)
    {
        UpdatedAt = now;
        UpdatedBy = updatedBy;
    }
}

/// <summary>A freshly generated secret as the domain sees it: never the plaintext, only its hash and display name.</summary>
public sealed record IssuedSecret(string Hash, string DisplayName);

/// <summary>The caller-chosen settings of a key; a null field is "not given".</summary>
public sealed record KeySettings
{
    public string? KeyAlias { get; init; }
    public string? TeamId { get; init; }
    public string? ProjectId { get; init; }
    public List<string>? Models { get; init; }
    public double? MaxBudget { get; init; }
    public long? TpmLimit { get; init; }
    public long? RpmLimit { get; init; }
    public int? MaxParallelRequests { get; init; }
    public string? BudgetDuration { get; init; }

    /// <summary>How long from now the key stays valid (<see cref="Common.BudgetDuration"/> format).</summary>
    public string? Duration { get; init; }

    public JsonObject? Metadata { get; init; }
    public bool? Blocked { get; init; }
}
