namespace ProxyAdmin.Application.Common.Paging;

/// <summary>One page of a list and the size of the whole list.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    public int TotalPages => Total == 0 ? 0 : (Total + PageSize - 1) / PageSize;
}
