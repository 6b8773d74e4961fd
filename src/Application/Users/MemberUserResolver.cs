using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Application.Users;

/// <summary>
/// Resolves a member named by user id or by email to its user, creating the user when it does not exist yet (as
/// LiteLLM does for team and organization members), the creation audited in the same transaction. A reserved id
/// (<see cref="ReservedUserIds"/>) is never resolved.
/// </summary>
public sealed class MemberUserResolver(IUserRepository users, IAuditTrail audit)
{
    /// <param name="memberOf">What the user is to become a member of, for the refusal (<c>team</c>, <c>organization</c>).</param>
    /// <param name="stamp">The command's stamp: a user created here carries the same author and instant as the change.</param>
    /// <returns>The user, and whether it was created here.</returns>
    public async Task<(User User, bool Created)> ResolveAsync(string? userId, string? userEmail, string memberOf, AuditStamp stamp, CancellationToken cancellationToken)
    {
        var existing = userId is not null
            ? await users.GetAsync(userId, cancellationToken)
            : await users.FindByEmailAsync(userEmail!, cancellationToken);
        if (existing is not null)
        {
            // A user row under a reserved id (LiteLLM's admin UI writes default_user_id) is found by its email too.
            if (ReservedUserIds.IsReserved(existing.UserId))
            {
                throw new BadRequestException(
                    $"The user with this email has the reserved id '{existing.UserId}', which can never be {("aeiou".Contains(memberOf[0]) ? "an" : "a")} {memberOf} member.",
                    userId is null ? "user_email" : "user_id");
            }

            return (existing, false);
        }

        var created = User.Create(userId ?? Guid.NewGuid().ToString(), UserRole.InternalUser, new UserProfile { UserEmail = userEmail }, stamp);
        users.Add(created);
        audit.Record(AuditAction.Created, AuditTables.Users, created.UserId, before: null, after: created.ToDto());
        return (created, true);
    }
}
