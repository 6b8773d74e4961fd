using ProxyAdmin.Api.OpenApi;
using ProxyAdmin.Application.Users.Commands.CreateUser;
using ProxyAdmin.Application.Users.Commands.DeleteUsers;
using ProxyAdmin.Application.Users.Commands.UpdateUser;
using ProxyAdmin.Application.Users.Queries.GetUserInfo;
using ProxyAdmin.Application.Users.Queries.ListUsers;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Api.Controllers;

[Tags("users")]
public sealed class UsersController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>Creates a user and, unless <c>auto_create_key</c> is false, its first key (secret shown once).</summary>
    [RequestExample(
        "docs/my-website/docs/proxy/self_serve.md, Add user with permissions to a team on proxy",
        """{"user_email": "krrishdholakia@gmail.com", "user_role": "internal_user"}""")]
    [HttpPost("/user/new")]
    [ProducesResponseType<CreatedUserDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<CreatedUserDto>> Create(CreateUserCommand command, CancellationToken cancellationToken) =>
        await Sender.Send(command, cancellationToken);

    /// <summary>A user with its keys; the caller's own without <c>user_id</c>.</summary>
    [HttpGet("/user/info")]
    [ProducesResponseType<UserInfoDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<UserInfoDto>> Info([FromQuery(Name = "user_id")] string? userId, CancellationToken cancellationToken) =>
        await Sender.Send(new GetUserInfoQuery(userId), cancellationToken);

    /// <summary>One page of users.</summary>
    /// <param name="page">The 1-based page (LiteLLM's offset paging); 1 when neither it nor <c>after</c> is sent. Not together with <c>after</c>.</param>
    /// <param name="after">The <c>next_cursor</c> of the previous page (keyset paging, with the same filters): every page costs the same.</param>
    [HttpGet("/user/list")]
    [ProducesResponseType<UserPageDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<UserPageDto>> List(
        [FromQuery(Name = "page")] int? page = null,
        [FromQuery(Name = "page_size")] int pageSize = Application.Common.Paging.PageSizes.Default,
        [FromQuery(Name = "role")] UserRole? role = null,
        [FromQuery(Name = "search")] string? search = null,
        [FromQuery(Name = "after")] string? after = null,
        CancellationToken cancellationToken = default) =>
        await Sender.Send(new ListUsersQuery { Page = page, After = after, PageSize = pageSize, Role = role, Search = search }, cancellationToken);

    /// <summary>Changes the fields sent; <c>metadata</c> is merged.</summary>
    [HttpPost("/user/update")]
    [ProducesResponseType<UpdatedUserDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<UpdatedUserDto>> Update(UpdateUserCommand command, CancellationToken cancellationToken) =>
        await Sender.Send(command, cancellationToken);

    /// <summary>Deletes users and their keys; nothing is deleted unless every id exists.</summary>
    [HttpPost("/user/delete")]
    [ProducesResponseType<DeletedUsersDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<DeletedUsersDto>> Delete(DeleteUsersCommand command, CancellationToken cancellationToken) =>
        await Sender.Send(command, cancellationToken);
}
