using System.Text.Json.Nodes;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Models;

namespace ProxyAdmin.Application.Models;

/// <summary>
/// Encrypts parameters for storage and presents stored or config models for responses. A presented
/// <c>model_info</c> carries the custom pricing of <c>litellm_params</c> (<see cref="ModelFields.MirrorPricing"/>), as
/// every LiteLLM <c>Deployment</c> does.
/// </summary>
public sealed class ModelPresenter(ISecretProtector protector)
{
    /// <summary>
    /// Every string value encrypted, as LiteLLM does; numbers, booleans and objects stay as they are, except
    /// that a secret-named value of any kind (<c>vertex_credentials</c> given as a JSON object, an <c>api_key</c>
    /// given as a number) is sealed whole as its JSON text, which LiteLLM's providers accept in its place.
    /// </summary>
    public JsonObject Encrypt(JsonObject plainParams)
    {
        var sealedParams = new JsonObject();
        foreach (var (name, value) in plainParams)
        {
            sealedParams[name] = EncryptValue(name, value);
        }

        return sealedParams;
    }

    /// <summary>
    /// The parameters of a partial update, each sent value encrypted as <see cref="Encrypt"/> does; a null stays
    /// null, since it means "leave" or "clear", never a value.
    /// </summary>
    public JsonObject? EncryptChanges(JsonObject? plainChanges)
    {
        if (plainChanges is null)
        {
            return null;
        }

        var sealedChanges = new JsonObject();
        foreach (var (name, value) in plainChanges)
        {
            sealedChanges[name] = EncryptValue(name, value);
        }

        return sealedChanges;
    }

    private JsonNode? EncryptValue(string name, JsonNode? value) => value switch
    {
        JsonValue text when text.TryGetValue<string>(out var plain) => JsonValue.Create(protector.Protect(plain)),
        JsonObject or JsonArray or JsonValue when ModelFields.IsSecret(name) => JsonValue.Create(protector.Protect(value.ToJsonString())),
        _ => value?.DeepClone(),
    };

    /// <summary>The decrypted parameters (null entries where a value could not be read) and what failed.</summary>
    public (JsonObject Plain, List<string> Unreadable) Decrypt(JsonObject storedParams)
    {
        var plain = new JsonObject();
        var unreadable = new List<string>();
        foreach (var (name, value) in storedParams)
        {
            if (value is JsonValue text && text.TryGetValue<string>(out var sealedText))
            {
                try
                {
                    plain[name] = protector.Unprotect(sealedText);
                }
                catch (SecretUnreadableException)
                {
                    unreadable.Add(name);
                }
            }
            else
            {
                plain[name] = value?.DeepClone();
            }
        }

        return (plain, unreadable);
    }

    public ModelDto Present(ModelDeployment model, bool showPublicName = false)
    {
        var (plain, unreadable) = Decrypt(model.LitellmParams);
        var info = (JsonObject)model.ModelInfo.DeepClone();
        ModelFields.MirrorPricing(plain, info);
        info["id"] = model.ModelId;
        info["db_model"] = true;
        info["blocked"] = model.Blocked;
        return new ModelDto
        {
            ModelId = model.ModelId,
            ModelName = showPublicName ? model.PublicName : model.ModelName,
            LitellmParams = Mask(plain),
            ModelInfo = info,
            Blocked = model.Blocked,
            CreatedAt = model.CreatedAt,
            CreatedBy = model.CreatedBy,
            UpdatedAt = model.UpdatedAt,
            UpdatedBy = model.UpdatedBy,
            DecryptionError = unreadable.Count == 0
                ? null
                : $"Could not decrypt litellm_params {string.Join(", ", unreadable)} of model {model.ModelId}: the values were tampered with or sealed under another salt key. Set the original ProxyAdmin__SaltKey, or re-enter them with PATCH /model/{model.ModelId}/update.",
        };
    }

    public static ModelDto Present(ConfigModel model, bool showPublicName = false)
    {
        var info = (JsonObject)model.ModelInfo.DeepClone();
        ModelFields.MirrorPricing(model.LitellmParams, info);
        info["id"] = model.ModelId;
        info["db_model"] = false;
        return new ModelDto
        {
            ModelId = model.ModelId,
            ModelName = showPublicName ? model.PublicName : model.ModelName,
            LitellmParams = Mask((JsonObject)model.LitellmParams.DeepClone()),
            ModelInfo = info,
            Blocked = model.Blocked,
            CreatedAt = null,
            CreatedBy = null,
            UpdatedAt = null,
            UpdatedBy = null,
            DecryptionError = null,
        };
    }

    /// <summary>
    /// Secret-named string parameters keep at most their last four characters; a secret-named value of another kind
    /// (a config model's <c>vertex_credentials</c> or numeric key, a row stored before those were sealed) shows nothing.
    /// </summary>
    public static JsonObject Mask(JsonObject plain)
    {
        foreach (var (name, value) in plain.ToList())
        {
            if (!ModelFields.IsSecret(name))
            {
                continue;
            }

            if (value is JsonValue text && text.TryGetValue<string>(out var secret))
            {
                plain[name] = SensitiveFields.Mask(secret);
            }
            else if (value is not null)
            {
                plain[name] = "****";
            }
        }

        return plain;
    }
}
