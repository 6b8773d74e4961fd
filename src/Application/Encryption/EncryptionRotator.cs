using ProxyAdmin.Application.Common.Secrets;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Encryption;

namespace ProxyAdmin.Application.Encryption;

/// <summary>
/// Runs one batch of the running rotation: in one transaction (the write lock every command takes), reads the run and
/// its cursor, re-encrypts the next rows not yet under the run's key, audits each row it changed (which keys, never a
/// value), moves the cursor past the batch and commits. Whichever replica takes the lock next continues from the
/// committed cursor, so no row is re-encrypted twice, and a crash loses only the uncommitted batch.
/// </summary>
public sealed class EncryptionRotator(
    IEncryptionRepository encryption,
    SealedValues sealedValues,
    ISecretProtector protector,
    IAuditTrail audit,
    IUnitOfWork unitOfWork,
    TimeProvider clock)
{
    /// <summary>Runs one batch of at most <paramref name="batchSize"/> rows.</summary>
    public async Task<RotationBatchOutcome> RunBatchAsync(int batchSize, CancellationToken cancellationToken)
    {
        // Looked at without the write lock first: an idle replica asks often, and must not queue writers to learn nothing.
        if (Outcome(await encryption.ReadLatestAsync(cancellationToken)) is { } nothingToDo)
        {
            return nothingToDo;
        }

        await using var transaction = await unitOfWork.BeginTransactionAsync(cancellationToken);
        var rotation = await encryption.GetRunningAsync(cancellationToken);
        if (Outcome(rotation) is { } finishedMeanwhile)
        {
            return finishedMeanwhile;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (!rotation!.ModelsDone)
        {
            var models = await encryption.ModelsAfterAsync(rotation.ModelsAfter, batchSize, cancellationToken);
            foreach (var model in models)
            {
                var resealed = sealedValues.Reseal(model.LitellmParams);
                if (Record(rotation, resealed, AuditTables.Models, model.ModelId))
                {
                    model.Reseal(resealed.Values);
                }
            }

            rotation.PassModels(models.LastOrDefault()?.ModelId, exhausted: models.Count < batchSize, now);
        }
        else
        {
            var credentials = await encryption.CredentialsAfterAsync(rotation.CredentialsAfter, batchSize, cancellationToken);
            foreach (var credential in credentials)
            {
                var resealed = sealedValues.Reseal(credential.Values);
                if (Record(rotation, resealed, AuditTables.Credentials, credential.CredentialName))
                {
                    credential.Reseal(resealed.Values);
                }
            }

            rotation.PassCredentials(credentials.LastOrDefault()?.CredentialId, exhausted: credentials.Count < batchSize, now);
        }

        if (rotation.State == EncryptionRotationState.Completed)
        {
            audit.RecordOnBehalfOf(rotation.StartedBy, rotation.StartedByKey, AuditAction.Updated, AuditTables.EncryptionRotations, rotation.RotationId, before: null, after: rotation.ToDto());
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return rotation.State == EncryptionRotationState.Completed ? RotationBatchOutcome.Completed : RotationBatchOutcome.MoreToDo;
    }

    /// <summary>Why there is no batch to run: no running rotation, or one under a key this replica does not seal with; null when there is one.</summary>
    private RotationBatchOutcome? Outcome(EncryptionRotation? rotation) =>
        rotation is not { State: EncryptionRotationState.Running } ? RotationBatchOutcome.Idle
        // Another replica started it under its active key: this one would seal under the wrong key.
        : !string.Equals(rotation.TargetKeyId, protector.ActiveKeyId, StringComparison.OrdinalIgnoreCase) ? RotationBatchOutcome.OtherKey
        : null;

    /// <returns>Whether the row's values change.</returns>
    private bool Record(EncryptionRotation rotation, ResealedValues resealed, string table, string objectId)
    {
        rotation.Count(resealed.Reencrypted, resealed.Unreadable);
        if (resealed.Reencrypted == 0)
        {
            return false;
        }

        audit.RecordOnBehalfOf(
            rotation.StartedBy,
            rotation.StartedByKey,
            AuditAction.Reencrypted,
            table,
            objectId,
            before: new ReencryptionAuditDto { SealedUnder = [.. resealed.FromKeyIds], Values = resealed.Reencrypted, RotationId = rotation.RotationId },
            after: new ReencryptionAuditDto { SealedUnder = [rotation.TargetKeyId], Values = resealed.Reencrypted, RotationId = rotation.RotationId });
        return true;
    }
}
