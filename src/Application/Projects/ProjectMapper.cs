using System.Text.Json.Nodes;
using ProxyAdmin.Application.Budgets;
using ProxyAdmin.Application.Permissions;
using ProxyAdmin.Application.Projects.Commands.CreateProject;
using ProxyAdmin.Application.Projects.Commands.UpdateProject;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Permissions;
using ProxyAdmin.Domain.Projects;
using Riok.Mapperly.Abstractions;

namespace ProxyAdmin.Application.Projects;

/// <summary>
/// Projects to responses, and requests to the settings a project and its budget row take. Every target member
/// must be mapped (<see cref="RequiredMappingStrategy.Target"/>), so a settings field that no request fills is a
/// build error, not a silently dropped value.
/// </summary>
[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class ProjectMapper
{
    [MapProperty(nameof(Project.Budget), nameof(ProjectDto.LitellmBudgetTable))]
    public static partial ProjectDto ToDto(this Project source);

    /// <param name="metadata">The metadata to store: the request's, with its managed fields moved in.</param>
    [MapperIgnoreSource(nameof(CreateProjectCommand.Metadata))]
    public static partial ProjectSettings ToSettings(this CreateProjectCommand source, JsonObject? metadata);

    /// <param name="metadata">The metadata to merge: the request's, with its managed fields moved in.</param>
    [MapperIgnoreSource(nameof(UpdateProjectCommand.Metadata))]
    public static partial ProjectSettings ToSettings(this UpdateProjectCommand source, JsonObject? metadata);

    /// <summary>The budget fields of a project request (LiteLLM's request models inherit <c>LiteLLM_BudgetTable</c>).</summary>
    [MapperIgnoreTarget(nameof(BudgetSettings.BudgetResetAt))]
    public static partial BudgetSettings ToBudgetSettings(this ProjectRequestFields source);

    private static BudgetDto? MapBudget(Budget? source) => source?.ToDto();

    private static ObjectPermissionDto? MapPermission(ObjectPermission? source) => source?.ToDto();
}
