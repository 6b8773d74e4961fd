using System.Runtime.CompilerServices;
using ProxyAdmin.Domain.Idempotency;

namespace ProxyAdmin.Infrastructure.Data.Repositories;

internal sealed class IdempotencyRecordRepository(ProxyAdminDbContext db) : IIdempotencyRecords
{
    public Task<IdempotencyRecord?> ReadAsync(string callerScope, string idempotencyKey, CancellationToken cancellationToken) =>
        db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.CallerScope == callerScope && r.IdempotencyKey == idempotencyKey, cancellationToken);

    public Task<IdempotencyRecord?> GetAsync(string callerScope, string idempotencyKey, CancellationToken cancellationToken) =>
        db.IdempotencyRecords.FirstOrDefaultAsync(r => r.CallerScope == callerScope && r.IdempotencyKey == idempotencyKey, cancellationToken);

    public void Add(IdempotencyRecord record) => db.IdempotencyRecords.Add(record);

    public Task<bool> AnyExpiredAsync(DateTime now, CancellationToken cancellationToken) =>
        db.IdempotencyRecords.AnyAsync(r => r.ExpiresAt <= now, cancellationToken);

    public async Task<int> DeleteExpiredAsync(DateTime now, int count, CancellationToken cancellationToken)
    {
        var expired = await db.IdempotencyRecords.Where(r => r.ExpiresAt <= now).OrderBy(r => r.ExpiresAt).Take(count).ToListAsync(cancellationToken);
        db.IdempotencyRecords.RemoveRange(expired);
        return expired.Count;
    }

    public async IAsyncEnumerable<string> LiveSealedResponsesAsync(DateTime now, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var sealedResponse in db.IdempotencyRecords.AsNoTracking().Where(r => r.ExpiresAt > now).Select(r => r.SealedResponse)
            .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return sealedResponse;
        }
    }
}
