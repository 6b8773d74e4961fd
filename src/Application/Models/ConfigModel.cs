using System.Text.Json.Nodes;
using ProxyAdmin.Domain.Models;

namespace ProxyAdmin.Application.Models;

/// <summary>
/// A model from the YAML config file: read-only, never written to the database. Its meaningful
/// <c>model_info</c> keys are read once, when the file is loaded, since every model read filters on them.
/// </summary>
public sealed record ConfigModel(string ModelId, string ModelName, JsonObject LitellmParams, JsonObject ModelInfo)
{
    private readonly ModelInfoFields _info = ModelInfoFields.Read(ModelInfo);

    public string? TeamId => _info.TeamId;

    /// <summary>The name clients use: the team's public name for a team model, else the model name.</summary>
    public string PublicName => _info.TeamPublicModelName ?? ModelName;

    public bool Blocked => _info.Blocked ?? false;
}
