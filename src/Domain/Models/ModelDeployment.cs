using System.Text.Json.Nodes;
using ProxyAdmin.Domain.Common;

namespace ProxyAdmin.Domain.Models;

/// <summary>
/// A model deployment stored in the database (LiteLLM's <c>LiteLLM_ProxyModelTable</c>). Every string in
/// <see cref="LitellmParams"/> is held encrypted: the domain never sees a provider credential in plain
/// text. A team model carries its team and public name both inside <see cref="ModelInfo"/> (the wire
/// shape) and in columns, so a team's deployments can be found without reading JSON.
/// </summary>
public sealed class ModelDeployment : AggregateRoot
{
    public const int IdMaxLength = 128;
    public const int NameMaxLength = 512;

    private ModelDeployment()
    {
    }

    public string ModelId { get; private set; } = null!;

    /// <summary>The stored name: the public name, or <c>model_name_{team_id}_{uuid}</c> for a team model.</summary>
    public string ModelName { get; private set; } = null!;

    /// <summary>Provider parameters; string values are ciphertext.</summary>
    public JsonObject LitellmParams { get; private set; } = [];

    /// <summary>Free-form model information; <c>id</c> and <c>db_model</c> are added when presented.</summary>
    public JsonObject ModelInfo { get; private set; } = [];

    public string? TeamId { get; private set; }
    public string? TeamPublicModelName { get; private set; }
    public bool Blocked { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = null!;
    public DateTime UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = null!;

    /// <summary>The name clients use: the team's public name for a team model, else the stored name.</summary>
    public string PublicName => TeamPublicModelName ?? ModelName;

    public static ModelDeployment Create(string modelId, string modelName, JsonObject encryptedParams, JsonObject modelInfo, string createdBy, DateTime now)
    {
        var model = new ModelDeployment
        {
            ModelId = modelId,
            ModelName = modelName,
            LitellmParams = encryptedParams,
            CreatedAt = now,
            CreatedBy = createdBy,
        };
        model.SetInfo(modelInfo);
        model.Touch(createdBy, now);
        return model;
    }

    /// <summary>The internal name LiteLLM gives a team's deployment, unique per deployment.</summary>
    public static string TeamInternalName(string teamId) => $"model_name_{teamId}_{Guid.NewGuid()}";

    /// <summary>Makes this a model of <paramref name="teamId"/> published as <paramref name="publicName"/>.</summary>
    public void AssignToTeam(string teamId, string publicName, string updatedBy, DateTime now)
    {
        TeamId = teamId;
        TeamPublicModelName = publicName;
        ModelName = TeamInternalName(teamId);
        ModelInfo["team_id"] = teamId;
        ModelInfo["team_public_model_name"] = publicName;
        Touch(updatedBy, now);
    }

    public void Rename(string modelName, string updatedBy, DateTime now)
    {
        if (TeamId is null)
        {
            ModelName = modelName;
        }
        else
        {
            TeamPublicModelName = modelName;
            ModelInfo["team_public_model_name"] = modelName;
        }

        Touch(updatedBy, now);
    }

    public void ReplaceParams(JsonObject encryptedParams, string updatedBy, DateTime now)
    {
        LitellmParams = encryptedParams;
        Touch(updatedBy, now);
    }

    /// <summary>Replaces model_info; the team columns follow what it says.</summary>
    public void ReplaceInfo(JsonObject modelInfo, string updatedBy, DateTime now)
    {
        SetInfo(modelInfo);
        Touch(updatedBy, now);
    }

    public void SetBlocked(bool blocked, string updatedBy, DateTime now)
    {
        Blocked = blocked;
        ModelInfo["blocked"] = blocked;
        Touch(updatedBy, now);
    }

    private void SetInfo(JsonObject modelInfo)
    {
        ModelInfo = modelInfo;
        TeamId = ReadString(modelInfo, "team_id");
        TeamPublicModelName = ReadString(modelInfo, "team_public_model_name");
        if (modelInfo["blocked"] is JsonValue blocked && blocked.TryGetValue<bool>(out var isBlocked))
        {
            Blocked = isBlocked;
        }
    }

    private static string? ReadString(JsonObject json, string name) =>
        json[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;

    private void Touch(string updatedBy, DateTime now)
    {
        UpdatedAt = now;
        UpdatedBy = updatedBy;
    }
}
