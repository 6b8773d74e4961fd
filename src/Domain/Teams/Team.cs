using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Permissions;
using ProxyAdmin.Domain.Users;

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
    public List<string> TeamMemberPermissions { get; private set; } = [];
    public JsonObject RouterSettings { get; private set; } = [];
    public List<string> AccessGroupIds { get; private set; } = [];

    /// <summary>Spend per model; written by spend tracking, never by a request.</summary>
    public JsonObject ModelSpend { get; private set; } = [];

    /// <summary>Budget per model; LiteLLM has the column but no team request sets it.</summary>
    public JsonObject ModelMaxBudget { get; private set; } = [];

    /// <summary>
    /// The budget row every member without a budget of its own gets (<c>team_member_budget</c>,
    /// <c>team_member_rpm_limit</c>, <c>team_member_tpm_limit</c>, <c>team_member_budget_duration</c>).
    /// </summary>
    public string? TeamMemberBudgetId { get; private set; }

    public Budget? TeamMemberBudget { get; private set; }
    public string? ObjectPermissionId { get; private set; }
    public ObjectPermission? ObjectPermission { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = null!;
    public DateTime UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = null!;

    /// <summary>True when the team's model list restricts nothing: empty or holding <c>all-proxy-models</c>.</summary>
    public bool AllowsAllModels => Models.Count == 0 || Models.Contains(SpecialValues.AllProxyModels);

    public static Team Create(string teamId, TeamSettings settings, AuditStamp created)
    {
        var team = new Team
        {
            TeamId = teamId,
            OrganizationId = string.IsNullOrEmpty(settings.OrganizationId) ? null : settings.OrganizationId,
            Models = settings.Models ?? [],
            ModelAliases = settings.ModelAliases?.Where(a => a.Value is not null).ToDictionary(a => a.Key, a => a.Value!) ?? [],
            Metadata = settings.Metadata ?? [],
            Blocked = settings.Blocked ?? false,
            TeamMemberPermissions = settings.TeamMemberPermissions ?? [],
            RouterSettings = (JsonObject?)settings.RouterSettings?.DeepClone() ?? [],
            AccessGroupIds = settings.AccessGroupIds ?? [],
            CreatedAt = created.At,
            CreatedBy = created.By,
        };
        team.EnsureApplicable(settings);
        team.Apply(settings, created);
        return team;
    }

    public TeamMember? FindMember(string userId) => _members.Find(m => m.UserId == userId);

    /// <summary>The member with this user id, or else the first with this email.</summary>
    public TeamMember? FindMemberBy(string? userId, string? userEmail) =>
        userId is not null ? FindMember(userId)
        : userEmail is not null ? _members.Find(m => string.Equals(m.UserEmail, userEmail, StringComparison.OrdinalIgnoreCase))
        : null;

    public bool IsAdmin(string userId) => FindMember(userId)?.Role == TeamRole.Admin;

    public bool IsMember(string userId) => FindMember(userId) is not null;

    /// <summary>
    /// Admins and admin viewers see every team; a user only the teams it is a member of; a service account only
    /// its own team (LiteLLM's <c>validate_membership</c>: "allow team keys to check their info").
    /// </summary>
    public bool IsVisibleTo(Principal who) => IsVisibleByMembership(who, TeamId, who.UserId is { } userId && IsMember(userId));

    /// <summary>
    /// <see cref="IsVisibleTo(Principal)"/> for a team that was not loaded: only its id and whether the caller's user
    /// is one of its members are needed.
    /// </summary>
    public static bool IsVisibleByMembership(Principal who, string teamId, bool userIsMember) =>
        who.Role.ReadsEverything()
        || (who.IsServiceAccount ? who.TeamId == teamId : who.UserId is not null && userIsMember);

    /// <summary>
    /// Proxy admins administer every team; a user the teams it is an admin of. A service account administers
    /// nothing, not even its own team: LiteLLM's <c>_is_user_team_admin</c> matches user ids only.
    /// </summary>
    public bool IsAdministeredBy(Principal who) => who.Role.IsProxyAdmin() || (who.UserId is { } userId && IsAdmin(userId));

    /// <summary>
    /// <see cref="IsVisibleTo(Principal)"/>, widened to the <c>org_admin</c>s of the team's organization:
    /// <paramref name="whoAdministersOrganization"/> says whether the caller is one of the organization's admins.
    /// </summary>
    public bool IsVisibleTo(Principal who, bool whoAdministersOrganization) =>
        IsVisibleTo(who) || (OrganizationId is not null && whoAdministersOrganization);

    /// <summary>
    /// <see cref="IsAdministeredBy(Principal)"/>, widened to the <c>org_admin</c>s of the team's organization: they
    /// create and manage the teams in it.
    /// </summary>
    public bool IsAdministeredBy(Principal who, bool whoAdministersOrganization) =>
        IsAdministeredBy(who) || (OrganizationId is not null && whoAdministersOrganization);

    /// <summary>
    /// Why a team admin (not a proxy admin) may not apply <paramref name="changes"/>, or null when it may. A team
    /// admin never raises its own team's budgets or limits (per-model limits in <c>metadata</c> included), never
    /// blocks or unblocks it and never moves it to another organization; those stay with proxy admins.
    /// </summary>
    public string? RefusalForTeamAdmin(TeamSettings changes)
    {
        if (changes.Metadata is { } metadata)
        {
            var merged = MetadataMap.Merge(Metadata, metadata);
            if ((PerModelRaise("model_rpm_limit", Metadata, merged) ?? PerModelRaise("model_tpm_limit", Metadata, merged)) is { } perModel)
            {
                return perModel;
            }
        }

        return Raise("max_budget", MaxBudget, changes.MaxBudget)
            ?? Raise("soft_budget", SoftBudget, changes.SoftBudget)
            ?? Raise("tpm_limit", TpmLimit, changes.TpmLimit)
            ?? Raise("rpm_limit", RpmLimit, changes.RpmLimit)
            ?? Raise("max_parallel_requests", MaxParallelRequests, changes.MaxParallelRequests)
            ?? (changes.Blocked is { } blocked && blocked != Blocked ? "Only proxy admins can block or unblock a team." : null)
            ?? (MovesOrganization(changes) ? "Only proxy admins can move a team to another organization." : null);
    }

    /// <summary>
    /// Whether the change puts the team in another organization or takes it out of its own (an empty
    /// <c>organization_id</c> does, as in LiteLLM).
    /// </summary>
    public bool MovesOrganization(TeamSettings changes) =>
        changes.OrganizationId is { } organization && (organization.Length == 0 ? OrganizationId is not null : organization != OrganizationId);

    /// <summary>The organization the team is in once <paramref name="changes"/> apply; null for none.</summary>
    public string? OrganizationAfter(TeamSettings changes) => changes.OrganizationId switch
    {
        null => OrganizationId,
        "" => null,
        var organization => organization,
    };

    /// <summary>Applies the settings that are present; <c>metadata</c> and <c>model_aliases</c> are merged.</summary>
    public void Update(TeamSettings changes, AuditStamp stamp)
    {
        EnsureApplicable(changes);
        OrganizationId = OrganizationAfter(changes);
        Models = changes.Models ?? Models;
        Blocked = changes.Blocked ?? Blocked;
        TeamMemberPermissions = changes.TeamMemberPermissions ?? TeamMemberPermissions;
        RouterSettings = (JsonObject?)changes.RouterSettings?.DeepClone() ?? RouterSettings;
        AccessGroupIds = changes.AccessGroupIds ?? AccessGroupIds;
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

        Apply(changes, stamp);
    }

    /// <summary>
    /// Adds a member; false when the user already is one (nothing changes then). A member without a budget of its
    /// own gets the team's member budget, as LiteLLM gives it <c>team_member_budget_id</c>.
    /// </summary>
    public bool AddMember(TeamMember member, AuditStamp stamp)
    {
        if (IsMember(member.UserId))
        {
            return false;
        }

        member.BudgetId ??= TeamMemberBudgetId;
        _members.Add(member);
        Touch(stamp);
        return true;
    }

    public bool RemoveMember(string userId, AuditStamp stamp)
    {
        var removed = _members.RemoveAll(m => m.UserId == userId) > 0;
        if (removed)
        {
            Touch(stamp);
        }

        return removed;
    }

    public bool ChangeMemberRole(string userId, TeamRole role, AuditStamp stamp)
    {
        if (FindMember(userId) is not { } member)
        {
            return false;
        }

        member.Role = role;
        Touch(stamp);
        return true;
    }

    /// <summary>Adds models not yet listed, keeping the existing order.</summary>
    public void AddModels(IEnumerable<string> models, AuditStamp stamp)
    {
        Models = [.. Models.Concat(models).Distinct(StringComparer.Ordinal)];
        Touch(stamp);
    }

    public void RemoveModels(IEnumerable<string> models, AuditStamp stamp)
    {
        var removing = models.ToHashSet(StringComparer.Ordinal);
        Models = Models.Where(m => !removing.Contains(m)).ToList();
        Touch(stamp);
    }

    /// <summary>Points <paramref name="publicName"/> at <paramref name="modelName"/>, or removes the alias when null.</summary>
    public void SetModelAlias(string publicName, string? modelName, AuditStamp stamp)
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
        Touch(stamp);
    }

    /// <summary>Gives a member its own budget row (its <c>max_budget_in_team</c>, <c>tpm_limit</c>, <c>rpm_limit</c>).</summary>
    public void SetMemberBudget(string userId, Budget budget, AuditStamp stamp)
    {
        var member = FindMember(userId) ?? throw new InvalidOperationException($"User {userId} is not a member of team {TeamId}.");
        member.BudgetId = budget.BudgetId;
        Touch(stamp);
    }

    /// <summary>Whether a member's budget row is the team's shared member budget (changing it would change every member's).</summary>
    public bool SharesMemberBudget(TeamMember member) => member.BudgetId is not null && member.BudgetId == TeamMemberBudgetId;

    /// <summary>Links the team's member budget: every member without a budget of its own has it, now and when added later.</summary>
    public void LinkMemberBudget(Budget budget, AuditStamp stamp)
    {
        TeamMemberBudget = budget;
        TeamMemberBudgetId = budget.BudgetId;
        foreach (var member in _members.Where(m => m.BudgetId is null))
        {
            member.BudgetId = budget.BudgetId;
        }

        Touch(stamp);
    }

    public void SetBlocked(bool blocked, AuditStamp stamp)
    {
        Blocked = blocked;
        Touch(stamp);
    }

    /// <summary>Gives the team its object permission, or changes the lists of the one it has.</summary>
    public void SetPermission(ObjectPermissionSettings settings)
    {
        if (ObjectPermission is { } existing)
        {
            existing.Update(settings);
            return;
        }

        ObjectPermission = ObjectPermission.Create(settings);
        ObjectPermissionId = ObjectPermission.ObjectPermissionId;
    }

    /// <summary>The rules a change must keep, checked before any field changes, so a refused change leaves the team as it was.</summary>
    private void EnsureApplicable(TeamSettings changes)
    {
        BudgetRules.EnsureSoftBelowMax(changes.SoftBudget ?? SoftBudget, changes.MaxBudget ?? MaxBudget);
        Common.BudgetDuration.EnsureValid(changes.BudgetDuration);
    }

    private void Apply(TeamSettings changes, AuditStamp stamp)
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
            BudgetResetAt = Common.BudgetDuration.AddTo(stamp.At, duration);
        }

        Touch(stamp);
    }

    private void Touch(AuditStamp stamp)
    {
        UpdatedAt = stamp.At;
        UpdatedBy = stamp.By;
    }

    /// <summary>
    /// Every per-model limit the team has must survive the merge at the same or a lower value: raising it,
    /// dropping it (a null, or a map sent without that model) or making it non-numeric lifts the limit.
    /// </summary>
    private static string? PerModelRaise(string field, JsonObject current, JsonObject merged)
    {
        if (current[field] is not JsonObject limits)
        {
            return null;
        }

        var requested = merged[field] as JsonObject;
        foreach (var (model, limit) in limits)
        {
            if (AsNumber(limit) is not { } stored)
            {
                continue;
            }

            if (AsNumber(requested?[model]) is not { } value || value > stored)
            {
                return $"Team admins cannot raise or remove their team's {field} for model {model} (current {stored.ToString(CultureInfo.InvariantCulture)}); ask a proxy admin.";
            }
        }

        return null;
    }

    private static double? AsNumber(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            ? double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)
            : null;

    /// <summary>Raising means sending a value above the stored limit; setting a limit where there was none lowers it.</summary>
    private static string? Raise<TValue>(string field, TValue? current, TValue? requested)
        where TValue : struct, IComparable<TValue> =>
        requested is { } value && current is { } limit && value.CompareTo(limit) > 0
            ? $"Team admins cannot raise their team's {field} (current {limit}, requested {value}); ask a proxy admin."
            : null;
}
