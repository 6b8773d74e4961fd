namespace ProxyAdmin.Application.Common.Idempotency;

/// <summary>
/// Deletes the records whose window has closed, so a replayable answer (and a new key's secret in it, sealed as it is)
/// is kept no longer than the window. One batch per transaction, under the write lock every command takes; looked at
/// first without it, so an idle replica never queues writers or moves the revision to learn there is nothing to do.
/// Expired records are never replayed even before they are purged (<see cref="IdempotentResponses"/>).
/// </summary>
public sealed class IdempotencyPurger(IIdempotencyRecords records, IUnitOfWork unitOfWork, TimeProvider clock)
{
    /// <summary>Deletes up to <paramref name="batchSize"/> expired records; how many it deleted (0: nothing left).</summary>
    public async Task<int> PurgeBatchAsync(int batchSize, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (!await records.AnyExpiredAsync(now, cancellationToken))
        {
            return 0;
        }

        await using var transaction = await unitOfWork.BeginTransactionAsync(cancellationToken);
        var deleted = await records.DeleteExpiredAsync(now, batchSize, cancellationToken);
        if (deleted == 0)
        {
            return 0;
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }
}
