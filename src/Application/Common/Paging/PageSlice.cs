namespace ProxyAdmin.Application.Common.Paging;

/// <summary>
/// A page read with one row more than it shows: the extra row says whether another page follows, without a second
/// query and without a count.
/// </summary>
public static class PageSlice
{
    /// <summary>The rows to ask the database for: one more than the page shows.</summary>
    public static int Lookahead(int pageSize) => pageSize + 1;

    /// <summary>The page's rows, and the cursor of its last row when more follow (null on the last page).</summary>
    public static (List<T> Items, string? NextCursor) Of<T>(List<T> found, int pageSize, Func<T, string> cursorOf)
    {
        if (found.Count <= pageSize)
        {
            return (found, null);
        }

        var items = found.GetRange(0, pageSize);
        return (items, cursorOf(items[^1]));
    }
}
