namespace ProxyAdmin.Application.Keys.Queries.ListKeys;

/// <summary>LiteLLM's <c>/key/list</c> shape, with full key objects.</summary>
public sealed record KeyPageDto
{
    public required List<KeyDto> Keys { get; init; }
    public required int TotalCount { get; init; }
    public required int CurrentPage { get; init; }
    public required int TotalPages { get; init; }
    public required int Size { get; init; }
}
