using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Domain.Organizations;

/// <summary>One membership of an organization (LiteLLM's <c>LiteLLM_OrganizationMembership</c>): a user, its role, its budget row.</summary>
public sealed class OrganizationMember
{
    private OrganizationMember()
    {
    }

    /// <exception cref="DomainRuleException">The id is reserved (<see cref="ReservedUserIds"/>): it can never be a member.</exception>
    public OrganizationMember(string userId, OrganizationRole role, AuditStamp added)
    {
        if (ReservedUserIds.IsReserved(userId))
        {
            throw new DomainRuleException("user_id", ReservedUserIds.Refusal(userId, "user_id"));
        }

        UserId = userId;
        Role = role;
        CreatedAt = added.At;
        UpdatedAt = added.At;
    }

    public string UserId { get; private set; } = null!;
    public OrganizationRole Role { get; internal set; }

    /// <summary>The member's own budget row in the organization (<c>max_budget_in_organization</c>), if it has one.</summary>
    public string? BudgetId { get; internal set; }

    /// <summary>What the member has spent in the organization; written by spend tracking, never by a request.</summary>
    public double Spend { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; internal set; }
}
