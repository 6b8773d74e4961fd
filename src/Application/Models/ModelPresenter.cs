using System.Text.Json.Nodes;
using ProxyAdmin.Application.Common.Secrets;
using ProxyAdmin.Domain.Models;

namespace ProxyAdmin.Application.Models;

/// <summary>
/// Presents stored or config models for responses: parameters decrypted and masked (<see cref="SealedValues"/>), the
/// attached credential's name among them. A presented
/// <c>model_info</c> carries the custom pricing of <c>litellm_params</c> (<see cref="ModelFields.MirrorPricing"/>), as
/// every LiteLLM <c>Deployment</c> does.
/// </summary>
public sealed class ModelPresenter(SealedValues sealedValues)
{
    public ModelDto Present(ModelDeployment model, bool showPublicName = false)
    {
        var (plain, unreadable) = sealedValues.Unseal(model.LitellmParams);
        if (model.CredentialName is { } credentialName)
        {
            plain[ModelFields.CredentialName] = credentialName;
        }

        var info = (JsonObject)model.ModelInfo.DeepClone();
        ModelFields.MirrorPricing(plain, info);
        info["id"] = model.ModelId;
        info["db_model"] = true;
        info["blocked"] = model.Blocked;
        return new ModelDto
        {
            ModelId = model.ModelId,
            ModelName = showPublicName ? model.PublicName : model.ModelName,
            LitellmParams = SealedValues.Mask(plain),
            ModelInfo = info,
            Blocked = model.Blocked,
            CreatedAt = model.CreatedAt,
            CreatedBy = model.CreatedBy,
            UpdatedAt = model.UpdatedAt,
            UpdatedBy = model.UpdatedBy,
            DecryptionError = unreadable.Count == 0
                ? null
                : $"Could not decrypt litellm_params {string.Join(", ", unreadable)} of model {model.ModelId}: the values were tampered with or sealed under a salt key that is not configured (GET /encryption/status names it). Configure that key again, or re-enter them with PATCH /model/{model.ModelId}/update.",
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
            LitellmParams = SealedValues.Mask((JsonObject)model.LitellmParams.DeepClone()),
            ModelInfo = info,
            Blocked = model.Blocked,
            CreatedAt = null,
            CreatedBy = null,
            UpdatedAt = null,
            UpdatedBy = null,
            DecryptionError = null,
        };
    }
}
