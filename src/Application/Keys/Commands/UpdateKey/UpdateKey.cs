using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Application.Keys.Commands.UpdateKey;

/// <summary>
/// <c>POST /key/update</c>: changes only the fields sent; <c>metadata</c> is merged, every other map and list replaces
/// the stored one. <c>key</c> is the secret or its hash. Non-admins update only their own keys and cannot hand them
/// to someone else, unblock them or set their spend. Answers as LiteLLM does: <c>{key, …the fields updated}</c>.
/// </summary>
[Authorize(AccessPolicy.SelfServiceWrite)]
public sealed record UpdateKeyCommand : KeyRequestFields, ICommand<UpdatedKeyDto>
{
    /// <summary>The key to change: its secret or its hash.</summary>
    public required string Key { get; init; }
}

public sealed class UpdateKeyCommandValidator : KeyRequestValidator<UpdateKeyCommand>
{
    public UpdateKeyCommandValidator() => RuleFor(c => c.Key).NotEmpty().WithMessage("'key' is required.");
}

public sealed class UpdateKeyCommandHandler(
    IVirtualKeyRepository keys,
    KeyUpdater updater,
    IVirtualKeySecrets secrets,
    IAuditTrail audit,
    IUnitOfWork unitOfWork,
    ICurrentCaller caller,
    EntityTags tags,
    TimeProvider clock) : ICommandHandler<UpdateKeyCommand, UpdatedKeyDto>
{
    public async ValueTask<UpdatedKeyDto> Handle(UpdateKeyCommand command, CancellationToken cancellationToken)
    {
        var key = caller.EnsureManageable(await keys.GetByTokenAsync(secrets.ToHash(command.Key), cancellationToken), command.Key);
        tags.EnsureCurrent(AuditTables.Keys, key.Token, key.Version);
        var before = key.ToDto();
        await updater.ApplyAsync(key, command, caller.Stamp(clock), cancellationToken);
        var after = key.ToDto();
        audit.Record(AuditAction.Updated, AuditTables.Keys, key.Token, before, after);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        tags.Answer(AuditTables.Keys, key.Token, key.Version);
        return after.ToUpdatedDto(KeyAccess.Describe(command.Key)).Including(UpdatedKeyDto.FieldsFor(command.SentFields()));
    }
}
