namespace ProxyAdmin.Application.Keys;

/// <summary>The one response that carries a key's secret: generation and rotation.</summary>
public sealed record GeneratedKeyDto : KeyDto
{
    /// <summary>The secret, <c>sk-</c>…; shown once and never again.</summary>
    public required string Key { get; init; }

    /// <summary>LiteLLM's name for the hash; equal to <see cref="KeyDto.Token"/>.</summary>
    public required string TokenId { get; init; }
}
