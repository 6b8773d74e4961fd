namespace ProxyAdmin.Application.Models.Queries.ListOpenAiModels;

public sealed record OpenAiModelDto
{
    public required string Id { get; init; }

    /// <summary>Always <c>model</c>.</summary>
    public required string Object { get; init; }

    /// <summary>LiteLLM's fixed creation time, kept for clients that compare it.</summary>
    public required long Created { get; init; }

    public required string OwnedBy { get; init; }
}
