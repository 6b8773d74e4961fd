namespace ProxyAdmin.Application.Credentials;

/// <summary>
/// The answer of a credential write: LiteLLM's <c>{"success": true, "message": …}</c>, plus the credential as it now
/// stands (or stood, for a delete), masked.
/// </summary>
public sealed record CredentialWriteResultDto
{
    public bool Success { get; init; } = true;

    public required string Message { get; init; }

    public required CredentialDto Credential { get; init; }
}
