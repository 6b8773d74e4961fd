namespace ProxyAdmin.Application.Models.Queries.GetModelGroupInfo;

public sealed record ModelGroupDto
{
    public required string ModelGroup { get; init; }
    public required List<string> Providers { get; init; }
    public required long? Tpm { get; init; }
    public required long? Rpm { get; init; }

    /// <summary><c>chat</c> unless model_info says otherwise.</summary>
    public required string Mode { get; init; }

    public required long? MaxInputTokens { get; init; }
    public required long? MaxOutputTokens { get; init; }
    public required double? InputCostPerToken { get; init; }
    public required double? OutputCostPerToken { get; init; }
}
