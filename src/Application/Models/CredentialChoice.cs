using System.Text.Json.Nodes;

namespace ProxyAdmin.Application.Models;

/// <summary>What <see cref="ModelCredentialRules"/> decided for a model write.</summary>
/// <param name="OtherParams">The request's parameters without <c>litellm_credential_name</c>.</param>
/// <param name="Changes">Whether the model's credential changes: to <paramref name="CredentialName"/>, or detached when that is null.</param>
public sealed record CredentialChoice(JsonObject? OtherParams, bool Changes, string? CredentialName);
