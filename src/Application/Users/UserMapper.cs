using ProxyAdmin.Application.Users.Commands.CreateUser;
using ProxyAdmin.Application.Users.Commands.UpdateUser;
using ProxyAdmin.Domain.Users;
using Riok.Mapperly.Abstractions;

namespace ProxyAdmin.Application.Users;

/// <summary>
/// Users to responses, and requests to the profile fields a user takes. Every target member must be mapped
/// (<see cref="RequiredMappingStrategy.Target"/>), so a field added to <see cref="UserProfile"/> that no request
/// fills is a build error, not a silently dropped value.
/// </summary>
[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class UserMapper
{
    public static partial UserDto ToDto(this User source);

    public static partial CreatedUserDto ToCreatedDto(this User source, string? key, string? keyName, string? tokenId, DateTime? expires, string? teamId);

    public static partial UserProfile ToProfile(this CreateUserCommand source);

    public static partial UserProfile ToProfile(this UpdateUserCommand source);
}
