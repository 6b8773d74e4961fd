using System.Text.RegularExpressions;

namespace ProxyAdmin.Domain.Keys;

/// <summary>
/// Which routes a key with <c>allowed_routes</c> may call, by LiteLLM's rule (<c>RouteChecks.is_virtual_key_allowed_to_call_route</c>):
/// an empty list allows every route the owner's role allows; otherwise an entry must be the route itself or a path
/// prefix of it, one of LiteLLM's route groups (<c>info_routes</c>, <c>management_routes</c>, <c>llm_api_routes</c> …) that
/// holds the route, or a <c>/prefix/*</c> pattern. The groups list the routes of this service that LiteLLM puts in
/// them; a group that holds none of them (<c>spend_tracking_routes</c> …) allows none of them.
/// </summary>
public static partial class KeyRoutes
{
    private static readonly string[] KeyManagementRoutes =
    [
        "/key/generate", "/key/update", "/key/delete", "/key/info", "/key/regenerate", "/key/service-account/generate",
        "/key/{key_id}/regenerate", "/key/list", "/key/block", "/key/unblock", "/key/bulk_update", "/team/daily/activity",
        "/spend/logs", "/key/{key_id}/reset_spend", "/key/aliases",
    ];

    private static readonly string[] InfoRoutes =
    [
        "/key/info", "/key/health", "/team/info", "/team/list", "/v2/team/list", "/organization/list", "/team/available",
        "/user/info", "/v2/user/info", "/model/info", "/v1/model/info", "/v2/model/info", "/v2/key/info", "/model_group/info",
        "/health", "/health/services", "/key/list", "/user/filter/ui", "/models", "/v1/models", "/sso/get/ui_settings",
    ];

    private static readonly string[] OpenAiModelRoutes = ["/models", "/v1/models"];

    private static readonly Dictionary<string, string[]> Groups = new(StringComparer.Ordinal)
    {
        ["info_routes"] = InfoRoutes,
        ["key_management_routes"] = KeyManagementRoutes,
        ["management_routes"] =
        [
            "/user/new", "/user/update", "/user/bulk_update", "/user/delete", "/user/info", "/user/list",
            "/team/new", "/team/update", "/team/delete", "/team/list", "/v2/team/list", "/team/info", "/team/block",
            "/team/unblock", "/team/available", "/team/permissions_list", "/team/permissions_update",
            "/model/new", "/model/update", "/model/delete", "/model/info", .. KeyManagementRoutes,
        ],
        ["openai_routes"] = OpenAiModelRoutes,
        ["llm_api_routes"] = OpenAiModelRoutes,
        ["internal_user_routes"] = ["/v1/models/{model_id}", "/models/{model_id}", .. KeyManagementRoutes],
        ["self_managed_routes"] =
        [
            "/team/member_add", "/team/member_delete", "/team/member_update", "/team/permissions_list", "/team/permissions_update",
            "/model/new", "/model/update", "/model/delete", "/user/list", "/model/{model_id}/update",
        ],
        ["admin_viewer_routes"] = ["/user/list", "/audit", "/audit/{id}", .. InfoRoutes],
        ["public_routes"] = ["/health/liveliness", "/health/liveness", "/health/readiness"],
    };

    /// <summary>Whether a key whose <c>allowed_routes</c> are <paramref name="allowedRoutes"/> may call <paramref name="path"/>.</summary>
    public static bool Allows(IReadOnlyCollection<string> allowedRoutes, string path) =>
        allowedRoutes.Count == 0
        || allowedRoutes.Any(entry => path == entry || path.StartsWith(entry + "/", StringComparison.Ordinal))
        || allowedRoutes.Any(entry => Groups.TryGetValue(entry, out var routes) && routes.Any(route => Matches(route, path)))
        || allowedRoutes.Any(entry => entry.EndsWith('*') && path.StartsWith(entry[..^1], StringComparison.Ordinal));

    /// <summary>LiteLLM's refusal, with any secret in the path shortened to its last four characters.</summary>
    public static string Refusal(IReadOnlyCollection<string> allowedRoutes, string path) =>
        $"Virtual key is not allowed to call this route. Only allowed to call routes: [{string.Join(", ", allowedRoutes.Select(r => $"'{r}'"))}]. Tried to call route: {MaskSecrets(path)}";

    /// <summary>An exact route, or a route with <c>{placeholders}</c> standing for one path segment each.</summary>
    private static bool Matches(string route, string path) =>
        route == path || (route.Contains('{', StringComparison.Ordinal) && Regex.IsMatch(path, "^" + Placeholder().Replace(Regex.Escape(route).Replace("\\{", "{", StringComparison.Ordinal), "[^/]+") + "$"));

    private static string MaskSecrets(string path) =>
        string.Join('/', path.Split('/').Select(segment =>
            segment.StartsWith(KeyValidity.SecretPrefix, StringComparison.Ordinal) && segment.Length > 7 ? "sk-..." + segment[^4..] : segment));

    [GeneratedRegex(@"\{[^}/]+\}")]
    private static partial Regex Placeholder();
}
