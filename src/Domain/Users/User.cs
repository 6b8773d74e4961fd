using System.Text.Json.Nodes;
using ProxyAdmin.Domain.Common;

namespace ProxyAdmin.Domain.Users;

/// <summary>A person or service that owns virtual keys; its role is the role of every key it owns.</summary>
public sealed class User : AggregateRoot
{
    public const int IdMaxLength = 128;
    public const int EmailMaxLength = 320;
    public const int AliasMaxLength = 256;

    private User()
    {
    }

    public string UserId { get; private set; } = null!;
    public string? UserEmail { get; private set; }
    public string? UserAlias { get; private set; }
    public UserRole UserRole { get; private set; }
    public double? MaxBudget { get; private set; }
    public double Spend { get; private set; }
    public List<string> Models { get; private set; } = [];
    public long? TpmLimit { get; private set; }
    public long? RpmLimit { get; private set; }
    public int? MaxParallelRequests { get; private set; }
    public string? BudgetDuration { get; private set; }
    public DateTime? BudgetResetAt { get; private set; }
    public JsonObject Metadata { get; private set; } = [];
    public DateTime CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = null!;
    public DateTime UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = null!;

    public static User Create(string userId, UserRole role, UserProfile profile, string createdBy, DateTime now)
    {
        var user = new User
        {
            UserId = userId,
            UserRole = role,
            Metadata = profile.Metadata ?? [],
            Models = profile.Models ?? [],
            CreatedAt = now,
            CreatedBy = createdBy,
        };
        user.Apply(profile, updatedBy: createdBy, now);
        return user;
    }

    /// <summary>Applies the fields that are present; metadata is merged into what is stored.</summary>
    public void Update(UserProfile changes, UserRole? role, string updatedBy, DateTime now)
    {
        if (role is { } newRole)
        {
            UserRole = newRole;
        }

        if (changes.Metadata is { } metadata)
        {
            Metadata = MetadataMap.Merge(Metadata, metadata);
        }

        if (changes.Models is { } models)
        {
            Models = models;
        }

        Apply(changes, updatedBy, now);
    }

    private void Apply(UserProfile changes, string updatedBy, DateTime now)
    {
        UserEmail = changes.UserEmail ?? UserEmail;
        UserAlias = changes.UserAlias ?? UserAlias;
        MaxBudget = changes.MaxBudget ?? MaxBudget;
        TpmLimit = changes.TpmLimit ?? TpmLimit;
        RpmLimit = changes.RpmLimit ?? RpmLimit;
        MaxParallelRequests = changes.MaxParallelRequests ?? MaxParallelRequests;
        if (changes.BudgetDuration is { } duration)
        {
            BudgetDuration = duration;
            BudgetResetAt = Common.BudgetDuration.AddTo(now, duration);
        }

        UpdatedAt = now;
        UpdatedBy = updatedBy;
    }
}

/// <summary>The caller-chosen fields of a user; a null field is "not given".</summary>
public sealed record UserProfile
{
    public string? UserEmail { get; init; }
    public string? UserAlias { get; init; }
    public double? MaxBudget { get; init; }
    public List<string>? Models { get; init; }
    public long? TpmLimit { get; init; }
    public long? RpmLimit { get; init; }
    public int? MaxParallelRequests { get; init; }
    public string? BudgetDuration { get; init; }
    public JsonObject? Metadata { get; init; }
}
