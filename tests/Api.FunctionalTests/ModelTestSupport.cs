using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>Shortcuts for the model tests: bodies, teams with members, direct database access and secret-safe asserts.</summary>
internal static class ModelApi
{
    public static HttpClient Admin => Service.App.Admin();

    /// <summary>A <c>/model/new</c> body; <paramref name="litellmParams"/> defaults to an OpenAI deployment without secrets.</summary>
    public static JsonObject Body(string modelName, JsonObject? litellmParams = null, JsonObject? modelInfo = null)
    {
        var body = new JsonObject
        {
            ["model_name"] = modelName,
            ["litellm_params"] = litellmParams ?? new JsonObject { ["model"] = "openai/gpt-4o" },
        };
        if (modelInfo is not null)
        {
            body["model_info"] = modelInfo;
        }

        return body;
    }

    public static async Task<JsonObject> AddModel(this HttpClient client, JsonObject body) =>
        await (await client.PostJson("/model/new", body)).Expect(200);

    public static Task<HttpResponseMessage> PatchModel(this HttpClient client, string modelId, JsonNode body) =>
        client.PatchAsync($"/model/{Uri.EscapeDataString(modelId)}/update", JsonContent.Create(body));

    public static string Id(this JsonObject model) => model["model_id"]!.GetValue<string>();

    public static string Name(this JsonNode model) => model["model_name"]!.GetValue<string>();

    public static List<string> Strings(this JsonNode? array) => array!.AsArray().Select(n => n!.GetValue<string>()).ToList();

    /// <summary>A team created by the admin; members join through <c>/team/member_add</c>, as a client would add them.</summary>
    public static async Task<string> NewTeam(object? extra = null, params (string UserId, string Role)[] members)
    {
        var teamId = Api.UniqueId("team");
        var body = new JsonObject { ["team_id"] = teamId };
        if (extra is not null)
        {
            foreach (var (name, value) in JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(extra))!.AsObject().ToList())
            {
                body[name] = value?.DeepClone();
            }
        }

        await (await Admin.PostJson("/team/new", body)).Expect(200);
        foreach (var (userId, role) in members)
        {
            await (await Admin.PostJson("/team/member_add", new { team_id = teamId, member = new { user_id = userId, role } })).Expect(200);
        }

        return teamId;
    }

    /// <summary>A new user with <paramref name="userRole"/> and a client presenting its key.</summary>
    public static async Task<(string UserId, HttpClient Client)> NewCaller(string userRole = "internal_user")
    {
        var (userId, key) = await Api.CreateUser(userRole);
        return (userId, Service.App.ClientWith(key));
    }

    public static async Task<JsonObject> TeamInfo(string teamId) =>
        (JsonObject)(await (await Admin.GetAsync($"/team/info?team_id={teamId}")).Expect(200))["team_info"]!;

    /// <summary>The model as <c>/model/info?litellm_model_id=</c> shows it to <paramref name="client"/>.</summary>
    public static async Task<JsonObject> Info(this HttpClient client, string modelId) =>
        (JsonObject)(await (await client.GetAsync($"/model/info?litellm_model_id={Uri.EscapeDataString(modelId)}")).Expect(200))["data"]!.AsArray().Single()!;

    /// <summary>The stored <c>LitellmParams</c> column of a model, read straight from the database.</summary>
    public static async Task<JsonObject> StoredParams(string modelId) =>
        JsonNode.Parse((string)(await Scalar("""SELECT "LitellmParams" FROM "ModelDeployments" WHERE "ModelId" = @id""", ("@id", modelId)))!)!.AsObject();

    /// <summary>Every audit row about <paramref name="objectId"/> as stored (before and after JSON), straight from the database.</summary>
    public static async Task<string> StoredAuditText(string objectId) =>
        string.Join('\n', await Service.App.Database.Strings(
            """SELECT COALESCE("BeforeValue", '') || '|' || COALESCE("UpdatedValues", '') FROM "AuditLogs" WHERE "ObjectId" = @id""", ("@id", objectId)));

    public static Task<object?> Scalar(string sql, params (string Name, object Value)[] parameters) => Service.App.Database.Scalar(sql, parameters);

    public static Task<int> Execute(string sql, params (string Name, object Value)[] parameters) => Service.App.Database.Execute(sql, parameters);

    /// <summary>Fails without ever printing the secret: the message names only where it leaked.</summary>
    public static void AssertNoSecret(string text, string secret, string where) =>
        Assert.That(text.Contains(secret[..^4], StringComparison.Ordinal), Is.False, $"{where} shows a secret in plain text");

    /// <summary>The value is the mask of <paramref name="secret"/> (at most its last four characters); the message never shows either.</summary>
    public static void AssertMasked(JsonNode? value, string secret, string where)
    {
        var expected = secret.Length <= 8 ? "****" : "****" + secret[^4..];
        var shown = value is JsonValue v && v.TryGetValue<string>(out var text) ? text : value?.ToJsonString();
        Assert.That(shown == expected, Is.True, $"{where} is not masked to at most its last four characters");
    }
}
