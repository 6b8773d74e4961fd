using ProxyAdmin.Application.Audit;
using ProxyAdmin.Application.Audit.Queries.ExportAuditLog;
using ProxyAdmin.Application.Audit.Queries.GetAuditLog;
using ProxyAdmin.Application.Audit.Queries.ListAuditChanges;
using ProxyAdmin.Application.Audit.Queries.ListAuditLogs;
using ProxyAdmin.Application.Audit.Queries.VerifyAuditChain;
using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Api.Controllers;

[Tags("audit")]
public sealed class AuditController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>One page of audit rows (at most 100), newest first by default.</summary>
    /// <param name="page">The 1-based page (LiteLLM's offset paging); 1 when neither it nor <c>after</c> is sent. Not together with <c>after</c>.</param>
    /// <param name="after">The <c>next_cursor</c> of the previous page (keyset paging, with the same filters): every page costs the same.</param>
    [HttpGet("/audit")]
    [ProducesResponseType<AuditLogPageDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<AuditLogPageDto>> List(
        [FromQuery(Name = "page")] int? page = null,
        [FromQuery(Name = "page_size")] int pageSize = 10,
        [FromQuery(Name = "action")] AuditAction? action = null,
        [FromQuery(Name = "table_name")] string? tableName = null,
        [FromQuery(Name = "object_id")] string? objectId = null,
        [FromQuery(Name = "changed_by")] string? changedBy = null,
        [FromQuery(Name = "start_date")] DateTime? startDate = null,
        [FromQuery(Name = "end_date")] DateTime? endDate = null,
        [FromQuery(Name = "sort_order")] SortOrder sortOrder = SortOrder.Desc,
        [FromQuery(Name = "after")] string? after = null,
        CancellationToken cancellationToken = default) =>
        await Sender.Send(
            new ListAuditLogsQuery
            {
                Page = page,
                After = after,
                PageSize = pageSize,
                Action = action,
                TableName = tableName,
                ObjectId = objectId,
                ChangedBy = changedBy,
                StartDate = startDate,
                EndDate = endDate,
                SortOrder = sortOrder,
            },
            cancellationToken);

    /// <summary>One audit row.</summary>
    [HttpGet("/audit/{id:guid}")]
    [ProducesResponseType<AuditLogDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<AuditLogDto>> Get(Guid id, CancellationToken cancellationToken) =>
        await Sender.Send(new GetAuditLogQuery(id), cancellationToken);

    /// <summary>
    /// Recomputes the audit chain from its first row to its head and reports the first row altered, missing, inserted
    /// or out of order, with how many rows it checked (README, "Verifiable audit").
    /// </summary>
    [HttpGet("/audit/verify")]
    [ProducesResponseType<AuditChainVerificationDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<AuditChainVerificationDto>> Verify(CancellationToken cancellationToken) =>
        await Sender.Send(new VerifyAuditChainQuery(), cancellationToken);

    /// <summary>
    /// The audit chain after sequence <c>after</c>, in chain order, as JSON lines (<c>application/x-ndjson</c>), for a
    /// SIEM: each line one audit row exactly as <c>GET /audit/{id}</c> shows it, with its <c>sequence</c> and
    /// <c>hash</c>. Send the last sequence received as <c>after</c> to continue.
    /// </summary>
    /// <param name="after">The sequence after which the export begins; 0 (the default) for the start of the chain.</param>
    /// <param name="limit">At most this many rows (default 1000).</param>
    [HttpGet("/audit/export")]
    [ProducesResponseType<string>(StatusCodes.Status200OK, NdjsonResult<AuditLogDto>.ContentType)]
    public async Task<IActionResult> Export(
        [FromQuery(Name = "after")] long after = 0,
        [FromQuery(Name = "limit")] int limit = 1000,
        CancellationToken cancellationToken = default) =>
        new NdjsonResult<AuditLogDto>(await Sender.Send(new ExportAuditLogQuery { After = after, Limit = limit }, cancellationToken));

    /// <summary>
    /// The audit rows after sequence <c>after</c>: at once when there are any, else after waiting up to <c>wait</c>
    /// seconds (at most 30) for a write through any replica; an empty list when none came. Send <c>next_after</c> as
    /// the next call's <c>after</c>.
    /// </summary>
    /// <param name="after">The last sequence the caller has; 0 (the default) for the start of the chain.</param>
    /// <param name="wait">Seconds to wait for a row when there is none yet (0 to 30; 0, the default, answers at once).</param>
    /// <param name="limit">At most this many rows (default 100).</param>
    [HttpGet("/audit/changes")]
    [ProducesResponseType<AuditChangesDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<AuditChangesDto>> Changes(
        [FromQuery(Name = "after")] long after = 0,
        [FromQuery(Name = "wait")] int wait = 0,
        [FromQuery(Name = "limit")] int limit = 100,
        CancellationToken cancellationToken = default) =>
        await Sender.Send(new ListAuditChangesQuery { After = after, Wait = wait, Limit = limit }, cancellationToken);
}
