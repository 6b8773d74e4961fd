using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using ProxyAdmin.Application.Common.Interfaces;
using ProxyAdmin.Domain.Idempotency;

namespace ProxyAdmin.Application.UnitTests.TestSupport;

/// <summary>Records by caller and key; what was added, so a test sees what a transaction would have saved.</summary>
public sealed class InMemoryIdempotencyRecords : IIdempotencyRecords
{
    private readonly ConcurrentDictionary<(string, string), IdempotencyRecord> _records = new();

    public IReadOnlyCollection<IdempotencyRecord> All => [.. _records.Values];

    public Task<IdempotencyRecord?> ReadAsync(string callerScope, string idempotencyKey, CancellationToken cancellationToken) =>
        Task.FromResult(_records.GetValueOrDefault((callerScope, idempotencyKey)));

    public Task<IdempotencyRecord?> GetAsync(string callerScope, string idempotencyKey, CancellationToken cancellationToken) =>
        ReadAsync(callerScope, idempotencyKey, cancellationToken);

    public void Add(IdempotencyRecord record) => _records[(record.CallerScope, record.IdempotencyKey)] = record;

    public Task<bool> AnyExpiredAsync(DateTime now, CancellationToken cancellationToken) =>
        Task.FromResult(_records.Values.Any(r => !r.IsLiveAt(now)));

    public Task<int> DeleteExpiredAsync(DateTime now, int count, CancellationToken cancellationToken)
    {
        var expired = _records.Where(r => !r.Value.IsLiveAt(now)).Take(count).ToList();
        foreach (var (key, _) in expired)
        {
            _records.TryRemove(key, out _);
        }

        return Task.FromResult(expired.Count);
    }

    public async IAsyncEnumerable<string> LiveSealedResponsesAsync(DateTime now, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        foreach (var record in _records.Values.Where(r => r.IsLiveAt(now)))
        {
            yield return record.SealedResponse;
        }
    }
}
