using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProxyAdmin.Domain.Models;

/// <summary>
/// The keys of a free-form <c>model_info</c> that carry meaning, read with their types. A key holding a value
/// of another type reads as absent, so a caller's <c>"team_public_model_name": 7</c> can never break a read;
/// validators refuse such values on write (<see cref="HasInvalid"/>).
/// </summary>
/// <param name="Id"><c>id</c>: a non-blank string, or a whole number (LiteLLM accepts both).</param>
/// <param name="TeamId"><c>team_id</c>: a non-blank string.</param>
/// <param name="TeamPublicModelName"><c>team_public_model_name</c>: a non-empty string.</param>
/// <param name="Blocked"><c>blocked</c>: a boolean.</param>
public readonly record struct ModelInfoFields(string? Id, string? TeamId, string? TeamPublicModelName, bool? Blocked)
{
    public const string IdKey = "id";
    public const string TeamIdKey = "team_id";
    public const string TeamPublicModelNameKey = "team_public_model_name";
    public const string BlockedKey = "blocked";

    public static ModelInfoFields Read(JsonObject? info) => info is null
        ? default
        : new(
            info[IdKey] switch
            {
                JsonValue v when v.TryGetValue<string>(out var text) => text.Trim().Length == 0 ? null : text,
                // A number from the wire and one set in code (an int, say) read alike: by their JSON text.
                JsonValue v when v.GetValueKind() == JsonValueKind.Number && long.TryParse(v.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                    => number.ToString(CultureInfo.InvariantCulture),
                _ => null,
            },
            NonBlank(info[TeamIdKey]),
            info[TeamPublicModelNameKey] is JsonValue name && name.TryGetValue<string>(out var publicName) && publicName.Length > 0 ? publicName : null,
            info[BlockedKey] is JsonValue flag && flag.TryGetValue<bool>(out var blocked) ? blocked : null);

    /// <summary>Whether <paramref name="key"/> is present in <paramref name="info"/> but does not read as its type.</summary>
    public static bool HasInvalid(JsonObject info, string key)
    {
        if (info[key] is null)
        {
            return false;
        }

        var fields = Read(info);
        return key switch
        {
            IdKey => fields.Id is null,
            TeamIdKey => fields.TeamId is null,
            TeamPublicModelNameKey => fields.TeamPublicModelName is null,
            BlockedKey => fields.Blocked is null,
            _ => false,
        };
    }

    private static string? NonBlank(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && text.Trim().Length > 0 ? text : null;
}
