using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Organizations;

namespace ProxyAdmin.Application.UnitTests.TestSupport;

/// <summary>Organizations as tests need them: with a budget row of the given limits and members of the given roles.</summary>
public static class OrganizationFixtures
{
    public static readonly AuditStamp Created = new("creator", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));

    public static Organization Organization(
        string organizationId,
        List<string>? models = null,
        BudgetSettings? budget = null,
        params (string UserId, OrganizationRole Role)[] members)
    {
        var organization = Domain.Organizations.Organization.Create(
            organizationId,
            new OrganizationSettings { OrganizationAlias = $"{organizationId}-alias", Models = models },
            Budget.Create(budget ?? new BudgetSettings(), Created),
            Created);
        foreach (var (userId, role) in members)
        {
            organization.AddMember(new OrganizationMember(userId, role, Created), Created);
        }

        return organization;
    }
}
