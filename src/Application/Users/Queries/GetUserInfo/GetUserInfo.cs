using ProxyAdmin.Application.Keys;
using ProxyAdmin.Application.Teams;
using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Application.Users.Queries.GetUserInfo;

/// <summary>
/// <c>GET /user/info?user_id=</c>: a user with its keys and its teams (team objects, sorted by alias, as
/// LiteLLM's <c>user_info</c>). Without <c>user_id</c>, the caller's own row. Only admins and admin viewers may
/// read another user; a key without a user has no row of its own to read.
/// </summary>
[Authorize(AccessPolicy.SelfServiceRead)]
public sealed record GetUserInfoQuery(string? UserId) : IQuery<UserInfoDto>;

public sealed class GetUserInfoQueryHandler(IUserRepository users, IReadRepository reads, ICurrentCaller caller, EntityTags tags)
    : IQueryHandler<GetUserInfoQuery, UserInfoDto>
{
    /// <summary>A user's key list is bounded so one row can never pull a whole table.</summary>
    public const int MaxKeysShown = 1000;

    public async ValueTask<UserInfoDto> Handle(GetUserInfoQuery query, CancellationToken cancellationToken)
    {
        var self = caller.Principal.UserId;
        var userId = string.IsNullOrEmpty(query.UserId)
            ? self ?? throw new NotFoundException("The key you authenticated with belongs to no user: pass user_id.", "user_id")
            : query.UserId;
        if (userId != self && !caller.ReadsEverything())
        {
            throw new ForbiddenAccessException($"key not allowed to access this user's info. user_id={userId}, key's user_id={self}");
        }

        var user = await users.GetAsync(userId, cancellationToken)
            ?? throw new NotFoundException($"User {userId} not found.", "user_id");
        var keys = await reads.ListAsync(new KeysOwnedBy(userId, MaxKeysShown), cancellationToken);
        tags.Answer(AuditTables.Users, user.UserId, user.Version);
        var teams = await reads.ListAsync(new TeamsMatching(user.UserId, teamId: null, organizationId: null, aliasSearch: null), cancellationToken);
        return new UserInfoDto
        {
            UserId = user.UserId,
            UserInfo = user.ToDto(),
            Keys = keys.ConvertAll(k => k.ToDto()),
            Teams = teams.ConvertAll(t => t.ToDto()),
        };
    }
}
