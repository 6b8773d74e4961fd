using ProxyAdmin.Domain.Idempotency;

namespace ProxyAdmin.Application.Common.Interfaces;

/// <summary>The stored first answers of requests sent with an Idempotency-Key (<see cref="IdempotencyRecord"/>).</summary>
public interface IIdempotencyRecords
{
    /// <summary>The caller's record under <paramref name="idempotencyKey"/>, expired or not, untracked; null when there is none.</summary>
    Task<IdempotencyRecord?> ReadAsync(string callerScope, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>The same, tracked, for the command's transaction to replay from or take over.</summary>
    Task<IdempotencyRecord?> GetAsync(string callerScope, string idempotencyKey, CancellationToken cancellationToken);

    void Add(IdempotencyRecord record);

    /// <summary>Whether any record expired at or before <paramref name="now"/> (looked at without the write lock).</summary>
    Task<bool> AnyExpiredAsync(DateTime now, CancellationToken cancellationToken);

    /// <summary>Deletes up to <paramref name="count"/> records expired at or before <paramref name="now"/>; how many it deleted.</summary>
    Task<int> DeleteExpiredAsync(DateTime now, int count, CancellationToken cancellationToken);

    /// <summary>The sealed answers of the records still live at <paramref name="now"/>, streamed, for counting their salt keys.</summary>
    IAsyncEnumerable<string> LiveSealedResponsesAsync(DateTime now, CancellationToken cancellationToken);
}
