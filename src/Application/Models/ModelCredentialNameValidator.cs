using System.Text.Json;
using System.Text.Json.Nodes;
using ProxyAdmin.Domain.Credentials;
using ProxyAdmin.Domain.Models;

namespace ProxyAdmin.Application.Models;

/// <summary>
/// <c>litellm_params.litellm_credential_name</c>, when sent and not null, names a stored credential: a non-empty string
/// (LiteLLM's wording). Who may attach it, and whether it exists, <see cref="ModelCredentialRules"/> decides. Set as a
/// child validator of <c>litellm_params</c>.
/// </summary>
public sealed class ModelCredentialNameValidator : AbstractValidator<JsonObject>
{
    public ModelCredentialNameValidator()
    {
        RuleFor(p => p[ModelFields.CredentialName])
            .Must(name => name is null || name.GetValueKind() == JsonValueKind.String)
            .WithMessage("litellm_credential_name must be a string: the name of a credential made with POST /credentials (or null to detach it).")
            .DependentRules(() =>
            {
                RuleFor(p => p[ModelFields.CredentialName])
                    .Must(name => name is null || name.GetValue<string>().Length > 0)
                    .WithMessage("litellm_credential_name cannot be an empty string. Send null to detach the stored credential or omit the field to leave it unchanged.")
                    .Must(name => name is null || name.GetValue<string>().Length <= Credential.NameMaxLength)
                    .WithMessage($"litellm_credential_name must be at most {Credential.NameMaxLength} characters.")
                    .OverridePropertyName(ModelFields.CredentialName);
            })
            .OverridePropertyName(ModelFields.CredentialName);
    }
}
