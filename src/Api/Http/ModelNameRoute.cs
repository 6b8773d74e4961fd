using Microsoft.AspNetCore.Http.Features;

namespace ProxyAdmin.Api.Http;

/// <summary>
/// A model name taken whole from the rest of a route's path (<c>/v1/models/{**model_id}</c>). Model names may hold
/// <c>/</c>, sent as is or escaped as <c>%2F</c>. The server decodes every escape of the path but <c>%2F</c>, so a name
/// holding a literal <c>%2F</c> (sent <c>%252F</c>) and a name holding <c>/</c> (sent <c>%2F</c>) would read alike: the
/// name is therefore decoded once from the request target as the client sent it.
/// </summary>
public static class ModelNameRoute
{
    /// <param name="request">The request whose path ends in the name.</param>
    /// <param name="fixedSegments">How many literal segments of the template come before the name (<c>/v1/models/</c>: 2).</param>
    /// <param name="routeValue">
    /// The catch-all's value, used when the request target is not at hand; null when the name is only white space
    /// (model binding makes it so), which reads as the empty name the validators refuse.
    /// </param>
    public static string Read(HttpRequest request, int fixedSegments, string? routeValue)
    {
        var target = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(target) || target[0] != '/')
        {
            return (routeValue ?? string.Empty).Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        }

        var query = target.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? target : target[..query];
        var baseSegments = request.PathBase.HasValue ? request.PathBase.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries).Length : 0;
        var name = string.Join('/', path.Split('/').Skip(1 + baseSegments + fixedSegments));
        return Uri.UnescapeDataString(name);
    }
}
