using ProxyAdmin.Application.Keys;
using ProxyAdmin.Application.Teams;

namespace ProxyAdmin.Application.Users.Queries.GetUserInfo;

/// <summary>LiteLLM's <c>/user/info</c> shape.</summary>
public sealed record UserInfoDto
{
    public required string UserId { get; init; }
    public required UserDto UserInfo { get; init; }
    public required List<KeyDto> Keys { get; init; }

    /// <summary>The teams the user belongs to, as <c>/team/list</c> returns them, sorted by alias.</summary>
    public required List<TeamDto> Teams { get; init; }
}
