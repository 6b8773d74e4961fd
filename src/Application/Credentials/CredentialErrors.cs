namespace ProxyAdmin.Application.Credentials;

/// <summary>The refusals every credential route shares, in LiteLLM's words where it has them.</summary>
public static class CredentialErrors
{
    /// <summary>At most this many models are named in a refusal; the total is given beside them.</summary>
    public const int ModelsNamed = 20;

    public static NotFoundException NotFound(string credentialName) =>
        new($"Credential not found. Got credential name: {credentialName}", "credential_name");

    public static ConflictException NameTaken(string credentialName) =>
        new($"Credential with name '{credentialName}' already exists. Please use a different credential_name.", "credential_name");

    public static ConflictException InUse(string credentialName, IReadOnlyList<string> modelIds) =>
        new(
            $"Credential '{credentialName}' is used by {modelIds.Count} model(s): {string.Join(", ", modelIds.Take(ModelsNamed))}{(modelIds.Count > ModelsNamed ? ", …" : string.Empty)}. Detach it from them first (PATCH /model/{{model_id}}/update with \"litellm_params\": {{\"litellm_credential_name\": null}}).",
            "credential_name");
}
