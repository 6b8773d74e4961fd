using System.Buffers;
using System.Text;
using System.Text.Json;

namespace ProxyAdmin.RawReference;

/// <summary>
/// A <c>POST /project/new</c> body, checked as ProxyAdmin checks it for the fields the reference takes: an unknown field
/// is refused by name, <c>team_id</c> is required, and JSON values are stored re-encoded as the API writes them.
/// </summary>
internal sealed record RawProjectRequest(
    string? ProjectId,
    string? ProjectAlias,
    string? Description,
    string TeamId,
    List<string> Models,
    string ModelsJson,
    string MetadataJson,
    double? MaxBudget,
    bool Blocked)
{
    public static RawProjectRequest Parse(JsonElement body, HashSet<string> known)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new RawFailureException(400, "The request body must be a JSON object.");
        }

        string? projectId = null, alias = null, description = null, teamId = null, metadata = null;
        List<string> models = [];
        double? maxBudget = null;
        var blocked = false;
        foreach (var field in body.EnumerateObject())
        {
            if (!known.Contains(field.Name))
            {
                throw new RawFailureException(400, $"Unknown field '{field.Name}'.", field.Name);
            }

            var value = field.Value;
            switch (field.Name)
            {
                case "project_id":
                    projectId = Text(value, field.Name);
                    break;
                case "project_alias":
                    alias = Text(value, field.Name);
                    break;
                case "description":
                    description = Text(value, field.Name);
                    break;
                case "team_id":
                    teamId = Text(value, field.Name);
                    break;
                case "models":
                    if (value.ValueKind != JsonValueKind.Array)
                    {
                        throw new RawFailureException(400, "'models' must be a list of strings.", "models");
                    }

                    models = [.. value.EnumerateArray().Select(item => Text(item, "models") ?? throw new RawFailureException(400, "'models' must not hold null.", "models"))];
                    break;
                case "metadata":
                    if (value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
                    {
                        throw new RawFailureException(400, "'metadata' must be an object.", "metadata");
                    }

                    metadata = value.ValueKind == JsonValueKind.Null ? null : Encode(value.WriteTo);
                    break;
                case "max_budget":
                    maxBudget = value.ValueKind == JsonValueKind.Null ? null
                        : value.ValueKind == JsonValueKind.Number && value.GetDouble() >= 0 ? value.GetDouble()
                        : throw new RawFailureException(400, "'max_budget' must be a non-negative number.", "max_budget");
                    break;
                default:
                    blocked = value.ValueKind switch
                    {
                        JsonValueKind.True => true,
                        JsonValueKind.False or JsonValueKind.Null => false,
                        _ => throw new RawFailureException(400, "'blocked' must be true or false.", "blocked"),
                    };
                    break;
            }
        }

        if (string.IsNullOrEmpty(teamId))
        {
            throw new RawFailureException(400, "'team_id' is required.", "team_id");
        }

        var modelsJson = Encode(w =>
        {
            w.WriteStartArray();
            foreach (var model in models)
            {
                w.WriteStringValue(model);
            }

            w.WriteEndArray();
        });
        return new RawProjectRequest(projectId, alias, description, teamId, models, modelsJson, metadata ?? "{}", maxBudget, blocked);
    }

    private static string? Text(JsonElement value, string name) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null => null,
        _ => throw new RawFailureException(400, $"'{name}' must be a string.", name),
    };

    private static string Encode(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, RawJson.WriterOptions))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
