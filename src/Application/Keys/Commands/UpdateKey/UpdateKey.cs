using System.Text.Json.Nodes;
using ProxyAdmin.Application.Common.Validation;
using ProxyAdmin.Application.Users;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Keys;

namespace ProxyAdmin.Application.Keys.Commands.UpdateKey;

/// <summary>
/// <c>POST /key/update</c>: changes only the fields sent; <c>metadata</c> is merged. <c>key</c> is the
/// secret or its hash. Non-admins update only their own keys and cannot hand them to someone else or
/// unblock them.
/// </summary>
[Authorize(AccessPolicy.SelfServiceWrite)]
public sealed record UpdateKeyCommand : ICommand<KeyDto>
{
    public required string Key { get; init; }
    public string? KeyAlias { get; init; }
    public string? UserId { get; init; }
    public string? TeamId { get; init; }

    /// <summary>A project of the key's team; the team is taken from the project when the key has none.</summary>
    public string? ProjectId { get; init; }

    public List<string>? Models { get; init; }
    public double? MaxBudget { get; init; }
    public long? TpmLimit { get; init; }
    public long? RpmLimit { get; init; }
    public int? MaxParallelRequests { get; init; }
    public string? BudgetDuration { get; init; }

    /// <summary>A new lifetime counted from now, e.g. <c>30d</c>.</summary>
    public string? Duration { get; init; }

    public JsonObject? Metadata { get; init; }
    public bool? Blocked { get; init; }
}

public sealed class UpdateKeyCommandValidator : AbstractValidator<UpdateKeyCommand>
{
    public UpdateKeyCommandValidator()
    {
        RuleFor(c => c.Key).NotEmpty().WithMessage("'key' is required.");
        RuleFor(c => c.KeyAlias).NotEmpty().When(c => c.KeyAlias is not null).MaximumLength(VirtualKey.AliasMaxLength);
        RuleFor(c => c.UserId).Identifier(Domain.Users.User.IdMaxLength).NotReservedUserId("user_id");
        RuleFor(c => c.TeamId).Identifier(Domain.Users.User.IdMaxLength);
        RuleFor(c => c.ProjectId).Identifier(Domain.Projects.Project.IdMaxLength);
        RuleFor(c => c.Models).NonBlankItems();
        RuleFor(c => c.MaxBudget).FiniteNonNegative();
        RuleFor(c => c.TpmLimit).NonNegative();
        RuleFor(c => c.RpmLimit).NonNegative();
        RuleFor(c => c.MaxParallelRequests).NonNegative();
        RuleFor(c => c.BudgetDuration).Duration();
        RuleFor(c => c.Duration).Duration();
    }
}

public sealed class UpdateKeyCommandHandler(
    IVirtualKeyRepository keys,
    IUserRepository users,
    KeyPlacementRules placement,
    IVirtualKeySecrets secrets,
    IAuditTrail audit,
    IUnitOfWork unitOfWork,
    IKeyLookupCache keyLookups,
    ICurrentCaller caller,
    TimeProvider clock) : ICommandHandler<UpdateKeyCommand, KeyDto>
{
    public async ValueTask<KeyDto> Handle(UpdateKeyCommand command, CancellationToken cancellationToken)
    {
        var key = caller.EnsureManageable(await keys.GetByTokenAsync(secrets.ToHash(command.Key), cancellationToken), command.Key);
        if (!caller.IsProxyAdmin())
        {
            if (command.UserId is not null && command.UserId != key.UserId)
            {
                throw new ForbiddenAccessException("Only proxy admins can move a key to another user.");
            }

            if (command.Blocked == false && key.Blocked)
            {
                throw new ForbiddenAccessException("Only proxy admins can unblock a key.");
            }
        }

        if (command.KeyAlias is { } alias && alias != key.KeyAlias && await keys.AliasExistsAsync(alias, cancellationToken))
        {
            throw new ConflictException($"Key with alias '{alias}' already exists.", "key_alias");
        }

        if (command.UserId is { } newOwner && newOwner != key.UserId && !await users.ExistsAsync(newOwner, cancellationToken))
        {
            throw new NotFoundException($"User {newOwner} not found.", "user_id");
        }

        var teamId = command.TeamId ?? key.TeamId;
        if ((command.ProjectId ?? key.ProjectId) is { } projectId && (command.ProjectId is not null || command.TeamId is not null))
        {
            teamId = await placement.TeamForProjectAsync(projectId, teamId, cancellationToken);
        }

        if (teamId != key.TeamId)
        {
            await placement.EnsureTeamUsableAsync(teamId, cancellationToken);
        }

        var before = key.ToDto();
        var stamp = caller.Stamp(clock);
        if (command.UserId is { } owner && owner != key.UserId)
        {
            key.AssignTo(owner, stamp);
        }

        key.Update(command.ToSettings(teamId), stamp);
        var after = key.ToDto();
        audit.Record(AuditAction.Updated, AuditTables.Keys, key.Token, before, after);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        unitOfWork.OnCommitted(keyLookups.InvalidateAll);
        return after;
    }
}
