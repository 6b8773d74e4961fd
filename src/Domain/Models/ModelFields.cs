using System.Text.Json.Nodes;

namespace ProxyAdmin.Domain.Models;

/// <summary>Field names with a fixed meaning in <c>litellm_params</c> and <c>model_info</c>.</summary>
public static class ModelFields
{
    /// <summary>The parameter that names a stored credential (<see cref="Credentials.Credential"/>) instead of holding values.</summary>
    public const string CredentialName = "litellm_credential_name";

    /// <summary>
    /// LiteLLM's <c>CredentialLiteLLMParams</c>: the parameters that make up a deployment's provider credential, shown by
    /// <c>/credentials/by_model</c> and copied into a credential made from a model (<c>POST /credentials</c> with
    /// <c>model_id</c>).
    /// </summary>
    public static readonly IReadOnlyList<string> CredentialParams =
    [
        "api_key", "api_base", "api_version", "azure_ad_token", "vertex_project", "vertex_location", "vertex_credentials",
        "region_name", "gcs_bucket_name", "aws_access_key_id", "aws_secret_access_key", "aws_session_token",
        "aws_region_name", "aws_bedrock_runtime_endpoint", "watsonx_region_name",
    ];

    /// <summary>
    /// The only fields an explicit JSON null clears on PATCH (LiteLLM's pricing fields and friends), from
    /// both blobs; a null anywhere else means "leave as is".
    /// </summary>
    public static readonly IReadOnlySet<string> ClearableByNull = new HashSet<string>(StringComparer.Ordinal)
    {
        "input_cost_per_token",
        "output_cost_per_token",
        "input_cost_per_second",
        "output_cost_per_second",
        "cache_read_input_token_cost",
        "cache_creation_input_token_cost",
        "cache_control_injection_points",
        CredentialName,
    };

    /// <summary>Named secrets of LiteLLM deployments; any name containing a secret-looking word is one too.</summary>
    public static readonly IReadOnlySet<string> KnownSecrets = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "api_key",
        "aws_secret_access_key",
        "aws_session_token",
        "aws_access_key_id",
        "client_secret",
        "azure_ad_token",
        "azure_password",
        "vertex_credentials",
    };

    /// <summary>Whether a <c>litellm_params</c> entry must never be shown in plain text.</summary>
    public static bool IsSecret(string name) => KnownSecrets.Contains(name) || Common.SensitiveFields.IsSensitive(name);

    /// <summary>
    /// LiteLLM's <c>SPECIAL_MODEL_INFO_PARAMS</c> (the fields of <c>MirroredPricingParams</c>): custom pricing set in
    /// <c>litellm_params</c> is copied into <c>model_info</c> whenever a deployment is read, as <c>Deployment.__init__</c> does,
    /// so <c>model_info</c> always shows the price that is charged.
    /// </summary>
    public static readonly IReadOnlyList<string> MirroredPricing =
    [
        "input_cost_per_token",
        "output_cost_per_token",
        "input_cost_per_character",
        "output_cost_per_character",
        "cache_read_input_token_cost",
        "cache_creation_input_token_cost",
    ];

    /// <summary>
    /// Copies every <see cref="MirroredPricing"/> field that <paramref name="litellmParams"/> sets (not null) into
    /// <paramref name="modelInfo"/>, over what <c>model_info</c> held: the parameter is the price that is charged.
    /// </summary>
    public static void MirrorPricing(JsonObject litellmParams, JsonObject modelInfo)
    {
        foreach (var field in MirroredPricing)
        {
            if (litellmParams[field] is { } price)
            {
                modelInfo[field] = price.DeepClone();
            }
        }
    }

    /// <summary>Keys of model_info that ProxyAdmin derives and callers cannot set.</summary>
    public static readonly IReadOnlySet<string> Derived = new HashSet<string>(StringComparer.Ordinal)
    {
        "id", "db_model", "created_at", "created_by", "updated_at", "updated_by",
    };
}
