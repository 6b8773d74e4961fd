using System.Text.Json.Nodes;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Permissions;

namespace ProxyAdmin.Domain.Teams;

/// <summary>
/// A team: owns projects, keys and team models, and decides who administers them. Its members are the
/// single source of truth for membership; every change to them moves the team's version, so two
/// concurrent changes can never silently overwrite each other.
/// </summary>
public sealed class Team : AggregateRoot
{
    public const int IdMaxLength = 128;
    public const int AliasMaxLength = 256;

    private readonly List<TeamMember> _members = [];

    private Team()
    {
    }

    public string TeamId { get; private set; } = null!;
    public string? TeamAlias { get; private set; }
    public string? OrganizationId { get; private set; }
    public IReadOnlyList<TeamMember> Members => _members;
    public List<string> Models { get; private set; } = [];
    public double? MaxBudget { get; private set; }
    public double? SoftBudget { get; private set; }
    public double Spend { get; private set; }
    public long? TpmLimit { get; private set; }
    public long? RpmLimit { get; private set; }
    public int? MaxParallelRequests { get; private set; }
    public string? BudgetDuration { get; private set; }
    public DateTime? BudgetResetAt { get; private set; }

    /// <summary>Public model name → the model name it resolves to for this team's keys.</summary>
    public Dictionary<string, string> ModelAliases { get; private set; } = [];

    public JsonObject Metadata { get; private set; } = [];
    public bool Blocked { get; private set; }
    public string? ObjectPermissionId { get; private set; }
    public ObjectPermission? ObjectPermission { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = null!;
    public DateTime UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = null!;

    /// <summary>True when the team's model list restricts nothing: empty or holding <c>all-proxy-models</c>.</summary>
    public bool AllowsAllModels => Models.Count == 0 || Models.Contains(SpecialValues.AllProxyModels);

    public static Team Create(string teamId, TeamSettings settings, string createdBy, DateTime now)
    {
        var team = new Team
        {
            TeamId = teamId,
            OrganizationId = settings.OrganizationId,
            Models = settings.Models ?? [],
            ModelAliases = settings.ModelAliases?.Where(a => a.Value is not null).ToDictionary(a => a.Key, a => a.Value!) ?? [],
            Metadata = settings.Metadata ?? [],
            Blocked = settings.Blocked ?? false,
            CreatedAt = now,
            CreatedBy = createdBy,
        };
        team.Apply(settings, createdBy, now);
        return team;
    }

    public TeamMember? FindMember(string userId) => _members.Find(m => m.UserId == userId);

    /// <summary>The member with this user id, or else the first with this email.</summary>
    public TeamMember? FindMemberBy(string? userId, string? userEmail) =>
        userId is not null
            ? FindMember(userId)
            : _members.Find(m => string.Equals(m.UserEmail, userEmail, StringComparison.OrdinalIgnoreCase));

    public bool IsAdmin(string userId) => FindMember(userId)?.Role == TeamRole.Admin;

    public bool IsMember(string userId) => FindMember(userId) is not null;

    /// <summary>Applies the settings that are present; <c>metadata</c> and <c>model_aliases</c> are merged.</summary>
    public void Update(TeamSettings changes, string updatedBy, DateTime now)
    {
        OrganizationId = changes.OrganizationId ?? OrganizationId;
        Models = changes.Models ?? Models;
        Blocked = changes.Blocked ?? Blocked;
        if (changes.Metadata is { } metadata)
        {
            Metadata = MetadataMap.Merge(Metadata, metadata);
        }

        if (changes.ModelAliases is { } aliases)
        {
            var merged = new Dictionary<string, string>(ModelAliases);
            foreach (var (publicName, modelName) in aliases)
            {
                if (modelName is null)
                {
                    merged.Remove(publicName);
                }
                else
                {
                    merged[publicName] = modelName;
                }
            }

            ModelAliases = merged;
        }

        Apply(changes, updatedBy, now);
    }

    /// <summary>Adds a member; false when the user already is one (nothing changes then).</summary>
    public bool AddMember(TeamMember member, string updatedBy, DateTime now)
    {
        if (IsMember(member.UserId))
        {
            return false;
        }

        _members.Add(member);
        Touch(updatedBy, now);
        return true;
    }

    public bool RemoveMember(string userId, string updatedBy, DateTime now)
    {
        var removed = _members.RemoveAll(m => m.UserId == userId) > 0;
        if (removed)
        {
            Touch(updatedBy, now);
        }

        return removed;
    }

    public bool ChangeMemberRole(string userId, TeamRole role, string updatedBy, DateTime now)
    {
        if (FindMember(userId) is not { } member)
        {
            return false;
        }

        member.Role = role;
        Touch(updatedBy, now);
        return true;
    }

    /// <summary>Adds models not yet listed, keeping the existing order.</summary>
    public void AddModels(IEnumerable<string> models, string updatedBy, DateTime now)
    {
        Models = [.. Models.Concat(models).Distinct(StringComparer.Ordinal)];
        Touch(updatedBy, now);
    }

    public void RemoveModels(IEnumerable<string> models, string updatedBy, DateTime now)
    {
        var removing = models.ToHashSet(StringComparer.Ordinal);
        Models = Models.Where(m => !removing.Contains(m)).ToList();
        Touch(updatedBy, now);
    }

    /// <summary>Points <paramref name="publicName"/> at <paramref name="modelName"/>, or removes the alias when null.</summary>
    public void SetModelAlias(string publicName, string? modelName, string updatedBy, DateTime now)
    {
        var aliases = new Dictionary<string, string>(ModelAliases);
        if (modelName is null)
        {
            aliases.Remove(publicName);
        }
        else
        {
            aliases[publicName] = modelName;
        }

        ModelAliases = aliases;
        Touch(updatedBy, now);
    }

    public void SetBlocked(bool blocked, string updatedBy, DateTime now)
    {
        Blocked = blocked;
        Touch(updatedBy, now);
    }

    public void AttachPermission(ObjectPermission permission)
    {
        ObjectPermission = permission;
        ObjectPermissionId = permission.ObjectPermissionId;
    }

    private void Apply(TeamSettings changes, string updatedBy, DateTime now)
    {
        TeamAlias = changes.TeamAlias ?? TeamAlias;
        MaxBudget = changes.MaxBudget ?? MaxBudget;
        SoftBudget = changes.SoftBudget ?? SoftBudget;
        TpmLimit = changes.TpmLimit ?? TpmLimit;
        RpmLimit = changes.RpmLimit ?? RpmLimit;
        MaxParallelRequests = changes.MaxParallelRequests ?? MaxParallelRequests;
        if (changes.BudgetDuration is { } duration)
        {
            BudgetDuration = duration;
            BudgetResetAt = Common.BudgetDuration.AddTo(now, duration);
        }

        if (SoftBudget is { } soft && MaxBudget is { } max && soft >= max)
        {
            throw new DomainRuleException("soft_budget", $"soft_budget ({soft}) must be strictly lower than max_budget ({max}).");
        }

        Touch(updatedBy, now);
    }

    private void Touch(string updatedBy, DateTime now)
    {
        UpdatedAt = now;
        UpdatedBy = updatedBy;
    }
}

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
}
