using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ProxyAdmin.Application.Organizations;
using ProxyAdmin.Application.Teams;

namespace ProxyAdmin.Infrastructure.Json;

/// <summary>
/// The wire format's JSON, defined once: <see cref="Apply"/> is what MVC's options get (Api's <c>AddJsonOptions</c>),
/// and an instance of this type carries the options object the audit trail writes with.
/// </summary>
/// <remarks>
/// Why a holder and not a second, static options object: the Api registers MVC's own
/// <see cref="JsonSerializerOptions"/> instance here, so the audit trail serialises with the very object that writes
/// responses, and an audit row cannot drift from the response it records (a converter or setting added to MVC later
/// reaches both). Infrastructure does not reference ASP.NET Core for that; without MVC (composition tests,
/// benchmarks) <see cref="CreateDefault"/> applies the same definition to the same Web defaults MVC starts from.
/// </remarks>
public sealed class WireJsonOptions(JsonSerializerOptions serializer)
{
    public JsonSerializerOptions Serializer { get; } = serializer;

    /// <summary>
    /// snake_case names, dictionary keys as sent, enums as snake_case strings only, one-or-many team members, and a
    /// request field no request type knows is refused (a typo such as <c>max_budgt</c> must never pass silently); the
    /// free-form maps (<c>metadata</c>, <c>litellm_params</c> …) are JSON nodes and stay open, their keys compared exactly
    /// (<see cref="FreeFormJsonConverter{TNode}"/>). A key sent twice in one object, a field or a key inside a free-form
    /// map, is refused too: "last one wins" would let a proxy or a log that reads the first see another request than
    /// the one stored.
    /// </summary>
    public static void Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.AllowDuplicateProperties = false;
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(WireContract.Modify);
        options.DictionaryKeyPolicy = null;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.Converters.Add(new OneOrManyConverter<TeamMemberRequest>());
        options.Converters.Add(new OneOrManyConverter<OrganizationMemberRequest>());
        options.Converters.Add(new FreeFormJsonConverter<JsonNode>());
        options.Converters.Add(new FreeFormJsonConverter<JsonObject>());
        options.Converters.Add(new FreeFormJsonConverter<JsonArray>());
    }

    public static WireJsonOptions CreateDefault()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Apply(options);
        return new WireJsonOptions(options);
    }
}
