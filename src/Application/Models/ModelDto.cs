using System.Text.Json.Nodes;

namespace ProxyAdmin.Application.Models;

/// <summary>
/// A deployment as reads and writes return it. Secrets in <c>litellm_params</c> are masked (at most the
/// last four characters); every other parameter is decrypted. <c>model_info</c> carries <c>id</c> and
/// <c>db_model</c> (false for config models).
/// </summary>
public sealed record ModelDto
{
    public required string ModelId { get; init; }
    public required string ModelName { get; init; }
    public required JsonObject LitellmParams { get; init; }
    public required JsonObject ModelInfo { get; init; }
    public required bool Blocked { get; init; }
    public required DateTime? CreatedAt { get; init; }
    public required string? CreatedBy { get; init; }
    public required DateTime? UpdatedAt { get; init; }
    public required string? UpdatedBy { get; init; }

    /// <summary>Set when stored parameters could not be decrypted (the salt key changed?); those parameters are left out.</summary>
    public required string? DecryptionError { get; init; }
}
