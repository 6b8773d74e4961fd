using NSwag;

namespace ProxyAdmin.Api.OpenApi;

/// <summary>The response headers the header processors document, in OpenAPI 3's shape.</summary>
public static class ResponseHeaders
{
    /// <summary>A string header; with <paramref name="only"/>, that is its one possible value.</summary>
    public static OpenApiHeader String(string description, string? only = null)
    {
        var schema = new Dictionary<string, object?> { ["type"] = "string" };
        if (only is not null)
        {
            schema["enum"] = new[] { only };
        }

        // NSwag's header is a bare JSON schema (OpenAPI 2's shape); OpenAPI 3 wants the type under "schema".
        return new OpenApiHeader { Description = description, ExtensionData = new Dictionary<string, object?> { ["schema"] = schema } };
    }

    /// <summary>Documents <paramref name="name"/> on every success (2xx) response of <paramref name="operation"/>.</summary>
    public static void OnSuccess(OpenApiOperation operation, string name, string description, string? only = null)
    {
        foreach (var status in operation.Responses.Keys.Where(s => s.StartsWith('2')).ToList())
        {
            operation.Responses[status].Headers[name] = String(description, only);
        }
    }
}
