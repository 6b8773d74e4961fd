using ProxyAdmin.Application.Budgets;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Organizations;

namespace ProxyAdmin.Application.Organizations;

/// <summary>One membership as <c>members</c> lists it (LiteLLM's <c>LiteLLM_OrganizationMembershipTable</c>).</summary>
public sealed record OrganizationMembershipDto
{
    public required string UserId { get; init; }
    public required string OrganizationId { get; init; }
    public required OrganizationRole UserRole { get; init; }
    public required double Spend { get; init; }

    /// <summary>The member's own budget row in the organization, if it has one (<c>max_budget_in_organization</c>).</summary>
    public required string? BudgetId { get; init; }

    public required DateTime CreatedAt { get; init; }
    public required DateTime UpdatedAt { get; init; }
    public required BudgetDto? LitellmBudgetTable { get; init; }

    /// <param name="budget">The row <paramref name="member"/>'s <c>budget_id</c> names, when it has one.</param>
    public static OrganizationMembershipDto From(string organizationId, OrganizationMember member, Budget? budget) =>
        new()
        {
            UserId = member.UserId,
            OrganizationId = organizationId,
            UserRole = member.Role,
            Spend = member.Spend,
            BudgetId = member.BudgetId,
            CreatedAt = member.CreatedAt,
            UpdatedAt = member.UpdatedAt,
            LitellmBudgetTable = budget?.ToDto(),
        };

    /// <summary>Every membership of <paramref name="organization"/>, each with its budget row out of <paramref name="budgets"/>.</summary>
    public static List<OrganizationMembershipDto> AllOf(Organization organization, IReadOnlyCollection<Budget> budgets) =>
        organization.Members.Select(m => From(organization.OrganizationId, m, budgets.FirstOrDefault(b => b.BudgetId == m.BudgetId))).ToList();
}
