using ProxyAdmin.Application.Keys;
using ProxyAdmin.Application.Organizations;
using ProxyAdmin.Application.Teams;
using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Application.Users.Commands.DeleteUsers;

/// <summary>
/// <c>POST /user/delete</c>: deletes the users, every key they own and their team and organization memberships, in
/// one transaction (a user created later under the same id starts with none of them). All ids are checked first: if any is unknown, nothing is deleted.
/// </summary>
[Authorize(AccessPolicy.ProxyAdmin)]
public sealed record DeleteUsersCommand : ICommand<DeletedUsersDto>
{
    public required List<string> UserIds { get; init; }
}

public sealed class DeleteUsersCommandValidator : AbstractValidator<DeleteUsersCommand>
{
    public DeleteUsersCommandValidator()
    {
        RuleFor(c => c.UserIds).NotEmpty().WithMessage("'user_ids' must list at least one user id.");
        RuleForEach(c => c.UserIds).NotEmpty().WithMessage("'user_ids' must not contain empty values.");
    }
}

public sealed class DeleteUsersCommandHandler(
    IUserRepository users,
    IVirtualKeyRepository keys,
    ITeamRepository teams,
    IOrganizationRepository organizations,
    IAuditTrail audit,
    IUnitOfWork unitOfWork,
    ICurrentCaller caller,
    EntityTags tags,
    TimeProvider clock) : ICommandHandler<DeleteUsersCommand, DeletedUsersDto>
{
    public async ValueTask<DeletedUsersDto> Handle(DeleteUsersCommand command, CancellationToken cancellationToken)
    {
        var requested = command.UserIds.Distinct(StringComparer.Ordinal).ToList();
        var found = await users.GetManyAsync(requested, cancellationToken);
        var missing = requested.Except(found.Select(u => u.UserId), StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            throw new NotFoundException($"User(s) not found: {string.Join(", ", missing)}. Nothing was deleted.", "user_ids");
        }

        var versions = found.ToDictionary(u => u.UserId, u => u.Version, StringComparer.Ordinal);
        tags.EnsureCurrent(AuditTables.Users, command.UserIds.ConvertAll(id => (id, versions[id])));

        var ownedKeys = await keys.GetByUsersAsync(requested, cancellationToken);
        foreach (var key in ownedKeys)
        {
            audit.Record(AuditAction.Deleted, AuditTables.Keys, key.Token, key.ToDto(), after: null);
            keys.Remove(key);
        }

        var stamp = caller.Stamp(clock);
        foreach (var team in await teams.GetTeamsWithMembersAsync(requested, cancellationToken))
        {
            var before = team.ToDto();
            foreach (var userId in requested)
            {
                team.RemoveMember(userId, stamp);
            }

            audit.Record(AuditAction.Updated, AuditTables.Teams, team.TeamId, before, team.ToDto());
        }

        foreach (var organization in await organizations.GetWithMembersAsync(requested, cancellationToken))
        {
            var removed = organization.Members
                .Where(m => requested.Contains(m.UserId))
                .Select(m => OrganizationMembershipDto.From(organization.OrganizationId, m, budget: null))
                .ToList();
            foreach (var membership in removed)
            {
                organization.RemoveMember(membership.UserId, stamp);
            }

            audit.Record(
                AuditAction.Updated,
                AuditTables.Organizations,
                organization.OrganizationId,
                OrganizationMembersChangeDto.Of(organization.OrganizationId, removed),
                OrganizationMembersChangeDto.Of(organization.OrganizationId, []));
        }

        foreach (var user in found)
        {
            audit.Record(AuditAction.Deleted, AuditTables.Users, user.UserId, user.ToDto(), after: null);
            users.Remove(user);
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return new DeletedUsersDto
        {
            DeletedUsers = found.ConvertAll(u => u.UserId),
            DeletedKeys = ownedKeys.ConvertAll(k => k.Token),
        };
    }
}
