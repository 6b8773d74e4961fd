using ProxyAdmin.Application.Users;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Teams;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Application.Teams;

/// <summary>Resolves requested team members to users (<see cref="MemberUserResolver"/>: unknown users are created).</summary>
public sealed class TeamMemberResolver(MemberUserResolver users)
{
    /// <param name="stamp">The command's stamp: a user created here carries the same author and instant as the team change.</param>
    public async Task<(TeamMember Member, User? CreatedUser)> ResolveAsync(TeamMemberRequest request, AuditStamp stamp, CancellationToken cancellationToken)
    {
        var (user, created) = await users.ResolveAsync(request.UserId, request.UserEmail, "team", stamp, cancellationToken);
        return (new TeamMember(user.UserId, user.UserEmail, request.Role ?? TeamRole.User), created ? user : null);
    }
}
