using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ProxyAdmin.Application.Models;
using YamlDotNet.RepresentationModel;

namespace ProxyAdmin.Infrastructure.Models;

/// <summary>
/// The <c>model_list</c> of a LiteLLM-style YAML config file, read once at start and never written. A
/// model without <c>model_info.id</c> gets a stable id from a hash of its name and parameters, so it keeps
/// its id across restarts.
/// </summary>
public sealed class YamlConfigModelCatalog : IConfigModelCatalog
{
    private readonly Dictionary<string, ConfigModel> _byId;

    private YamlConfigModelCatalog(IReadOnlyList<ConfigModel> models)
    {
        Models = models;
        _byId = models.ToDictionary(m => m.ModelId, StringComparer.Ordinal);
    }

    public static readonly YamlConfigModelCatalog Empty = new([]);

    public IReadOnlyList<ConfigModel> Models { get; }

    public ConfigModel? Find(string modelId) => _byId.GetValueOrDefault(modelId);

    /// <summary>Loads the file; any problem is a start-up error naming the file and the entry.</summary>
    public static YamlConfigModelCatalog Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"ProxyAdmin refuses to start: the config file '{path}' (ProxyAdmin__ConfigFile) does not exist.");
        }

        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(reader);
        }
        catch (YamlDotNet.Core.YamlException exception)
        {
            throw new InvalidOperationException($"ProxyAdmin refuses to start: the config file '{path}' is not valid YAML ({exception.Start}).");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root
            || !root.Children.TryGetValue(new YamlScalarNode("model_list"), out var listNode))
        {
            return Empty;
        }

        if (listNode is not YamlSequenceNode list)
        {
            throw new InvalidOperationException($"ProxyAdmin refuses to start: 'model_list' in '{path}' must be a list.");
        }

        var models = new List<ConfigModel>();
        var index = 0;
        foreach (var entry in list)
        {
            models.Add(ToModel(ToJson(entry) as JsonObject, path, index++));
        }

        var duplicate = models.GroupBy(m => m.ModelId).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null
            ? new YamlConfigModelCatalog(models)
            : throw new InvalidOperationException($"ProxyAdmin refuses to start: model id '{duplicate.Key}' appears twice in '{path}'.");
    }

    private static ConfigModel ToModel(JsonObject? entry, string path, int index)
    {
        var where = $"model_list[{index}] of '{path}'";
        var name = entry?["model_name"] is JsonValue n && n.TryGetValue<string>(out var text) && text.Length > 0
            ? text
            : throw new InvalidOperationException($"ProxyAdmin refuses to start: {where} has no model_name.");
        var litellmParams = entry!["litellm_params"] as JsonObject
            ?? throw new InvalidOperationException($"ProxyAdmin refuses to start: {where} has no litellm_params.");
        if (litellmParams["model"] is not JsonValue model || !model.TryGetValue<string>(out _))
        {
            throw new InvalidOperationException($"ProxyAdmin refuses to start: {where} has no litellm_params.model.");
        }

        var info = entry["model_info"] as JsonObject ?? [];
        var id = info["id"]?.ToString() is { Length: > 0 } given ? given : StableId(name, litellmParams);
        info.Remove("id");
        return new ConfigModel(id, name, (JsonObject)litellmParams.DeepClone(), (JsonObject)info.DeepClone());
    }

    private static string StableId(string name, JsonObject litellmParams) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name + "\n" + litellmParams.ToJsonString())))[..32];

    /// <summary>YAML to JSON, with unquoted scalars typed the way YAML 1.2's core schema reads them.</summary>
    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(pair =>
            KeyValuePair.Create(((YamlScalarNode)pair.Key).Value ?? string.Empty, ToJson(pair.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(ToJson)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value;
        if (value is null || scalar.Style is YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted)
        {
            return value is null ? null : JsonValue.Create(value);
        }

        return value switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) => JsonValue.Create(whole),
            _ when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) => JsonValue.Create(number),
            _ => JsonValue.Create(value),
        };
    }
}
