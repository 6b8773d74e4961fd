using ProxyAdmin.Api.OpenApi;
using ProxyAdmin.Application.Projects;
using ProxyAdmin.Application.Projects.Commands.CreateProject;
using ProxyAdmin.Application.Projects.Commands.DeleteProjects;
using ProxyAdmin.Application.Projects.Commands.UpdateProject;
using ProxyAdmin.Application.Projects.Queries.GetProjectInfo;
using ProxyAdmin.Application.Projects.Queries.ListProjects;
using ProxyAdmin.Application.Projects.Queries.ListProjectsPaged;

namespace ProxyAdmin.Api.Controllers;

[Tags("projects")]
public sealed class ProjectsController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>Creates a project under a team, within the team's limits.</summary>
    [RequestExample(
        "litellm/proxy/management_endpoints/project_endpoints.py, new_project, Example 1",
        """
        {
          "project_alias": "flight-search-assistant",
          "description": "AI-powered flight search and booking assistant",
          "team_id": "team-123",
          "models": ["gpt-4", "gpt-3.5-turbo"],
          "max_budget": 100,
          "model_rpm_limit": {"gpt-4": 1000, "gpt-3.5-turbo": 5000},
          "model_tpm_limit": {"gpt-4": 50000, "gpt-3.5-turbo": 100000},
          "metadata": {"use_case_id": "SNOW-12345", "responsible_ai_id": "RAI-67890"}
        }
        """)]
    [HttpPost("/project/new")]
    [ProducesResponseType<ProjectDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<ProjectDto>> Create(CreateProjectCommand command, CancellationToken cancellationToken) =>
        await Sender.Send(command, cancellationToken);

    /// <summary>Changes the fields sent; <c>metadata</c> is merged; budget fields update the budget row.</summary>
    [HttpPost("/project/update")]
    [ProducesResponseType<ProjectDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<ProjectDto>> Update(UpdateProjectCommand command, CancellationToken cancellationToken) =>
        await Sender.Send(command, cancellationToken);

    /// <summary>Deletes projects (JSON body <c>{"project_ids": [...]}</c>); nothing is deleted unless all can be.</summary>
    [HttpDelete("/project/delete")]
    [ProducesResponseType<List<ProjectDto>>(StatusCodes.Status200OK)]
    public async Task<ActionResult<List<ProjectDto>>> Delete([FromBody] DeleteProjectsCommand command, CancellationToken cancellationToken) =>
        await Sender.Send(command, cancellationToken);

    /// <summary>One project with its budget row and object permission.</summary>
    [HttpGet("/project/info")]
    [ProducesResponseType<ProjectDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<ProjectDto>> Info([FromQuery(Name = "project_id")] string? projectId, CancellationToken cancellationToken) =>
        await Sender.Send(new GetProjectInfoQuery(projectId ?? string.Empty), cancellationToken);

    /// <summary>Every project the caller may see (LiteLLM's array shape), streamed.</summary>
    [HttpGet("/project/list")]
    [ProducesResponseType<List<ProjectDto>>(StatusCodes.Status200OK)]
    public async Task<IAsyncEnumerable<ProjectDto>> List([FromQuery(Name = "team_id")] string? teamId, CancellationToken cancellationToken) =>
        await Sender.Send(new ListProjectsQuery(teamId), cancellationToken);

    /// <summary>One page of the projects the caller may see.</summary>
    /// <param name="page">The 1-based page (LiteLLM's offset paging); 1 when neither it nor <c>after</c> is sent. Not together with <c>after</c>.</param>
    /// <param name="after">The <c>next_cursor</c> of the previous page (keyset paging, with the same filters): every page costs the same.</param>
    [HttpGet("/v2/project/list")]
    [ProducesResponseType<ProjectPageDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<ProjectPageDto>> ListPaged(
        [FromQuery(Name = "page")] int? page = null,
        [FromQuery(Name = "page_size")] int pageSize = 10,
        [FromQuery(Name = "team_id")] string? teamId = null,
        [FromQuery(Name = "search")] string? search = null,
        [FromQuery(Name = "after")] string? after = null,
        CancellationToken cancellationToken = default) =>
        await Sender.Send(new ListProjectsPagedQuery { Page = page, After = after, PageSize = pageSize, TeamId = teamId, Search = search }, cancellationToken);
}
