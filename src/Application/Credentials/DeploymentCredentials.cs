using System.Text.Json.Nodes;
using ProxyAdmin.Application.Common.Secrets;
using ProxyAdmin.Application.Models;
using ProxyAdmin.Domain.Models;

namespace ProxyAdmin.Application.Credentials;

/// <summary>
/// The credential a deployment uses (LiteLLM's <c>get_deployment_credentials</c>): the stored credential attached to it,
/// or else the credential parameters (<see cref="ModelFields.CredentialParams"/>) of its own <c>litellm_params</c>, DB or
/// config model alike.
/// </summary>
public sealed class DeploymentCredentials(IModelRepository models, IConfigModelCatalog configModels, ICredentialRepository credentials, SealedValues sealedValues)
{
    /// <summary>The deployment's credential, or null when no model has the id.</summary>
    public async Task<DeploymentCredential?> FindAsync(string modelId, CancellationToken cancellationToken)
    {
        if (await models.GetAsync(modelId, cancellationToken) is { } model)
        {
            if (model.CredentialName is { } name && await credentials.ReadAsync(name, cancellationToken) is { } stored)
            {
                return new DeploymentCredential(model.TeamId, model.ModelName, model.PublicName, stored, [], []);
            }

            var (plain, unreadable) = sealedValues.Unseal(model.LitellmParams);
            return new DeploymentCredential(model.TeamId, model.ModelName, model.PublicName, null, CredentialParamsOf(plain), unreadable.Where(ModelFields.CredentialParams.Contains).ToList());
        }

        return configModels.Find(modelId) is { } config
            ? new DeploymentCredential(config.TeamId, config.ModelName, config.PublicName, null, CredentialParamsOf(config.LitellmParams), [])
            : null;
    }

    private static JsonObject CredentialParamsOf(JsonObject plainParams)
    {
        var values = new JsonObject();
        foreach (var name in ModelFields.CredentialParams)
        {
            if (plainParams[name] is { } value)
            {
                values[name] = value.DeepClone();
            }
        }

        return values;
    }
}
