using System.Text.Json.Nodes;

namespace ProxyAdmin.Application.Credentials;

/// <summary>
/// A stored credential as every route shows it (LiteLLM's <c>CredentialItem</c>). Secret-named values keep at most
/// their last four characters. To a team admin, who sees only the names its team's models use, both objects are null.
/// </summary>
public sealed record CredentialDto
{
    public required string CredentialName { get; init; }

    /// <summary>The values, masked; null when the caller may see only the name.</summary>
    public JsonObject? CredentialValues { get; init; }

    /// <summary>Free-form description (secret-named entries masked); null when the caller may see only the name.</summary>
    public JsonObject? CredentialInfo { get; init; }

    /// <summary>Names the values that could not be decrypted (shown as <c>****</c>) and how to recover; null when all could.</summary>
    public string? DecryptionError { get; init; }
}
