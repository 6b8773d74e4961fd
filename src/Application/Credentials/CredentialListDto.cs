namespace ProxyAdmin.Application.Credentials;

/// <summary>The answer of <c>GET /credentials</c>, in LiteLLM's shape.</summary>
public sealed record CredentialListDto
{
    public bool Success { get; init; } = true;

    /// <summary>The credentials the caller may see, by name.</summary>
    public required List<CredentialDto> Credentials { get; init; }
}
