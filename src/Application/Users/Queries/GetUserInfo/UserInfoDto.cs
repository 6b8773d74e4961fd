using ProxyAdmin.Application.Keys;

namespace ProxyAdmin.Application.Users.Queries.GetUserInfo;

/// <summary>LiteLLM's <c>/user/info</c> shape.</summary>
public sealed record UserInfoDto
{
    public required string UserId { get; init; }
    public required UserDto UserInfo { get; init; }
    public required List<KeyDto> Keys { get; init; }

    /// <summary>Ids of the teams the user belongs to.</summary>
    public required List<string> Teams { get; init; }
}
