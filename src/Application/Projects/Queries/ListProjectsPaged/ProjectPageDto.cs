namespace ProxyAdmin.Application.Projects.Queries.ListProjectsPaged;

public sealed record ProjectPageDto
{
    public required List<ProjectDto> Projects { get; init; }
    public required int Total { get; init; }
    public required int Page { get; init; }
    public required int PageSize { get; init; }
    public required int TotalPages { get; init; }
}
