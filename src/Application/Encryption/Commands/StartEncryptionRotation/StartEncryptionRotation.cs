using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Encryption;

namespace ProxyAdmin.Application.Encryption.Commands.StartEncryptionRotation;

/// <summary>
/// <c>POST /encryption/rotate</c>: starts re-encrypting every stored secret under the active salt key, in batches, in
/// the background, while the service keeps serving. A run already going under the same key is simply reported;
/// a run under another key is superseded by the new one (what it did stays done). Proxy admins only.
/// </summary>
[Authorize(AccessPolicy.ProxyAdmin, Refusal = "Only proxy admins can rotate the encryption key")]
public sealed record StartEncryptionRotationCommand : ICommand<EncryptionRotationDto>;

public sealed class StartEncryptionRotationCommandHandler(
    IEncryptionRepository encryption,
    ISecretProtector protector,
    IEncryptionRotationSignal signal,
    IAuditTrail audit,
    IUnitOfWork unitOfWork,
    ICurrentCaller caller,
    TimeProvider clock) : ICommandHandler<StartEncryptionRotationCommand, EncryptionRotationDto>
{
    public async ValueTask<EncryptionRotationDto> Handle(StartEncryptionRotationCommand command, CancellationToken cancellationToken)
    {
        var running = await encryption.GetRunningAsync(cancellationToken);
        if (running is not null && string.Equals(running.TargetKeyId, protector.ActiveKeyId, StringComparison.OrdinalIgnoreCase))
        {
            unitOfWork.OnCommitted(signal.Wake);
            return running.ToDto();
        }

        var stamp = caller.Stamp(clock);
        if (running is not null)
        {
            var before = running.ToDto();
            running.Supersede(stamp.At);
            audit.Record(AuditAction.Updated, AuditTables.EncryptionRotations, running.RotationId, before, running.ToDto());
        }

        var rotation = EncryptionRotation.Start(protector.ActiveKeyId, stamp, caller.Principal.KeyToken);
        encryption.Add(rotation);
        var started = rotation.ToDto();
        audit.Record(AuditAction.Created, AuditTables.EncryptionRotations, rotation.RotationId, before: null, after: started);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        unitOfWork.OnCommitted(signal.Wake);
        return started;
    }
}
