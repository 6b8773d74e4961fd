using ProxyAdmin.Application.Common.Paging;
using ProxyAdmin.Application.Common.Validation;
using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Application.Audit.Queries.ListAuditLogs;

public enum SortOrder
{
    Asc,
    Desc,
}
