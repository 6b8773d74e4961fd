using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Application.Keys.Commands.UnblockKey;

/// <summary><c>POST /key/unblock</c>: a blocked key works again. Proxy admins only.</summary>
[Authorize(AccessPolicy.ProxyAdmin)]
public sealed record UnblockKeyCommand(string Key) : ICommand<KeyDto>;

public sealed class UnblockKeyCommandValidator : AbstractValidator<UnblockKeyCommand>
{
    public UnblockKeyCommandValidator() => RuleFor(c => c.Key).NotEmpty().WithMessage("'key' is required.");
}

public sealed class UnblockKeyCommandHandler(
    IVirtualKeyRepository keys,
    IVirtualKeySecrets secrets,
    IAuditTrail audit,
    IUnitOfWork unitOfWork,
    ICurrentCaller caller,
    TimeProvider clock) : ICommandHandler<UnblockKeyCommand, KeyDto>
{
    public async ValueTask<KeyDto> Handle(UnblockKeyCommand command, CancellationToken cancellationToken)
    {
        var key = await keys.GetByTokenAsync(secrets.ToHash(command.Key), cancellationToken) ?? throw KeyAccess.NotFound(command.Key);
        var before = key.ToDto();
        key.Unblock(caller.Stamp(clock));
        var after = key.ToDto();
        audit.Record(AuditAction.Unblocked, AuditTables.Keys, key.Token, before, after);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return after;
    }
}
