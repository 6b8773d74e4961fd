namespace ProxyAdmin.Application.Models.Queries.ListOpenAiModels;

public sealed record OpenAiModelListDto
{
    public required List<OpenAiModelDto> Data { get; init; }

    /// <summary>Always <c>list</c>.</summary>
    public required string Object { get; init; }
}
