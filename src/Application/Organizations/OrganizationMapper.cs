using ProxyAdmin.Application.Budgets;
using ProxyAdmin.Application.Organizations.Commands.CreateOrganization;
using ProxyAdmin.Application.Organizations.Commands.UpdateOrganization;
using ProxyAdmin.Application.Permissions;
using ProxyAdmin.Application.Teams;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Organizations;
using ProxyAdmin.Domain.Permissions;
using Riok.Mapperly.Abstractions;

namespace ProxyAdmin.Application.Organizations;

/// <summary>Organizations to responses, and requests to the settings an organization and its budget row take.</summary>
[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class OrganizationMapper
{
    [MapProperty(nameof(Organization.Budget), nameof(OrganizationDto.LitellmBudgetTable))]
    [MapValue(nameof(OrganizationDto.Members), Use = nameof(NoMembers))]
    [MapValue(nameof(OrganizationDto.Teams), Use = nameof(NoTeams))]
    [MapperIgnoreSource(nameof(Organization.Members))]
    public static partial OrganizationDto ToDto(this Organization source);

    public static partial OrganizationSettings ToSettings(this CreateOrganizationCommand source);

    public static partial OrganizationSettings ToSettings(this UpdateOrganizationCommand source);

    /// <summary>The budget fields of an organization request (LiteLLM's request model inherits <c>LiteLLM_BudgetTable</c>).</summary>
    [MapperIgnoreTarget(nameof(BudgetSettings.BudgetResetAt))]
    public static partial BudgetSettings ToBudgetSettings(this OrganizationRequestFields source);

    private static BudgetDto? MapBudget(Budget? source) => source?.ToDto();

    /// <summary>Writes and audit rows show no members or teams; the reads fill them (<see cref="OrganizationView"/>).</summary>
    private static List<OrganizationMembershipDto> NoMembers() => [];

    private static List<TeamDto> NoTeams() => [];

    private static ObjectPermissionDto? MapPermission(ObjectPermission? source) => source?.ToDto();
}
