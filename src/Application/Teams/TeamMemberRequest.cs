using ProxyAdmin.Application.Common.Validation;
using ProxyAdmin.Application.Users;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Teams;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Application.Teams;

/// <summary>A member as requests name one: by user id or by email, with a role (default <c>user</c>).</summary>
public sealed record TeamMemberRequest
{
    public string? UserId { get; init; }
    public string? UserEmail { get; init; }
    public TeamRole? Role { get; init; }
}

public sealed class TeamMemberRequestValidator : AbstractValidator<TeamMemberRequest>
{
    public TeamMemberRequestValidator()
    {
        RuleFor(m => m.UserId)
            .Must((member, userId) => userId is not null || member.UserEmail is not null)
            .WithMessage("Either user id or user email must be provided");
        RuleFor(m => m.UserId).Identifier(User.IdMaxLength);
        RuleFor(m => m.UserEmail).EmailAddress().MaximumLength(User.EmailMaxLength);
        RuleFor(m => m.Role).IsInEnum().WithMessage("'role' must be 'admin' or 'user'.");
    }
}

/// <summary>
/// Resolves requested members to users, creating the users that do not exist yet (as LiteLLM does), each
/// creation audited in the same transaction.
/// </summary>
public sealed class TeamMemberResolver(IUserRepository users, IAuditTrail audit, ICurrentCaller caller, TimeProvider clock)
{
    public async Task<(TeamMember Member, User? CreatedUser)> ResolveAsync(TeamMemberRequest request, CancellationToken cancellationToken)
    {
        var role = request.Role ?? TeamRole.User;
        var existing = request.UserId is { } userId
            ? await users.GetAsync(userId, cancellationToken)
            : await users.FindByEmailAsync(request.UserEmail!, cancellationToken);
        if (existing is not null)
        {
            return (new TeamMember(existing.UserId, existing.UserEmail, role), null);
        }

        var created = User.Create(
            request.UserId ?? Guid.NewGuid().ToString(),
            UserRole.InternalUser,
            new UserProfile { UserEmail = request.UserEmail },
            caller.UserId,
            clock.GetUtcNow().UtcDateTime);
        users.Add(created);
        audit.Record(AuditAction.Created, AuditTables.Users, created.UserId, before: null, after: created.ToDto());
        return (new TeamMember(created.UserId, created.UserEmail, role), created);
    }
}
