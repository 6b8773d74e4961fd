using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Application.Audit.Queries.VerifyAuditChain;

/// <summary>
/// <c>GET /audit/verify</c>: recomputes the audit chain from its first row to the head it reads first, in batches
/// (memory stays constant however long the chain), and reports the first row altered, missing, inserted or out of
/// order. Rows committed while it runs lie past that head and are left for the next check.
/// </summary>
[Authorize(AccessPolicy.AdminRead)]
public sealed record VerifyAuditChainQuery : IQuery<AuditChainVerificationDto>;

public sealed class VerifyAuditChainQueryHandler(IReadRepository reads) : IQueryHandler<VerifyAuditChainQuery, AuditChainVerificationDto>
{
    public const int BatchSize = 1000;

    public async ValueTask<AuditChainVerificationDto> Handle(VerifyAuditChainQuery query, CancellationToken cancellationToken)
    {
        var head = await HeadAsync(cancellationToken);
        var verifier = new AuditChainVerifier();
        var problem = await WalkAsync(verifier, head, cancellationToken)
            ?? verifier.Finish(head)
            ?? await UnchainedAsync(cancellationToken)
            ?? await PastTheHeadAsync(head, cancellationToken);
        return new AuditChainVerificationDto
        {
            Valid = problem is null,
            RowsChecked = verifier.RowsChecked,
            HeadSequence = head.Sequence,
            HeadHash = head.Hash,
            FirstProblem = problem is null ? null : AuditChainProblemDto.From(problem),
        };
    }

    private async Task<AuditChainProblem?> WalkAsync(AuditChainVerifier verifier, AuditChainHead head, CancellationToken cancellationToken)
    {
        long after = 0;
        while (true)
        {
            var batch = await reads.ListAsync(new AuditChainAfter(after, BatchSize, upTo: head.Sequence), cancellationToken);
            foreach (var row in batch)
            {
                if (verifier.Check(row) is { } problem)
                {
                    return problem;
                }
            }

            if (batch.Count < BatchSize)
            {
                return null;
            }

            after = batch[^1].Sequence!.Value;
        }
    }

    private async Task<AuditChainProblem?> UnchainedAsync(CancellationToken cancellationToken)
    {
        var unchained = (await reads.ListAsync(new FirstUnchainedAuditEntry(), cancellationToken)).FirstOrDefault();
        return unchained is null
            ? null
            : new AuditChainProblem(AuditChainFault.Inserted, null, unchained.Id, "An audit row holds no sequence: it was written around the service, not through the chain.");
    }

    /// <summary>
    /// A row past the head read at the start is either a write committed since or one inserted around the service. The
    /// head is read again after the row: a committed write moved the head in its own transaction, so by then the head
    /// covers it.
    /// </summary>
    private async Task<AuditChainProblem?> PastTheHeadAsync(AuditChainHead head, CancellationToken cancellationToken)
    {
        var last = (await reads.ListAsync(new LastAuditChainLink(), cancellationToken)).SingleOrDefault();
        if (last is null || last.Sequence <= head.Sequence)
        {
            return null;
        }

        var now = await HeadAsync(cancellationToken);
        return last.Sequence > now.Sequence
            ? new AuditChainProblem(AuditChainFault.Inserted, last.Sequence, last.Id, $"The row at sequence {last.Sequence} lies past the chain's head ({now.Sequence}).")
            : null;
    }

    private async Task<AuditChainHead> HeadAsync(CancellationToken cancellationToken) =>
        (await reads.ListAsync(new TheAuditChainHead(), cancellationToken)).SingleOrDefault()
        ?? throw new InvalidOperationException("The audit chain's head row is missing: the database was not migrated by this version of ProxyAdmin.");
}
