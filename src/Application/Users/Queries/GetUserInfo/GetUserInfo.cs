using ProxyAdmin.Application.Keys;
using ProxyAdmin.Application.Teams;

namespace ProxyAdmin.Application.Users.Queries.GetUserInfo;

/// <summary>
/// <c>GET /user/info?user_id=</c>: a user with its keys. Without <c>user_id</c>, the caller's own row.
/// Only admins and admin viewers may read another user.
/// </summary>
[Authorize(AccessPolicy.SelfServiceRead)]
public sealed record GetUserInfoQuery(string? UserId) : IQuery<UserInfoDto>;

public sealed class GetUserInfoQueryHandler(IUserRepository users, ITeamRepository teams, IReadRepository reads, ICurrentCaller caller)
    : IQueryHandler<GetUserInfoQuery, UserInfoDto>
{
    /// <summary>A user's key list is bounded so one row can never pull a whole table.</summary>
    public const int MaxKeysShown = 1000;

    public async ValueTask<UserInfoDto> Handle(GetUserInfoQuery query, CancellationToken cancellationToken)
    {
        var userId = string.IsNullOrEmpty(query.UserId) ? caller.UserId : query.UserId;
        if (userId != caller.UserId && !caller.ReadsEverything())
        {
            throw new ForbiddenAccessException($"key not allowed to access this user's info. user_id={userId}, key's user_id={caller.UserId}");
        }

        var user = await users.GetAsync(userId, cancellationToken)
            ?? throw new NotFoundException($"User {userId} not found.", "user_id");
        var keys = await reads.ListAsync(new KeysOwnedBy(userId, MaxKeysShown), cancellationToken);
        return new UserInfoDto
        {
            UserId = user.UserId,
            UserInfo = user.ToDto(),
            Keys = keys.ConvertAll(k => k.ToDto()),
            Teams = await teams.GetTeamIdsOfMemberAsync(user.UserId, cancellationToken),
        };
    }
}
