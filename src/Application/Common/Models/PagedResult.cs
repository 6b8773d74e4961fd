namespace ProxyAdmin.Application.Common.Models;

/// <summary>One page of a list and the size of the whole list.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    public int TotalPages => Total == 0 ? 0 : (Total + PageSize - 1) / PageSize;
}

public static class Paging
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;
}
