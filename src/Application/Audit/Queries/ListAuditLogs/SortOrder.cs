namespace ProxyAdmin.Application.Audit.Queries.ListAuditLogs;

public enum SortOrder
{
    Asc,
    Desc,
}
