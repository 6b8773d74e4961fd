using ProxyAdmin.Domain.Credentials;

namespace ProxyAdmin.Application.Credentials;

/// <summary>Validation rules the credential messages share.</summary>
public static class CredentialRules
{
    /// <summary>
    /// A credential name: not blank (<c>NotEmpty</c> refuses whitespace too, with one message), at most
    /// <see cref="Credential.NameMaxLength"/> characters, no control characters (it travels in paths).
    /// </summary>
    public static IRuleBuilderOptions<T, string?> ValidCredentialName<T>(this IRuleBuilder<T, string?> rule) =>
        rule
            .NotEmpty().WithMessage("'credential_name' is required.")
            .MaximumLength(Credential.NameMaxLength).WithMessage($"'credential_name' must be at most {Credential.NameMaxLength} characters.")
            .Must(name => name is null || !name.Any(char.IsControl)).WithMessage("'credential_name' must not contain control characters.")
            .OverridePropertyName("credential_name");
}
