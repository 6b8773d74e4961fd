using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Application.Keys.Commands.RegenerateKey;

/// <summary>
/// <c>POST /key/regenerate</c> (and <c>/key/{key}/regenerate</c>): rotates the secret. The old secret
/// stops working at once; the new one is returned this once. Owners and proxy admins.
/// </summary>
[Authorize(AccessPolicy.SelfServiceWrite)]
public sealed record RegenerateKeyCommand(string Key) : ICommand<GeneratedKeyDto>;

public sealed class RegenerateKeyCommandValidator : AbstractValidator<RegenerateKeyCommand>
{
    public RegenerateKeyCommandValidator() => RuleFor(c => c.Key).NotEmpty().WithMessage("'key' is required.");
}

public sealed class RegenerateKeyCommandHandler(
    IVirtualKeyRepository keys,
    IVirtualKeySecrets secrets,
    IAuditTrail audit,
    IUnitOfWork unitOfWork,
    IKeyLookupCache keyLookups,
    ICurrentCaller caller,
    TimeProvider clock) : ICommandHandler<RegenerateKeyCommand, GeneratedKeyDto>
{
    public async ValueTask<GeneratedKeyDto> Handle(RegenerateKeyCommand command, CancellationToken cancellationToken)
    {
        var key = caller.EnsureManageable(await keys.GetByTokenAsync(secrets.ToHash(command.Key), cancellationToken), command.Key);
        var before = key.ToDto();
        var (plaintext, stored) = secrets.NewSecret();
        key.Rotate(stored, caller.Stamp(clock));
        audit.Record(AuditAction.Rotated, AuditTables.Keys, key.Token, before, key.ToDto());
        await unitOfWork.SaveChangesAsync(cancellationToken);
        unitOfWork.OnCommitted(keyLookups.InvalidateAll);
        return key.ToGeneratedDto(plaintext);
    }
}
