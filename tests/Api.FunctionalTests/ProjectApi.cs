using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>Shortcuts the project tests share: teams, projects, callers in a team's roles, raw requests.</summary>
internal static class ProjectApi
{
    public const string AuditTable = "LiteLLM_ProjectTable";

    public static HttpClient Admin => Service.App.Admin();

    /// <summary>Creates a team (as the proxy admin) with the given extra fields and returns its id.</summary>
    public static async Task<string> NewTeam(object? extra = null)
    {
        var teamId = Api.UniqueId("team");
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(extra ?? new { }))!.AsObject();
        body["team_id"] = teamId;
        await (await Admin.PostJson("/team/new", body)).Expect(200);
        return teamId;
    }

    /// <summary>Creates a project as <paramref name="client"/> (the admin by default) and returns the response body.</summary>
    public static async Task<JsonObject> NewProject(object body, HttpClient? client = null) =>
        await (await (client ?? Admin).PostJson("/project/new", body)).Expect(200);

    public static async Task<string> NewProjectId(string teamId, HttpClient? client = null) =>
        Id(await NewProject(new { team_id = teamId }, client));

    public static string Id(JsonNode project) => project["project_id"]!.GetValue<string>();

    /// <summary>A new internal user added to <paramref name="teamId"/> through <c>/team/member_add</c> with <paramref name="role"/>.</summary>
    public static async Task<(string UserId, HttpClient Client)> Member(string teamId, string role)
    {
        var (userId, key) = await Api.CreateUser();
        await AddMember(teamId, userId, role);
        return (userId, Service.App.ClientWith(key));
    }

    public static async Task AddMember(string teamId, string userId, string role) =>
        await (await Admin.PostJson("/team/member_add", new { team_id = teamId, member = new { user_id = userId, role } })).Expect(200);

    /// <summary>A user in no team, with the given proxy role.</summary>
    public static async Task<(string UserId, HttpClient Client)> UserWithRole(string role = "internal_user")
    {
        var (userId, key) = await Api.CreateUser(role);
        return (userId, Service.App.ClientWith(key));
    }

    public static Task<HttpResponseMessage> Delete(HttpClient client, params string[] ids) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/project/delete") { Content = JsonContent.Create(new { project_ids = ids }) });

    public static Task<HttpResponseMessage> DeleteRaw(HttpClient client, string json) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/project/delete") { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    /// <summary>Posts <paramref name="json"/> verbatim (for bodies an anonymous object cannot express).</summary>
    public static Task<HttpResponseMessage> PostRaw(HttpClient client, string path, string json) =>
        client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public static async Task<JsonObject> Info(string projectId, HttpClient? client = null) =>
        await (await (client ?? Admin).GetAsync($"/project/info?project_id={Uri.EscapeDataString(projectId)}")).Expect(200);

    public static async Task ExpectMissing(string projectId) =>
        await (await Admin.GetAsync($"/project/info?project_id={Uri.EscapeDataString(projectId)}")).Expect(404);

    /// <summary>Asserts the status and returns the body as an array (the LiteLLM list and delete shapes).</summary>
    public static async Task<JsonArray> ExpectArray(this HttpResponseMessage response, int status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(status), $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {text}");
        return JsonNode.Parse(text) as JsonArray ?? throw new AssertionException("Expected a JSON array, got: " + text);
    }

    public static List<string> Ids(this JsonArray projects) => [.. projects.Select(p => p!["project_id"]!.GetValue<string>())];

    /// <summary>The audit rows of one project, oldest first.</summary>
    public static async Task<List<JsonObject>> AuditRows(string projectId)
    {
        var body = await (await Admin.GetAsync($"/audit?table_name={AuditTable}&object_id={Uri.EscapeDataString(projectId)}&sort_order=asc&page_size=100")).Expect(200);
        return [.. body["audit_logs"]!.AsArray().Select(r => r!.AsObject())];
    }
}
