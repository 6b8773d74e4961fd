using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Application.Keys.Commands.BlockKey;

/// <summary><c>POST /key/block</c>: the key stops authenticating at once. Proxy admins only.</summary>
[Authorize(AccessPolicy.ProxyAdmin)]
public sealed record BlockKeyCommand(string Key) : ICommand<KeyDto>;

public sealed class BlockKeyCommandValidator : AbstractValidator<BlockKeyCommand>
{
    public BlockKeyCommandValidator() => RuleFor(c => c.Key).NotEmpty().WithMessage("'key' is required.");
}

public sealed class BlockKeyCommandHandler(
    IVirtualKeyRepository keys,
    IVirtualKeySecrets secrets,
    IAuditTrail audit,
    IUnitOfWork unitOfWork,
    ICurrentCaller caller,
    TimeProvider clock) : ICommandHandler<BlockKeyCommand, KeyDto>
{
    public async ValueTask<KeyDto> Handle(BlockKeyCommand command, CancellationToken cancellationToken)
    {
        var key = await keys.GetByTokenAsync(secrets.ToHash(command.Key), cancellationToken) ?? throw KeyAccess.NotFound(command.Key);
        var before = key.ToDto();
        key.Block(caller.Stamp(clock));
        var after = key.ToDto();
        audit.Record(AuditAction.Blocked, AuditTables.Keys, key.Token, before, after);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return after;
    }
}
