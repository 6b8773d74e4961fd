using System.Text.Json.Nodes;
using ProxyAdmin.Application.Common.Secrets;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Credentials;

namespace ProxyAdmin.Application.Credentials;

/// <summary>Shows stored credentials: values unsealed and masked, or the name alone.</summary>
public sealed class CredentialPresenter(SealedValues sealedValues)
{
    /// <summary>The credential with its values masked. A value that cannot be unsealed shows as <c>****</c>.</summary>
    public CredentialDto Present(Credential credential)
    {
        var (plain, unreadable) = sealedValues.Unseal(credential.Values);
        foreach (var name in unreadable)
        {
            plain[name] = "****";
        }

        var info = (JsonObject)credential.Info.DeepClone();
        SensitiveFields.MaskSecretsIn(info);
        return new CredentialDto
        {
            CredentialName = credential.CredentialName,
            CredentialValues = SealedValues.Mask(plain),
            CredentialInfo = info,
            DecryptionError = unreadable.Count == 0
                ? null
                : $"Could not decrypt credential_values {string.Join(", ", unreadable)} of credential {credential.CredentialName}: the values were tampered with or sealed under a salt key that is no longer configured. Configure that key again, or re-enter the values with PATCH /credentials/{credential.CredentialName}.",
        };
    }

    /// <summary>What a team admin sees of a credential its team's models use.</summary>
    public static CredentialDto NameOnly(string credentialName) => new() { CredentialName = credentialName };
}
