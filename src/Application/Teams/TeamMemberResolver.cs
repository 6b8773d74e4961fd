using ProxyAdmin.Application.Users;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Teams;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Application.Teams;

/// <summary>
/// Resolves requested members to users, creating the users that do not exist yet (as LiteLLM does), each
/// creation audited in the same transaction. A reserved id (<see cref="ReservedUserIds"/>) is never resolved.
/// </summary>
public sealed class TeamMemberResolver(IUserRepository users, IAuditTrail audit)
{
    /// <param name="stamp">The command's stamp: a user created here carries the same author and instant as the team change.</param>
    public async Task<(TeamMember Member, User? CreatedUser)> ResolveAsync(TeamMemberRequest request, AuditStamp stamp, CancellationToken cancellationToken)
    {
        var role = request.Role ?? TeamRole.User;
        var existing = request.UserId is { } userId
            ? await users.GetAsync(userId, cancellationToken)
            : await users.FindByEmailAsync(request.UserEmail!, cancellationToken);
        if (existing is not null)
        {
            // A user row under a reserved id (LiteLLM's admin UI writes default_user_id) is found by its email too.
            if (ReservedUserIds.IsReserved(existing.UserId))
            {
                throw new BadRequestException(
                    $"The user with this email has the reserved id '{existing.UserId}', which can never be a team member.",
                    request.UserId is null ? "user_email" : "user_id");
            }

            return (new TeamMember(existing.UserId, existing.UserEmail, role), null);
        }

        var created = User.Create(request.UserId ?? Guid.NewGuid().ToString(), UserRole.InternalUser, new UserProfile { UserEmail = request.UserEmail }, stamp);
        users.Add(created);
        audit.Record(AuditAction.Created, AuditTables.Users, created.UserId, before: null, after: created.ToDto());
        return (new TeamMember(created.UserId, created.UserEmail, role), created);
    }
}
