using ProxyAdmin.Application.Audit.Queries.ListAuditLogs;
using ProxyAdmin.Application.Common.Paging;
using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Application.Audit;

/// <summary>
/// The audit rows a <c>GET /audit</c> request filters for, in its sort order (time, then id, both one way); paged
/// only when a window is given, and after the (updated_at, id) of <c>after</c> when that is.
/// </summary>
public sealed class AuditLogsMatching : Specification<AuditEntry>
{
    public AuditLogsMatching(ListAuditLogsQuery query, PageWindow? window = null, (DateTime UpdatedAt, Guid Id)? after = null)
    {
        if (query.Action is { } action)
        {
            Query.Where(e => e.Action == action);
        }

        if (query.TableName is { } table)
        {
            Query.Where(e => e.TableName == table);
        }

        if (query.ObjectId is { } objectId)
        {
            Query.Where(e => e.ObjectId == objectId);
        }

        if (query.ChangedBy is { } changedBy)
        {
            Query.Where(e => e.ChangedBy == changedBy);
        }

        if (query.StartDate is { } start)
        {
            var from = AsUtc(start);
            Query.Where(e => e.UpdatedAt >= from);
        }

        if (query.EndDate is { } end)
        {
            var to = AsUtc(end);
            Query.Where(e => e.UpdatedAt <= to);
        }

        if (after is { } position)
        {
            var (updatedAt, id) = position;
            if (query.SortOrder == SortOrder.Desc)
            {
                Query.Where(e => e.UpdatedAt <= updatedAt && (e.UpdatedAt < updatedAt || e.Id.CompareTo(id) < 0));
            }
            else
            {
                Query.Where(e => e.UpdatedAt >= updatedAt && (e.UpdatedAt > updatedAt || e.Id.CompareTo(id) > 0));
            }
        }

        if (query.SortOrder == SortOrder.Desc)
        {
            Query.OrderByDescending(e => e.UpdatedAt).ThenByDescending(e => e.Id);
        }
        else
        {
            Query.OrderBy(e => e.UpdatedAt).ThenBy(e => e.Id);
        }

        if (window is { } w)
        {
            Query.Window(w);
        }
    }

    /// <summary>
    /// Audit times are stored in UTC; a date sent without a zone (<c>2026-11-24T10:00:00</c>) means UTC too, not
    /// the server's local time, so the same query answers the same wherever the service runs.
    /// </summary>
    private static DateTime AsUtc(DateTime value) =>
        value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : value.ToUniversalTime();
}

/// <summary>
/// The links of the audit chain after sequence <c>after</c> (and up to <c>upTo</c> when given), in chain order, at
/// most <c>take</c>: one seek on the sequence's unique index.
/// </summary>
public sealed class AuditChainAfter : Specification<AuditEntry>
{
    public AuditChainAfter(long after, int take, long? upTo = null)
    {
        Query.Where(e => e.Sequence != null && e.Sequence > after);
        if (upTo is { } last)
        {
            Query.Where(e => e.Sequence <= last);
        }

        Query.OrderBy(e => e.Sequence).Take(take);
    }
}

/// <summary>The audit row with the highest sequence.</summary>
public sealed class LastAuditChainLink : Specification<AuditEntry>
{
    public LastAuditChainLink() =>
        Query.Where(e => e.Sequence != null).OrderByDescending(e => e.Sequence).Take(1);
}

/// <summary>The first audit row, by time then id, that is not a link of the chain (it holds no sequence).</summary>
public sealed class FirstUnchainedAuditEntry : Specification<AuditEntry>
{
    public FirstUnchainedAuditEntry() =>
        Query.Where(e => e.Sequence == null).OrderBy(e => e.UpdatedAt).ThenBy(e => e.Id).Take(1);
}

/// <summary>The audit chain's head row.</summary>
public sealed class TheAuditChainHead : Specification<AuditChainHead>
{
    public TheAuditChainHead() => Query.Where(h => h.Id == AuditChainHead.RowId);
}
