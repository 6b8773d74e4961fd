using System.Text.Json.Nodes;
using ProxyAdmin.Domain.Credentials;

namespace ProxyAdmin.Application.Credentials;

/// <summary>What <see cref="DeploymentCredentials"/> found for one deployment.</summary>
/// <param name="ModelName">The stored name (a team model's internal name), which visibility rules read.</param>
/// <param name="PublicName">The name clients call, which LiteLLM's <c>{model_name}-credential-{model_id}</c> uses.</param>
/// <param name="Stored">The stored credential attached to the deployment, if any.</param>
/// <param name="OwnValues">Without a stored credential: the deployment's own credential parameters, in plain text.</param>
/// <param name="Unreadable">Own credential parameters that could not be decrypted (left out of <paramref name="OwnValues"/>).</param>
public sealed record DeploymentCredential(string? TeamId, string ModelName, string PublicName, Credential? Stored, JsonObject OwnValues, List<string> Unreadable);
