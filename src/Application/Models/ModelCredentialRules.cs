using System.Text.Json.Nodes;
using ProxyAdmin.Application.Credentials;
using ProxyAdmin.Domain.Models;

namespace ProxyAdmin.Application.Models;

/// <summary>
/// The rules of <c>litellm_params.litellm_credential_name</c> on a model write (LiteLLM's
/// <c>can_user_attach_credential</c> and its model tests): only proxy admins attach a stored credential or detach one;
/// resending the name a model already uses is fine for anyone allowed to edit the model; the credential must exist.
/// The name is stored as a reference beside the sealed parameters (<see cref="Domain.Models.ModelDeployment.CredentialName"/>),
/// so it is taken out of the parameters here.
/// </summary>
public sealed class ModelCredentialRules(ICredentialRepository credentials, ICurrentCaller caller)
{
    /// <summary>
    /// The parameters without the credential name (a copy: a re-run command must find its request unchanged), and what
    /// to do with the model's credential: <see cref="CredentialChoice.Changes"/> false leaves it as it is.
    /// </summary>
    /// <param name="stored">The name the model uses now; null for a new model or one without a credential.</param>
    /// <param name="nullDetaches">PATCH: an explicit null detaches. POST /model/update ignores nulls.</param>
    public async Task<CredentialChoice> ChooseAsync(JsonObject? plainParams, string? stored, bool nullDetaches, CancellationToken cancellationToken)
    {
        if (plainParams is null || !plainParams.TryGetPropertyValue(ModelFields.CredentialName, out var sent))
        {
            return new CredentialChoice(plainParams, false, null);
        }

        var others = (JsonObject)plainParams.DeepClone();
        others.Remove(ModelFields.CredentialName);
        if (sent is null)
        {
            if (!nullDetaches || stored is null)
            {
                return new CredentialChoice(others, false, null);
            }

            EnsureProxyAdmin("detach");
            return new CredentialChoice(others, true, null);
        }

        // The validators have refused anything but a non-empty string.
        var name = sent.GetValue<string>();
        if (name == stored)
        {
            return new CredentialChoice(others, false, null);
        }

        EnsureProxyAdmin("attach");
        return await credentials.ExistsAsync(name, cancellationToken)
            ? new CredentialChoice(others, true, name)
            : throw new NotFoundException($"Credential '{name}' not found. Create it via /credentials before attaching it to a model.", ModelFields.CredentialName);
    }

    private void EnsureProxyAdmin(string verb)
    {
        if (!caller.IsProxyAdmin())
        {
            throw new ForbiddenAccessException(
                $"Only a proxy admin can {verb} a stored credential (litellm_credential_name) on a model. Your role={RoleNames.ToWire(caller.Principal.Role)}.",
                ModelFields.CredentialName);
        }
    }
}
