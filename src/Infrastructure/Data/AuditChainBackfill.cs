using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Infrastructure.Data;

/// <summary>
/// Chains the audit rows that hold no sequence yet: those written before the chain existed (the migration that added
/// it leaves them as they were), and any an earlier version wrote during a rolling upgrade. Run at start-up, before
/// the service answers, in the order of <c>GET /audit?sort_order=asc</c> (time, then id), appended after the rows
/// already chained. One batch per transaction, under the write lock like any command, so replicas starting together
/// chain each row once and in one order; a start cut short resumes where the last committed batch ended.
/// </summary>
internal static partial class AuditChainBackfill
{
    public const int BatchSize = 500;

    /// <summary>How many rows were chained.</summary>
    public static async Task<long> RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        long chained = 0;
        while (true)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ProxyAdminDbContext>();

            // Read first without the lock: on every start but the first there is nothing to chain, and no revision is taken.
            if (!await db.AuditLogs.AnyAsync(e => e.Sequence == null, cancellationToken))
            {
                break;
            }

            var unitOfWork = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
            await using var transaction = await unitOfWork.BeginTransactionAsync(cancellationToken);
            var rows = await db.AuditLogs
                .Where(e => e.Sequence == null)
                .OrderBy(e => e.UpdatedAt).ThenBy(e => e.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            if (rows.Count == 0)
            {
                // Another replica chained them between the read and the lock; the rollback gives the revision back.
                break;
            }

            var head = await db.AuditChainHeads.SingleAsync(h => h.Id == AuditChainHead.RowId, cancellationToken);
            foreach (var row in rows)
            {
                head.Append(row);
            }

            await unitOfWork.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            chained += rows.Count;
        }

        if (chained > 0)
        {
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AuditChainBackfill).FullName!);
            Chained(logger, chained);
        }

        return chained;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Chained {Rows} audit rows that were written before the audit chain.")]
    private static partial void Chained(ILogger logger, long rows);
}
