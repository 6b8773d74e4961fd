namespace ProxyAdmin.Application.Models.Queries.ListModelInfo;

/// <summary><c>{"data": [...]}</c>, LiteLLM's shape of <c>/model/info</c>.</summary>
public sealed record ModelInfoListDto
{
    public required List<ModelDto> Data { get; init; }
}
