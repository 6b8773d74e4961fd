using ProxyAdmin.Application.Audit;
using ProxyAdmin.Application.Audit.Queries.GetAuditLog;
using ProxyAdmin.Application.Audit.Queries.ListAuditLogs;
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
}
