using System.Buffers;
using System.Data.Common;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ProxyAdmin.RawReference;

/// <summary>
/// Writes ProxyAdmin's JSON by hand from reader columns, in its field order: snake_case names, nulls written,
/// times as UTC round-trip strings, and the relaxed escaping ASP.NET Core's JSON output uses. JSON text columns are
/// re-encoded token by token (what deserializing and serializing them does, without building anything).
/// </summary>
internal static class RawJson
{
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    public static void Text(Utf8JsonWriter w, string name, DbDataReader r, int i)
    {
        if (r.IsDBNull(i))
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, r.GetString(i));
        }
    }

    public static void Real(Utf8JsonWriter w, string name, DbDataReader r, int i)
    {
        if (r.IsDBNull(i))
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteNumber(name, r.GetDouble(i));
        }
    }

    public static void Whole(Utf8JsonWriter w, string name, DbDataReader r, int i)
    {
        if (r.IsDBNull(i))
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteNumber(name, r.GetInt64(i));
        }
    }

    public static void Flag(Utf8JsonWriter w, string name, DbDataReader r, int i) => w.WriteBoolean(name, r.GetBoolean(i));

    public static void Time(Utf8JsonWriter w, string name, DbDataReader r, int i)
    {
        if (r.IsDBNull(i))
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, Utc(r.GetDateTime(i)));
        }
    }

    /// <summary>SQLite hands stored times back unspecified; they were written as UTC.</summary>
    public static DateTime Utc(DateTime value) => value.Kind == DateTimeKind.Utc ? value : DateTime.SpecifyKind(value, DateTimeKind.Utc);

    /// <summary>A JSON text column (null when the column is NULL).</summary>
    public static void Json(Utf8JsonWriter w, string name, DbDataReader r, int i)
    {
        w.WritePropertyName(name);
        if (r.IsDBNull(i))
        {
            w.WriteNullValue();
        }
        else
        {
            Copy(w, r.GetString(i));
        }
    }

    /// <summary>Re-encodes <paramref name="json"/> into <paramref name="w"/>: strings unescaped and escaped again, numbers as stored.</summary>
    public static void Copy(Utf8JsonWriter w, string json)
    {
        var length = Encoding.UTF8.GetMaxByteCount(json.Length);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = Encoding.UTF8.GetBytes(json, rented);
            var reader = new Utf8JsonReader(rented.AsSpan(0, written));
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        w.WriteStartObject();
                        break;
                    case JsonTokenType.EndObject:
                        w.WriteEndObject();
                        break;
                    case JsonTokenType.StartArray:
                        w.WriteStartArray();
                        break;
                    case JsonTokenType.EndArray:
                        w.WriteEndArray();
                        break;
                    case JsonTokenType.PropertyName:
                        WithUnescaped(ref reader, w, static (writer, value) => writer.WritePropertyName(value));
                        break;
                    case JsonTokenType.String:
                        WithUnescaped(ref reader, w, static (writer, value) => writer.WriteStringValue(value));
                        break;
                    case JsonTokenType.Number:
                        w.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                        break;
                    case JsonTokenType.True:
                        w.WriteBooleanValue(true);
                        break;
                    case JsonTokenType.False:
                        w.WriteBooleanValue(false);
                        break;
                    case JsonTokenType.Null:
                        w.WriteNullValue();
                        break;
                    default:
                        break;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private delegate void SpanWriter(Utf8JsonWriter writer, ReadOnlySpan<byte> value);

    private static void WithUnescaped(ref Utf8JsonReader reader, Utf8JsonWriter w, SpanWriter write)
    {
        if (!reader.ValueIsEscaped)
        {
            write(w, reader.ValueSpan);
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(reader.ValueSpan.Length);
        try
        {
            var length = reader.CopyString(buffer);
            write(w, buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary><c>litellm_budget_table</c> from the 13 budget columns starting at <paramref name="b"/>.</summary>
    public static void Budget(Utf8JsonWriter w, DbDataReader r, int b)
    {
        w.WritePropertyName("litellm_budget_table");
        if (r.IsDBNull(b))
        {
            w.WriteNullValue();
            return;
        }

        w.WriteStartObject();
        Text(w, "budget_id", r, b);
        Real(w, "max_budget", r, b + 1);
        Real(w, "soft_budget", r, b + 2);
        Whole(w, "max_parallel_requests", r, b + 3);
        Whole(w, "tpm_limit", r, b + 4);
        Whole(w, "rpm_limit", r, b + 5);
        Json(w, "model_max_budget", r, b + 6);
        Text(w, "budget_duration", r, b + 7);
        Time(w, "budget_reset_at", r, b + 8);
        Time(w, "created_at", r, b + 9);
        Text(w, "created_by", r, b + 10);
        Time(w, "updated_at", r, b + 11);
        Text(w, "updated_by", r, b + 12);
        w.WriteEndObject();
    }

    /// <summary><c>object_permission</c> from the 10 columns starting at <paramref name="o"/>.</summary>
    public static void Permission(Utf8JsonWriter w, DbDataReader r, int o)
    {
        w.WritePropertyName("object_permission");
        if (r.IsDBNull(o))
        {
            w.WriteNullValue();
            return;
        }

        w.WriteStartObject();
        Text(w, "object_permission_id", r, o);
        Json(w, "vector_stores", r, o + 1);
        Json(w, "mcp_servers", r, o + 2);
        Json(w, "mcp_access_groups", r, o + 3);
        Json(w, "mcp_tool_permissions", r, o + 4);
        Json(w, "agents", r, o + 5);
        Json(w, "agent_access_groups", r, o + 6);
        Json(w, "models", r, o + 7);
        Json(w, "blocked_tools", r, o + 8);
        Json(w, "mcp_toolsets", r, o + 9);
        w.WriteEndObject();
    }

    /// <summary>A project row as every project route answers it (<see cref="RawSql.ProjectInfo"/>'s columns).</summary>
    public static void Project(Utf8JsonWriter w, DbDataReader r)
    {
        var metadata = r.GetString(5);
        w.WriteStartObject();
        Text(w, "project_id", r, 0);
        Text(w, "project_alias", r, 1);
        Text(w, "description", r, 2);
        Text(w, "team_id", r, 3);
        Text(w, "budget_id", r, 4);
        w.WritePropertyName("metadata");
        Copy(w, metadata);
        Json(w, "models", r, 6);
        Real(w, "spend", r, 7);
        Json(w, "model_spend", r, 8);
        Flag(w, "blocked", r, 9);
        Text(w, "object_permission_id", r, 10);
        Time(w, "created_at", r, 11);
        Text(w, "created_by", r, 12);
        Time(w, "updated_at", r, 13);
        Text(w, "updated_by", r, 14);
        Budget(w, r, RawSql.ProjectBudget);
        Permission(w, r, RawSql.ProjectPermission);
        ManagedMetadata.WriteProjectLimits(w, metadata);
        w.WriteEndObject();
    }

    /// <summary>A key row as <c>/key/info</c>'s <c>info</c> (<see cref="RawSql.KeyInfo"/>'s columns).</summary>
    public static void Key(Utf8JsonWriter w, DbDataReader r)
    {
        var metadata = r.GetString(17);
        w.WriteStartObject();
        Text(w, "token", r, 0);
        Text(w, "key_name", r, 1);
        Text(w, "key_alias", r, 2);
        Text(w, "user_id", r, 3);
        Text(w, "team_id", r, 4);
        Text(w, "project_id", r, 5);
        Text(w, "agent_id", r, 6);
        Text(w, "organization_id", r, 7);
        Json(w, "models", r, 8);
        Real(w, "max_budget", r, 9);
        Real(w, "soft_budget", r, RawSql.KeyBudget + 2);
        Real(w, "spend", r, 10);
        Whole(w, "tpm_limit", r, 11);
        Whole(w, "rpm_limit", r, 12);
        Whole(w, "max_parallel_requests", r, 13);
        Text(w, "budget_duration", r, 14);
        Time(w, "budget_reset_at", r, 15);
        Time(w, "expires", r, 16);
        w.WritePropertyName("metadata");
        Copy(w, metadata);
        Flag(w, "blocked", r, 18);
        Json(w, "aliases", r, 19);
        Json(w, "config", r, 20);
        Json(w, "permissions", r, 21);
        Json(w, "model_max_budget", r, 22);
        Json(w, "model_spend", r, 23);
        Json(w, "router_settings", r, 24);
        Json(w, "allowed_cache_controls", r, 25);
        Json(w, "allowed_routes", r, 26);
        Json(w, "access_group_ids", r, 27);
        Flag(w, "soft_budget_cooldown", r, 28);
        Flag(w, "auto_rotate", r, 29);
        Text(w, "rotation_interval", r, 30);
        Time(w, "key_rotation_at", r, 31);
        Time(w, "last_active", r, 32);
        Text(w, "budget_id", r, 33);
        Budget(w, r, RawSql.KeyBudget);
        Text(w, "object_permission_id", r, 34);
        Permission(w, r, RawSql.KeyPermission);
        Whole(w, "rotation_count", r, 35);
        Time(w, "last_rotation_at", r, 36);
        Time(w, "created_at", r, 37);
        Text(w, "created_by", r, 38);
        Time(w, "updated_at", r, 39);
        Text(w, "updated_by", r, 40);
        ManagedMetadata.WriteKeyFields(w, metadata);
        w.WriteEndObject();
    }
}
