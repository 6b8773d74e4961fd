namespace ProxyAdmin.Application.Audit.Queries.ListAuditChanges;

/// <summary>
/// <c>GET /audit/changes</c>: the links of the audit chain after <see cref="After"/>, at once when there are any;
/// otherwise it waits up to <see cref="Wait"/> seconds for a write through any replica and answers what that write
/// chained, or nothing. It sleeps on this replica's database revision (woken by its own commits, the revision poll
/// and PostgreSQL's notifications), so a waiting client costs one read per write, not a loop; a client that
/// disconnects ends the wait.
/// </summary>
[Authorize(AccessPolicy.AdminRead)]
public sealed record ListAuditChangesQuery : IQuery<AuditChangesDto>
{
    public const int MaxWaitSeconds = 30;
    public const int MaxLimit = 1000;

    /// <summary>The last sequence the caller has; 0 for the start of the chain.</summary>
    public long After { get; init; }

    /// <summary>How long to wait for a row, in seconds (0 answers at once).</summary>
    public int Wait { get; init; }

    public int Limit { get; init; } = 100;
}

public sealed class ListAuditChangesQueryValidator : AbstractValidator<ListAuditChangesQuery>
{
    public ListAuditChangesQueryValidator()
    {
        RuleFor(q => q.After).GreaterThanOrEqualTo(0);
        RuleFor(q => q.Wait).InclusiveBetween(0, ListAuditChangesQuery.MaxWaitSeconds);
        RuleFor(q => q.Limit).InclusiveBetween(1, ListAuditChangesQuery.MaxLimit);
    }
}

public sealed class ListAuditChangesQueryHandler(IReadRepository reads, IAppliedRevision revisions, TimeProvider clock)
    : IQueryHandler<ListAuditChangesQuery, AuditChangesDto>
{
    public async ValueTask<AuditChangesDto> Handle(ListAuditChangesQuery query, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        var wait = TimeSpan.FromSeconds(query.Wait);
        while (true)
        {
            // The revision before the read: a write committed after the read moves it past this, so the wait below
            // cannot miss it.
            var seen = revisions.Applied;
            var rows = await reads.ListAsync(new AuditChainAfter(query.After, query.Limit), cancellationToken);
            var remaining = wait - clock.GetElapsedTime(started);
            if (rows.Count > 0 || remaining <= TimeSpan.Zero || !await revisions.WaitBeyondAsync(seen, remaining, cancellationToken))
            {
                return new AuditChangesDto
                {
                    Changes = rows.ConvertAll(AuditLogDto.From),
                    NextAfter = rows.Count > 0 ? rows[^1].Sequence!.Value : query.After,
                };
            }
        }
    }
}
