using ProxyAdmin.Application.Common.Idempotency;
using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Application.Keys.Commands.RegenerateKey;

/// <summary>
/// <c>POST /key/regenerate</c> (and <c>/key/{key}/regenerate</c>): rotates the secret, and applies the other fields of
/// LiteLLM's <c>RegenerateKeyRequest</c> as <c>/key/update</c> would. The old secret stops working at once; the new one
/// (generated, or <c>new_key</c>) is returned this once. Owners and proxy admins.
/// </summary>
[Authorize(AccessPolicy.SelfServiceWrite)]
public sealed record RegenerateKeyCommand : KeyRequestFields, ICommand<GeneratedKeyDto>, IIdempotentCommand
{
    /// <summary>The key to rotate: its secret or its hash (the route's, in the path form).</summary>
    public string? Key { get; init; }

    /// <summary>The new secret, <c>sk-</c>…, instead of a generated one; proxy admins only.</summary>
    public string? NewKey { get; init; }

    /// <summary>Not supported: the previous secret stops working at once.</summary>
    public string? GracePeriod { get; init; }

    /// <summary>Not supported: the master key is configuration here.</summary>
    public string? NewMasterKey { get; init; }
}

public sealed class RegenerateKeyCommandValidator : KeyRequestValidator<RegenerateKeyCommand>
{
    public RegenerateKeyCommandValidator()
    {
        RuleFor(c => c.Key).NotEmpty().WithMessage("'key' is required.");
        RuleFor(c => c.NewKey).VirtualKeySecret();
        RuleFor(c => c.GracePeriod).Null()
            .WithMessage("grace_period is not supported yet: the previous secret stops working as soon as the key is regenerated.");
        RuleFor(c => c.NewMasterKey).Null()
            .WithMessage("new_master_key is not supported: the master key is configuration here (ProxyAdmin__MasterKey), not something a request rotates.");
    }
}

public sealed class RegenerateKeyCommandHandler(
    IVirtualKeyRepository keys,
    KeyUpdater updater,
    IVirtualKeySecrets secrets,
    IAuditTrail audit,
    IUnitOfWork unitOfWork,
    ICurrentCaller caller,
    TimeProvider clock) : ICommandHandler<RegenerateKeyCommand, GeneratedKeyDto>
{
    public async ValueTask<GeneratedKeyDto> Handle(RegenerateKeyCommand command, CancellationToken cancellationToken)
    {
        var presented = command.Key!;
        var key = caller.EnsureManageable(await keys.GetByTokenAsync(secrets.ToHash(presented), cancellationToken), presented);
        if (command.NewKey is { } chosen)
        {
            await updater.EnsureChosenSecretAllowedAsync(chosen, "new_key", cancellationToken);
        }

        var before = key.ToDto();
        var stamp = caller.Stamp(clock);
        await updater.ApplyAsync(key, command, stamp, cancellationToken);
        var (plaintext, stored) = command.NewKey is { } secret ? (secret, secrets.Stored(secret)) : secrets.NewSecret();
        key.Rotate(stored, stamp);
        audit.Record(AuditAction.Rotated, AuditTables.Keys, key.Token, before, key.ToDto());
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return key.ToGeneratedDto(plaintext);
    }
}
