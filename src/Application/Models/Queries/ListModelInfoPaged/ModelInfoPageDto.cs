namespace ProxyAdmin.Application.Models.Queries.ListModelInfoPaged;

public sealed record ModelInfoPageDto
{
    public required List<ModelDto> Data { get; init; }

    /// <summary>
    /// How many rows match the filters. Unfiltered (as an admin lists everything) it is the count the database keeps
    /// in the transaction of every write: exact as of the moment it is read, read without a scan. Filtered (a team, a
    /// user, a search …, and the caller's own scope for whoever does not read everything) it is counted when asked,
    /// through the filter's index: exact, at a cost that follows the matching rows rather than the table. Page and
    /// count are two reads: a write committed between them may make them differ by that write.
    /// </summary>
    public required int TotalCount { get; init; }
    public required int CurrentPage { get; init; }
    public required int TotalPages { get; init; }
    public required int Size { get; init; }

    /// <summary>
    /// The cursor of this page's last row: send it as <c>after</c> (with the same filters and sort) for the next
    /// page; null on the last page. Opaque; a cursor of another list, filter or sort is refused (400, <c>after</c>).
    /// </summary>
    public required string? NextCursor { get; init; }
}
