using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>Shortcuts for the credential tests: create, read and patch credentials, and read their stored rows.</summary>
internal static class CredentialApi
{
    /// <summary>A credential created by the admin, with a unique name (unless given) and <paramref name="values"/> or an api key and base.</summary>
    public static async Task<string> NewCredential(string? name = null, JsonObject? values = null, JsonObject? info = null)
    {
        name ??= Api.UniqueId("cred");
        var body = new JsonObject
        {
            ["credential_name"] = name,
            ["credential_values"] = values ?? new JsonObject { ["api_key"] = "sk-cred-" + Guid.NewGuid().ToString("N"), ["api_base"] = "https://credentials.example.test/v1" },
        };
        if (info is not null)
        {
            body["credential_info"] = info;
        }

        await (await Service.App.Admin().PostJson("/credentials", body)).Expect(200);
        return name;
    }

    /// <summary>A path segment for a name: slashes kept as they are, everything else escaped.</summary>
    public static string Path(string name) => string.Join('/', name.Split('/').Select(Uri.EscapeDataString));

    public static Task<HttpResponseMessage> ByName(this HttpClient client, string name) => client.GetAsync($"/credentials/by_name/{Path(name)}");

    public static Task<HttpResponseMessage> Patch(this HttpClient client, string name, JsonNode body) =>
        client.PatchAsync($"/credentials/{Path(name)}", JsonContent.Create(body));

    public static Task<HttpResponseMessage> Delete(this HttpClient client, string name) => client.DeleteAsync($"/credentials/{Path(name)}");

    /// <summary>The stored <c>CredentialValues</c> column, straight from the database.</summary>
    public static async Task<JsonObject> StoredValues(string name) =>
        JsonNode.Parse((string)(await ModelApi.Scalar("""SELECT "CredentialValues" FROM "Credentials" WHERE "CredentialName" = @name""", ("@name", name)))!)!.AsObject();
}
