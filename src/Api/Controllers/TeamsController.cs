using ProxyAdmin.Api.OpenApi;
using ProxyAdmin.Application.Teams;
using ProxyAdmin.Application.Teams.Commands.AddTeamMembers;
using ProxyAdmin.Application.Teams.Commands.AddTeamModels;
using ProxyAdmin.Application.Teams.Commands.BlockTeam;
using ProxyAdmin.Application.Teams.Commands.CreateTeam;
using ProxyAdmin.Application.Teams.Commands.DeleteTeamMember;
using ProxyAdmin.Application.Teams.Commands.DeleteTeamModels;
using ProxyAdmin.Application.Teams.Commands.DeleteTeams;
using ProxyAdmin.Application.Teams.Commands.UnblockTeam;
using ProxyAdmin.Application.Teams.Commands.UpdateTeam;
using ProxyAdmin.Application.Teams.Commands.UpdateTeamMember;
using ProxyAdmin.Application.Teams.Commands.UpdateTeamPermissions;
using ProxyAdmin.Application.Teams.Queries.GetTeamInfo;
using ProxyAdmin.Application.Teams.Queries.GetTeamPermissions;
using ProxyAdmin.Application.Teams.Queries.ListTeams;
using ProxyAdmin.Application.Teams.Queries.ListTeamsPaged;

namespace ProxyAdmin.Api.Controllers;

[Tags("teams")]
public sealed class TeamsController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>Creates a team; unknown members are created as users.</summary>
    [RequestExample(
        "litellm/proxy/management_endpoints/team_endpoints.py, new_team, Example Request",
        """
        {
          "team_alias": "my-new-team_2",
          "members_with_roles": [{"role": "admin", "user_id": "user-1234"}, {"role": "user", "user_id": "user-2434"}]
        }
        """)]
    [HttpPost("/team/new")]
    [ProducesResponseType<TeamDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<TeamDto>> Create(CreateTeamCommand command, CancellationToken cancellationToken) =>
        await Sender.Send(command, cancellationToken);

    /// <summary>Changes the fields sent; <c>metadata</c> and <c>model_aliases</c> are merged.</summary>
    [HttpPost("/team/update")]
    [ProducesResponseType<UpdatedTeamDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<UpdatedTeamDto>> Update(UpdateTeamCommand command, CancellationToken cancellationToken) =>
        await Sender.Send(command, cancellationToken);

    /// <summary>The team with its keys (no hashes) and memberships.</summary>
    [HttpGet("/team/info")]
    [ProducesResponseType<TeamInfoDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<TeamInfoDto>> Info([FromQuery(Name = "team_id")] string? teamId, CancellationToken cancellationToken) =>
        await Sender.Send(new GetTeamInfoQuery(teamId ?? string.Empty), cancellationToken);

    /// <summary>Every team the caller may see, sorted by alias (LiteLLM's array shape).</summary>
    [HttpGet("/team/list")]
    [ProducesResponseType<List<TeamDto>>(StatusCodes.Status200OK)]
    public async Task<ActionResult<List<TeamDto>>> List(
        [FromQuery(Name = "user_id")] string? userId = null,
        [FromQuery(Name = "organization_id")] string? organizationId = null,
        CancellationToken cancellationToken = default) =>
        await Sender.Send(new ListTeamsQuery(userId, organizationId), cancellationToken);

    /// <summary>One page of the teams the caller may see.</summary>
    /// <param name="page">The 1-based page (LiteLLM's offset paging); 1 when neither it nor <c>after</c> is sent. Not together with <c>after</c>.</param>
    /// <param name="after">The <c>next_cursor</c> of the previous page (keyset paging, with the same filters): every page costs the same.</param>
    [HttpGet("/v2/team/list")]
    [ProducesResponseType<TeamPageDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<TeamPageDto>> ListPaged(
        [FromQuery(Name = "page")] int? page = null,
        [FromQuery(Name = "page_size")] int pageSize = 10,
        [FromQuery(Name = "team_alias")] string? teamAlias = null,
        [FromQuery(Name = "user_id")] string? userId = null,
        [FromQuery(Name = "organization_id")] string? organizationId = null,
        [FromQuery(Name = "after")] string? after = null,
        CancellationToken cancellationToken = default) =>
        await Sender.Send(
            new ListTeamsPagedQuery { Page = page, After = after, PageSize = pageSize, TeamAlias = teamAlias, UserId = userId, OrganizationId = organizationId },
            cancellationToken);

    /// <summary>Adds one member or several; a user already in the team refuses the request.</summary>
    [HttpPost("/team/member_add")]
    [ProducesResponseType<TeamMembersAddedDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<TeamMembersAddedDto>> AddMembers(AddTeamMembersCommand command, CancellationToken cancellationToken) =>
        await Sender.Send(command, cancellationToken);

    /// <summary>Removes a member.</summary>
    [HttpPost("/team/member_delete")]
    [ProducesResponseType<TeamDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<TeamDto>> DeleteMember(DeleteTeamMemberCommand command, CancellationToken cancellationToken) =>
        await Sender.Send(command, cancellationToken);

    /// <summary>Changes a member's role.</summary>
    [HttpPost("/team/member_update")]
    [ProducesResponseType<TeamMemberUpdatedDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<TeamMemberUpdatedDto>> UpdateMember(UpdateTeamMemberCommand command, CancellationToken cancellationToken) =>
        await Sender.Send(command, cancellationToken);

    /// <summary>Adds models to the team's list.</summary>
    /// <summary>What the team's non-admin members may do with its keys, and every permission there is.</summary>
    [HttpGet("/team/permissions_list")]
    [ProducesResponseType<TeamPermissionsDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<TeamPermissionsDto>> Permissions([FromQuery(Name = "team_id")] string? teamId, CancellationToken cancellationToken) =>
        await Sender.Send(new GetTeamPermissionsQuery(teamId ?? string.Empty), cancellationToken);

    /// <summary>Replaces what the team's non-admin members may do with its keys.</summary>
    [HttpPost("/team/permissions_update")]
    [ProducesResponseType<TeamDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<TeamDto>> UpdatePermissions(UpdateTeamPermissionsCommand command, CancellationToken cancellationToken) =>
        await Sender.Send(command, cancellationToken);

    [HttpPost("/team/model/add")]
    [ProducesResponseType<TeamDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<TeamDto>> AddModels(AddTeamModelsCommand command, CancellationToken cancellationToken) =>
        await Sender.Send(command, cancellationToken);

    /// <summary>Removes models from the team's list.</summary>
    [HttpPost("/team/model/delete")]
    [ProducesResponseType<TeamDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<TeamDto>> DeleteModels(DeleteTeamModelsCommand command, CancellationToken cancellationToken) =>
        await Sender.Send(command, cancellationToken);

    /// <summary>Blocks the team: its keys stop working at once.</summary>
    [HttpPost("/team/block")]
    [ProducesResponseType<TeamDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<TeamDto>> Block(BlockTeamCommand command, CancellationToken cancellationToken) =>
        await Sender.Send(command, cancellationToken);

    /// <summary>Unblocks the team.</summary>
    [HttpPost("/team/unblock")]
    [ProducesResponseType<TeamDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<TeamDto>> Unblock(UnblockTeamCommand command, CancellationToken cancellationToken) =>
        await Sender.Send(command, cancellationToken);

    /// <summary>Deletes teams with their keys and memberships; nothing is deleted unless all exist.</summary>
    [HttpPost("/team/delete")]
    [ProducesResponseType<DeletedTeamsDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<DeletedTeamsDto>> Delete(DeleteTeamsCommand command, CancellationToken cancellationToken) =>
        await Sender.Send(command, cancellationToken);
}
