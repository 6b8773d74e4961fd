using System.Text.Json.Nodes;
using ProxyAdmin.Domain.Models;

namespace ProxyAdmin.Application.Models;

/// <summary>Encrypts provider secrets at rest. Implemented with AES-256-GCM in Infrastructure.</summary>
public interface ISecretProtector
{
    string Protect(string plaintext);

    /// <summary>The plaintext, or <see cref="SecretUnreadableException"/> when the value is tampered with or was sealed under another key.</summary>
    string Unprotect(string stored);
}

/// <summary>A stored secret could not be decrypted; never turned into a silent null.</summary>
public sealed class SecretUnreadableException(string message) : Exception(message);

/// <summary>Loads and stages DB model deployments.</summary>
public interface IModelRepository
{
    /// <summary>The deployment, tracked, or null.</summary>
    Task<ModelDeployment?> GetAsync(string modelId, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string modelId, CancellationToken cancellationToken);

    /// <summary>Other deployments of <paramref name="teamId"/> published as <paramref name="publicName"/>, oldest first.</summary>
    Task<List<ModelDeployment>> GetTeamSiblingsAsync(string teamId, string publicName, string excludingModelId, CancellationToken cancellationToken);

    /// <summary>Every deployment of the given teams, tracked.</summary>
    Task<List<ModelDeployment>> GetByTeamsAsync(IReadOnlyCollection<string> teamIds, CancellationToken cancellationToken);

    void Add(ModelDeployment model);

    void Remove(ModelDeployment model);
}

/// <summary>A model from the YAML config file: read-only, never written to the database.</summary>
public sealed record ConfigModel(string ModelId, string ModelName, JsonObject LitellmParams, JsonObject ModelInfo)
{
    public string? TeamId => ModelInfo["team_id"] is JsonValue v && v.TryGetValue<string>(out var id) ? id : null;

    public string PublicName => ModelInfo["team_public_model_name"] is JsonValue v && v.TryGetValue<string>(out var name) ? name : ModelName;
}

/// <summary>The models of the config file (<c>ProxyAdmin__ConfigFile</c>), loaded once at start.</summary>
public interface IConfigModelCatalog
{
    IReadOnlyList<ConfigModel> Models { get; }

    ConfigModel? Find(string modelId);
}

/// <summary>Tells an outside system that a model was added; its failure never fails the request.</summary>
public interface IModelAlerts
{
    void ModelAdded(ModelDto model);
}

/// <param name="StoreModelInDb">When false, model writes are refused and only config models exist.</param>
public sealed record ModelManagementSettings(bool StoreModelInDb = true);
