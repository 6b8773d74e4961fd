namespace ProxyAdmin.Application.Common.Paging;

/// <summary>
/// The rows a paged read asks the database for: <see cref="Skip"/> is the offset of <c>page</c> (0 when paging by
/// cursor, where the position is a condition on the sort key instead), <see cref="Take"/> one row more than the page
/// shows (<see cref="PageSlice"/>).
/// </summary>
public readonly record struct PageWindow(int Skip, int Take)
{
    /// <summary>The window of a request: the 1-based <paramref name="page"/>, or the start of the cursor's rest when it is null.</summary>
    public static PageWindow For(int? page, int pageSize) =>
        new(((page ?? 1) - 1) * pageSize, PageSlice.Lookahead(pageSize));
}
