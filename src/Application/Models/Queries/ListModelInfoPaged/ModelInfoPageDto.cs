namespace ProxyAdmin.Application.Models.Queries.ListModelInfoPaged;

public sealed record ModelInfoPageDto
{
    public required List<ModelDto> Data { get; init; }
    public required int TotalCount { get; init; }
    public required int CurrentPage { get; init; }
    public required int TotalPages { get; init; }
    public required int Size { get; init; }
}
