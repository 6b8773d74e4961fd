namespace ProxyAdmin.Application.Models.Queries.GetModelInfo;

/// <summary><c>{"data": {...}}</c>: <c>/model/info</c> for one requested id, as LiteLLM answers.</summary>
public sealed record ModelInfoSingleDto
{
    public required ModelDto Data { get; init; }
}
