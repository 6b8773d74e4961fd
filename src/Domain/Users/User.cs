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

    /// <exception cref="DomainRuleException">The id is reserved (<see cref="ReservedUserIds"/>): it can never be a user.</exception>
    public static User Create(string userId, UserRole role, UserProfile profile, AuditStamp created)
    {
        if (ReservedUserIds.IsReserved(userId))
        {
            throw new DomainRuleException("user_id", ReservedUserIds.Refusal(userId, "user_id"));
        }

        var user = new User
        {
            UserId = userId,
            UserRole = role,
            Metadata = profile.Metadata ?? [],
            Models = profile.Models ?? [],
            CreatedAt = created.At,
            CreatedBy = created.By,
        };
        user.Apply(profile, created);
        return user;
    }

    /// <summary>Applies the fields that are present; metadata is merged into what is stored.</summary>
    public void Update(UserProfile changes, UserRole? role, AuditStamp stamp)
    {
        // Checked before any field changes, so a refused change leaves the user as it was.
        Common.BudgetDuration.EnsureValid(changes.BudgetDuration);
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

        Apply(changes, stamp);
    }

    private void Apply(UserProfile changes, AuditStamp stamp)
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
            BudgetResetAt = Common.BudgetDuration.AddTo(stamp.At, duration);
        }

        UpdatedAt = stamp.At;
        UpdatedBy = stamp.By;
    }
}
