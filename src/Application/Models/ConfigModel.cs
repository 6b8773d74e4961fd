using System.Text.Json.Nodes;
using ProxyAdmin.Domain.Models;

namespace ProxyAdmin.Application.Models;

/// <summary>A model from the YAML config file: read-only, never written to the database.</summary>
public sealed record ConfigModel(string ModelId, string ModelName, JsonObject LitellmParams, JsonObject ModelInfo)
{
    public string? TeamId => ModelInfoFields.Read(ModelInfo).TeamId;

    /// <summary>The name clients use: the team's public name for a team model, else the model name.</summary>
    public string PublicName => ModelInfoFields.Read(ModelInfo).TeamPublicModelName ?? ModelName;

    public bool Blocked => ModelInfoFields.Read(ModelInfo).Blocked ?? false;
}
