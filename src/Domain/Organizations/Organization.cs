using System.Text.Json.Nodes;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Permissions;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Domain.Organizations;

/// <summary>
/// An organization: the top of the hierarchy organization → team → project → key. It links one budget row for its
/// limits (every organization has one, as in LiteLLM), bounds the models and limits of its teams
/// (<see cref="OrganizationLimits"/>), and its members' organization roles decide who administers its teams. Every
/// membership change moves its version, so concurrent changes never overwrite each other.
/// </summary>
public sealed class Organization : AggregateRoot
{
    public const int IdMaxLength = 128;
    public const int AliasMaxLength = 256;

    private readonly List<OrganizationMember> _members = [];

    private Organization()
    {
    }

    public string OrganizationId { get; private set; } = null!;
    public string OrganizationAlias { get; private set; } = null!;
    public string BudgetId { get; private set; } = null!;
    public Budget? Budget { get; private set; }
    public List<string> Models { get; private set; } = [];
    public JsonObject Metadata { get; private set; } = [];
    public double Spend { get; private set; }

    /// <summary>Spend per model; written by spend tracking, never by a request.</summary>
    public JsonObject ModelSpend { get; private set; } = [];

    public string? ObjectPermissionId { get; private set; }
    public ObjectPermission? ObjectPermission { get; private set; }
    public IReadOnlyList<OrganizationMember> Members => _members;
    public DateTime CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = null!;
    public DateTime UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = null!;

    /// <summary>True when the organization's model list restricts nothing: empty or holding <c>all-proxy-models</c>.</summary>
    public bool AllowsAllModels => Models.Count == 0 || Models.Contains(SpecialValues.AllProxyModels);

    /// <param name="settings">Its alias is required here.</param>
    /// <param name="budget">The organization's budget row, new or linked.</param>
    public static Organization Create(string organizationId, OrganizationSettings settings, Budget budget, AuditStamp created)
    {
        var organization = new Organization
        {
            OrganizationId = organizationId,
            OrganizationAlias = settings.OrganizationAlias ?? throw new ArgumentException("An organization needs an alias.", nameof(settings)),
            Models = settings.Models ?? [],
            Metadata = settings.Metadata ?? [],
            CreatedAt = created.At,
            CreatedBy = created.By,
        };
        organization.LinkBudget(budget);
        organization.Touch(created);
        return organization;
    }

    /// <summary>Applies the settings that are present; <c>metadata</c> is merged into what is stored.</summary>
    public void Update(OrganizationSettings changes, AuditStamp stamp)
    {
        OrganizationAlias = changes.OrganizationAlias ?? OrganizationAlias;
        Models = changes.Models ?? Models;
        if (changes.Metadata is { } metadata)
        {
            Metadata = MetadataMap.Merge(Metadata, metadata);
        }

        Touch(stamp);
    }

    public void LinkBudget(Budget budget)
    {
        Budget = budget;
        BudgetId = budget.BudgetId;
    }

    /// <summary>Gives the organization its object permission, or changes the lists of the one it has.</summary>
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

    public OrganizationMember? FindMember(string userId) => _members.Find(m => m.UserId == userId);

    public bool IsMember(string userId) => FindMember(userId) is not null;

    public bool IsAdmin(string userId) => FindMember(userId)?.Role == OrganizationRole.OrgAdmin;

    /// <summary>Admins and admin viewers see every organization; a user the organizations it is a member of; a service account none.</summary>
    public bool IsVisibleTo(Principal who) => who.Role.ReadsEverything() || (who.UserId is { } userId && IsMember(userId));

    /// <summary>Proxy admins administer every organization; a user those it is an <c>org_admin</c> of.</summary>
    public bool IsAdministeredBy(Principal who) => who.Role.IsProxyAdmin() || (who.UserId is { } userId && IsAdmin(userId));

    /// <summary>Adds a member; false when the user already is one (nothing changes then).</summary>
    public bool AddMember(OrganizationMember member, AuditStamp stamp)
    {
        if (IsMember(member.UserId))
        {
            return false;
        }

        _members.Add(member);
        Touch(stamp);
        return true;
    }

    public bool ChangeMemberRole(string userId, OrganizationRole role, AuditStamp stamp)
    {
        if (FindMember(userId) is not { } member)
        {
            return false;
        }

        member.Role = role;
        member.UpdatedAt = stamp.At;
        Touch(stamp);
        return true;
    }

    /// <summary>Gives a member its own budget row in the organization (its <c>max_budget_in_organization</c>).</summary>
    public void SetMemberBudget(string userId, Budget budget, AuditStamp stamp)
    {
        var member = FindMember(userId) ?? throw new InvalidOperationException($"User {userId} is not a member of organization {OrganizationId}.");
        member.BudgetId = budget.BudgetId;
        member.UpdatedAt = stamp.At;
        Touch(stamp);
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

    private void Touch(AuditStamp stamp)
    {
        UpdatedAt = stamp.At;
        UpdatedBy = stamp.By;
    }
}
