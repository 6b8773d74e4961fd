using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>Shortcuts the organization tests share: organizations, callers in an organization's roles, the PATCH and DELETE routes.</summary>
internal static class OrganizationApi
{
    /// <summary>Creates an organization (as the proxy admin) with the given extra fields and returns the response body.</summary>
    public static async Task<JsonObject> NewOrganization(object? extra = null)
    {
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(extra ?? new { }))!.AsObject();
        body["organization_id"] ??= Api.UniqueId("org");
        body["organization_alias"] ??= Api.UniqueId("alias");
        return await (await Service.App.Admin().PostJson("/organization/new", body)).Expect(200);
    }

    /// <summary>A new organization with these existing users as its <c>internal_user</c> members; returns its id.</summary>
    public static async Task<string> OrganizationWith(params string[] userIds)
    {
        var organizationId = OrgId(await NewOrganization());
        foreach (var userId in userIds)
        {
            await (await Service.App.Admin().PostJson("/organization/member_add", new { organization_id = organizationId, member = new { user_id = userId, role = "internal_user" } })).Expect(200);
        }

        return organizationId;
    }

    public static string OrgId(JsonNode organization) => organization["organization_id"]!.GetValue<string>();

    /// <summary>A new internal user added to <paramref name="organizationId"/> with <paramref name="role"/>.</summary>
    public static async Task<(string UserId, HttpClient Client)> OrganizationMember(string organizationId, string role)
    {
        var (userId, key) = await Api.CreateUser();
        await (await Service.App.Admin().PostJson("/organization/member_add", new { organization_id = organizationId, member = new { user_id = userId, role } })).Expect(200);
        return (userId, Service.App.ClientWith(key));
    }

    public static Task<HttpResponseMessage> Patch(this HttpClient client, string path, object body) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Patch, path) { Content = JsonContent.Create(body) });

    public static Task<HttpResponseMessage> DeleteWithBody(this HttpClient client, string path, object body) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, path) { Content = JsonContent.Create(body) });

    public static async Task<JsonObject> OrganizationInfo(string organizationId, HttpClient? client = null) =>
        await (await (client ?? Service.App.Admin()).GetAsync($"/organization/info?organization_id={Uri.EscapeDataString(organizationId)}")).Expect(200);

    public static List<string> TeamIds(this JsonObject organization) =>
        [.. organization["teams"]!.AsArray().Select(t => t!["team_id"]!.GetValue<string>())];

    public static List<string> MemberIds(this JsonObject organization) =>
        [.. organization["members"]!.AsArray().Select(m => m!["user_id"]!.GetValue<string>())];
}
