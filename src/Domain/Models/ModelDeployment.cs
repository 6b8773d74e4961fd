using System.Text.Json.Nodes;
using ProxyAdmin.Domain.Common;

namespace ProxyAdmin.Domain.Models;

/// <summary>
/// A model deployment stored in the database (LiteLLM's <c>LiteLLM_ProxyModelTable</c>). Every string in
/// <see cref="LitellmParams"/> is held encrypted: the domain never sees a provider credential in plain
/// text. A team model carries its team and public name both inside <see cref="ModelInfo"/> (the wire
/// shape) and in columns, so a team's deployments can be found without reading JSON. Both blobs change only
/// through the verbs below.
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

    /// <summary>
    /// The stored credential the deployment uses (<c>litellm_params.litellm_credential_name</c>), kept as a plain reference
    /// in its own column rather than sealed among the parameters, so the models of a credential can be found and follow
    /// its renames. Rows written before credentials existed may still hold the name sealed in <see cref="LitellmParams"/>;
    /// <see cref="UseCredential"/> moves it here.
    /// </summary>
    public string? CredentialName { get; private set; }

    public string? TeamId { get; private set; }
    public string? TeamPublicModelName { get; private set; }
    public bool Blocked { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = null!;
    public DateTime UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = null!;

    /// <summary>The name clients use: the team's public name for a team model, else the stored name.</summary>
    public string PublicName => TeamPublicModelName ?? ModelName;

    /// <summary>
    /// A deployment with <paramref name="sealedParams"/> (string values already encrypted) and the caller's
    /// <paramref name="modelInfo"/>, less the keys ProxyAdmin derives and the team keys, which only
    /// <see cref="AssignToTeam"/> sets. A <c>blocked</c> flag in it is taken.
    /// </summary>
    public static ModelDeployment Create(string modelId, string modelName, JsonObject sealedParams, JsonObject? modelInfo, AuditStamp created)
    {
        var info = (JsonObject?)modelInfo?.DeepClone() ?? [];
        foreach (var derived in ModelFields.Derived)
        {
            info.Remove(derived);
        }

        info.Remove(ModelInfoFields.TeamIdKey);
        info.Remove(ModelInfoFields.TeamPublicModelNameKey);
        var model = new ModelDeployment
        {
            ModelId = modelId,
            ModelName = modelName,
            LitellmParams = sealedParams,
            ModelInfo = info,
            Blocked = ModelInfoFields.Read(info).Blocked ?? false,
            CreatedAt = created.At,
            CreatedBy = created.By,
        };
        model.Touch(created);
        return model;
    }

    /// <summary>The internal name LiteLLM gives a team's deployment, unique per deployment.</summary>
    public static string TeamInternalName(string teamId) => $"{TeamInternalPrefix(teamId)}{Guid.NewGuid()}";

    /// <summary>Whether <paramref name="name"/> has the shape of an internal name of <paramref name="teamId"/>'s deployments.</summary>
    public static bool IsTeamInternalName(string teamId, string name) => name.StartsWith(TeamInternalPrefix(teamId), StringComparison.Ordinal);

    /// <summary>
    /// Whether an update that sends <paramref name="requestedName"/> as <c>model_name</c> means to rename the model
    /// (LiteLLM's <c>_get_public_model_name</c>, #28382). Edit forms send back whatever a read showed: the unchanged
    /// public name, or a team deployment's internal name. Neither is a rename, nor is an internal-shaped name of the
    /// team the model belongs to or is moving to (<paramref name="movingToTeamId"/>), which would otherwise become
    /// the public name and be published to the team.
    /// </summary>
    public bool IsRenamedBy(string requestedName, string? movingToTeamId)
    {
        if (requestedName == PublicName || requestedName == ModelName)
        {
            return false;
        }

        return !new[] { TeamId, movingToTeamId }.OfType<string>().Any(teamId => IsTeamInternalName(teamId, requestedName));
    }

    /// <summary>Makes this a model of <paramref name="teamId"/> published as <paramref name="publicName"/>.</summary>
    public void AssignToTeam(string teamId, string publicName, AuditStamp stamp)
    {
        TeamId = teamId;
        TeamPublicModelName = publicName;
        ModelName = TeamInternalName(teamId);
        ModelInfo[ModelInfoFields.TeamIdKey] = teamId;
        ModelInfo[ModelInfoFields.TeamPublicModelNameKey] = publicName;
        Touch(stamp);
    }

    /// <summary>Renames the model as clients know it: the stored name, or a team model's public name.</summary>
    public void Rename(string modelName, AuditStamp stamp)
    {
        if (TeamId is null)
        {
            ModelName = modelName;
        }
        else
        {
            TeamPublicModelName = modelName;
            ModelInfo[ModelInfoFields.TeamPublicModelNameKey] = modelName;
        }

        Touch(stamp);
    }

    /// <summary>
    /// Merges a partial update into the stored blobs, never dropping what was not sent. Each parameter sent replaces
    /// the stored one (<paramref name="sealedParams"/> holds them already encrypted). Each <c>model_info</c> key sent
    /// replaces the stored one, except the keys ProxyAdmin derives and the team and <c>blocked</c> keys, which change
    /// only through <see cref="AssignToTeam"/>, <see cref="Rename"/> and <see cref="SetBlocked"/>. A null leaves the
    /// key as it is, unless <paramref name="nullClears"/> and the key is one of <see cref="ModelFields.ClearableByNull"/>:
    /// then it is removed from both blobs.
    /// </summary>
    public void MergeChanges(JsonObject? sealedParams, JsonObject? modelInfo, bool nullClears, AuditStamp stamp)
    {
        var clearing = new HashSet<string>(StringComparer.Ordinal);
        var mergedParams = (JsonObject)LitellmParams.DeepClone();
        foreach (var (name, value) in sealedParams ?? [])
        {
            if (value is null)
            {
                MarkCleared(name, nullClears, clearing);
                continue;
            }

            mergedParams[name] = value.DeepClone();
        }

        var mergedInfo = (JsonObject)ModelInfo.DeepClone();
        foreach (var (name, value) in modelInfo ?? [])
        {
            if (ModelFields.Derived.Contains(name) || name is ModelInfoFields.TeamIdKey or ModelInfoFields.TeamPublicModelNameKey or ModelInfoFields.BlockedKey)
            {
                continue;
            }

            if (value is null)
            {
                MarkCleared(name, nullClears, clearing);
                continue;
            }

            mergedInfo[name] = value.DeepClone();
        }

        foreach (var name in clearing)
        {
            mergedParams.Remove(name);
            mergedInfo.Remove(name);
        }

        LitellmParams = mergedParams;
        ModelInfo = mergedInfo;
        Touch(stamp);
    }

    /// <summary>Attaches the credential named (or detaches it: null), dropping any name a row sealed among its parameters.</summary>
    public void UseCredential(string? credentialName, AuditStamp stamp)
    {
        CredentialName = credentialName;
        LitellmParams.Remove(ModelFields.CredentialName);
        Touch(stamp);
    }

    /// <summary>Follows a rename of the credential it uses: its parameters as shown change, so it is touched.</summary>
    public void FollowCredentialRename(string newName, AuditStamp stamp)
    {
        CredentialName = newName;
        Touch(stamp);
    }

    /// <summary>Replaces the parameters with their re-encryption (same plaintexts, another key); nothing else changes.</summary>
    public void Reseal(JsonObject resealedParams) => LitellmParams = (JsonObject)resealedParams.DeepClone();

    public void SetBlocked(bool blocked, AuditStamp stamp)
    {
        Blocked = blocked;
        ModelInfo[ModelInfoFields.BlockedKey] = blocked;
        Touch(stamp);
    }

    private static string TeamInternalPrefix(string teamId) => $"model_name_{teamId}_";

    private static void MarkCleared(string name, bool nullClears, HashSet<string> clearing)
    {
        if (nullClears && ModelFields.ClearableByNull.Contains(name))
        {
            clearing.Add(name);
        }
    }

    private void Touch(AuditStamp stamp)
    {
        UpdatedAt = stamp.At;
        UpdatedBy = stamp.By;
    }
}
