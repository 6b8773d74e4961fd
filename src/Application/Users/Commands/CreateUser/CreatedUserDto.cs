using System.Text.Json.Nodes;
using ProxyAdmin.Application.Common.Validation;
using ProxyAdmin.Application.Keys;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Keys;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Application.Users.Commands.CreateUser;

/// <summary>The new user, and the first key's secret when one was issued (shown this once only).</summary>
public sealed record CreatedUserDto : UserDto
{
    public required string? Key { get; init; }
    public required string? KeyName { get; init; }
    public required string? TokenId { get; init; }
    public required DateTime? Expires { get; init; }
}
