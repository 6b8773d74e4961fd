using ProxyAdmin.Domain.Common;

namespace ProxyAdmin.Domain.Encryption;

/// <summary>
/// One run of re-encrypting every stored secret under <see cref="TargetKeyId"/>, in batches. Its cursors are committed
/// with each batch, in the batch's transaction: a crash loses at most the batch that was running, which rolls back, and
/// the next batch (on any replica) starts where the last committed one ended, so no row is re-encrypted twice.
/// Models go first, then credentials.
/// </summary>
public sealed class EncryptionRotation : AggregateRoot
{
    private EncryptionRotation()
    {
    }

    public string RotationId { get; private set; } = null!;

    /// <summary>The salt key every value is re-encrypted under: the active key of the replica that started the run.</summary>
    public string TargetKeyId { get; private set; } = null!;

    public EncryptionRotationState State { get; private set; }

    /// <summary>The last model id a committed batch handled; null before the first.</summary>
    public string? ModelsAfter { get; private set; }

    public bool ModelsDone { get; private set; }

    /// <summary>The last credential id a committed batch handled; null before the first.</summary>
    public string? CredentialsAfter { get; private set; }

    public bool CredentialsDone { get; private set; }

    /// <summary>Rows whose values were re-encrypted (rows already under the target key are passed over, not counted).</summary>
    public long RowsReencrypted { get; private set; }

    public long ValuesReencrypted { get; private set; }

    /// <summary>Values that could not be decrypted with any configured key, and so were left as they are.</summary>
    public long UnreadableValues { get; private set; }

    public DateTime StartedAt { get; private set; }
    public string StartedBy { get; private set; } = null!;

    /// <summary>The key the run was started with (its hash), named by the audit rows of every batch.</summary>
    public string StartedByKey { get; private set; } = null!;

    public DateTime? CompletedAt { get; private set; }

    public static EncryptionRotation Start(string targetKeyId, AuditStamp started, string startedByKey) => new()
    {
        RotationId = Guid.NewGuid().ToString(),
        TargetKeyId = targetKeyId,
        State = EncryptionRotationState.Running,
        StartedAt = started.At,
        StartedBy = started.By,
        StartedByKey = startedByKey,
    };

    /// <summary>
    /// Records a batch of models that ended at <paramref name="lastModelId"/>; a short batch (<paramref name="exhausted"/>)
    /// ends the models, and the run when the credentials are done too (at <paramref name="at"/>).
    /// </summary>
    public void PassModels(string? lastModelId, bool exhausted, DateTime at)
    {
        EnsureRunning();
        ModelsAfter = lastModelId ?? ModelsAfter;
        ModelsDone = exhausted;
        CompleteWhenDone(at);
    }

    /// <summary>Records a batch of credentials that ended at <paramref name="lastCredentialId"/>, as <see cref="PassModels"/> does.</summary>
    public void PassCredentials(string? lastCredentialId, bool exhausted, DateTime at)
    {
        EnsureRunning();
        CredentialsAfter = lastCredentialId ?? CredentialsAfter;
        CredentialsDone = exhausted;
        CompleteWhenDone(at);
    }

    /// <summary>Counts one row of the batch: <paramref name="reencrypted"/> values sealed anew, <paramref name="unreadable"/> left as they were.</summary>
    public void Count(int reencrypted, int unreadable)
    {
        if (reencrypted > 0)
        {
            RowsReencrypted++;
            ValuesReencrypted += reencrypted;
        }

        UnreadableValues += unreadable;
    }

    /// <summary>Stops a run that another run (under another key) replaces; what it did stays done.</summary>
    public void Supersede(DateTime at)
    {
        EnsureRunning();
        State = EncryptionRotationState.Superseded;
        CompletedAt = at;
    }

    private void CompleteWhenDone(DateTime at)
    {
        if (ModelsDone && CredentialsDone)
        {
            State = EncryptionRotationState.Completed;
            CompletedAt = at;
        }
    }

    private void EnsureRunning()
    {
        if (State != EncryptionRotationState.Running)
        {
            throw new InvalidOperationException($"The encryption rotation {RotationId} is {State}, not running.");
        }
    }
}
