using System.Runtime.CompilerServices;

namespace ProxyAdmin.Application.Audit.Queries.ExportAuditLog;

/// <summary>
/// <c>GET /audit/export</c>: the links of the audit chain after sequence <see cref="After"/>, in chain order, at most
/// <see cref="Limit"/>, each as <c>GET /audit/{id}</c> shows it (secrets were masked when the row was written and stay
/// so), read in batches as they are written out. A SIEM that keeps the last sequence it stored sends it as
/// <c>after</c> next time, and can recompute every hash itself.
/// </summary>
[Authorize(AccessPolicy.AdminRead)]
public sealed record ExportAuditLogQuery : IQuery<IAsyncEnumerable<AuditLogDto>>
{
    public const int MaxLimit = 100_000;

    /// <summary>The sequence after which the export begins; 0, the start of the chain, when not sent.</summary>
    public long After { get; init; }

    public int Limit { get; init; } = 1000;
}

public sealed class ExportAuditLogQueryValidator : AbstractValidator<ExportAuditLogQuery>
{
    public ExportAuditLogQueryValidator()
    {
        RuleFor(q => q.After).GreaterThanOrEqualTo(0);
        RuleFor(q => q.Limit).InclusiveBetween(1, ExportAuditLogQuery.MaxLimit);
    }
}

public sealed class ExportAuditLogQueryHandler(IReadRepository reads) : IQueryHandler<ExportAuditLogQuery, IAsyncEnumerable<AuditLogDto>>
{
    public const int BatchSize = 500;

    public ValueTask<IAsyncEnumerable<AuditLogDto>> Handle(ExportAuditLogQuery query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(RowsAsync(query.After, query.Limit, cancellationToken));

    private async IAsyncEnumerable<AuditLogDto> RowsAsync(long after, int limit, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var remaining = limit;
        while (remaining > 0)
        {
            var batch = await reads.ListAsync(new AuditChainAfter(after, Math.Min(BatchSize, remaining)), cancellationToken);
            foreach (var row in batch)
            {
                yield return AuditLogDto.From(row);
            }

            if (batch.Count < Math.Min(BatchSize, remaining))
            {
                yield break;
            }

            remaining -= batch.Count;
            after = batch[^1].Sequence!.Value;
        }
    }
}
