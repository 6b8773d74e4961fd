using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using NJsonSchema;
using NJsonSchema.Validation;
using NSwag;

namespace ProxyAdmin.Api.FunctionalTests.Contract;

/// <summary>
/// The service's own OpenAPI document, read as a contract for what it sends: a response must be documented for
/// its operation and exact status, with its content type, and its body must validate against the
/// schema documented there. A request to a path or method the document does not have must be answered with the
/// error envelope (404, 405), since the service serves nothing the document does not describe.
/// </summary>
public sealed class ResponseContract
{
    /// <summary>What the service serves besides its API: the document itself, Swagger UI and <c>/</c>, which redirects to it, and the admin UI.</summary>
    private static readonly string[] OutsideTheApi = ["/openapi.json", "/docs", "/", "/ui"];

    private readonly OpenApiDocument _document;
    private readonly List<PathTemplate> _paths;
    private readonly JsonSchema _errorSchema;

    private ResponseContract(OpenApiDocument document, IReadOnlySet<string> catchAllPaths)
    {
        _document = document;
        _paths = document.Paths.Select(path => new PathTemplate(path.Key, path.Value, catchAllPaths)).ToList();
        _errorSchema = document.Components.Schemas.TryGetValue("ErrorResponse", out var error)
            ? error
            : throw new InvalidOperationException("The document has no ErrorResponse schema.");
    }

    public OpenApiDocument Document => _document;

    /// <summary>
    /// Reads the document; <paramref name="endpoints"/> tells which path parameters are catch-alls
    /// (<c>{**name}</c>), which the document spells like any parameter but which match several segments.
    /// </summary>
    public static async Task<ResponseContract> LoadAsync(string documentJson, EndpointDataSource? endpoints = null)
    {
        var document = await OpenApiDocument.FromJsonAsync(documentJson);
        var catchAll = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints?.Endpoints.OfType<RouteEndpoint>() ?? [])
        {
            foreach (var parameter in endpoint.RoutePattern.Parameters.Where(p => p.IsCatchAll))
            {
                catchAll.Add(DocumentPath(endpoint.RoutePattern) + " " + parameter.Name);
            }
        }

        return new ResponseContract(document, catchAll);
    }

    /// <summary>Every way <paramref name="response"/> breaks the contract; empty when it keeps it.</summary>
    public async Task<IReadOnlyList<string>> CheckAsync(HttpResponseMessage response)
    {
        var request = response.RequestMessage ?? throw new InvalidOperationException("The response carries no request.");
        var path = request.RequestUri!.AbsolutePath;
        var method = request.Method.Method.ToLowerInvariant();
        var status = (int)response.StatusCode;
        var body = response.Content is null ? string.Empty : await response.Content.ReadAsStringAsync();
        var mediaType = response.Content?.Headers.ContentType?.MediaType;

        if ((IsCorsPreflight(request) && status == StatusCodes.Status204NoContent) || OutsideTheApi.Any(prefix => path == prefix || path.StartsWith(prefix + "/", StringComparison.Ordinal)))
        {
            return [];
        }

        // As the router does: of the paths that match, one that has the method (DELETE /credentials/ is the catch-all's
        // DELETE with an empty name, not /credentials without one).
        var matching = _paths
            .Where(t => t.Matches(path))
            .OrderByDescending(t => t.LiteralSegments)
            .ToList();
        var template = matching.FirstOrDefault(t => t.Item.ContainsKey(method)) ?? matching.FirstOrDefault();
        if (template is null)
        {
            return CheckUndocumented(404, "no documented path matches it", request, status, mediaType, body);
        }

        if (!template.Item.TryGetValue(method, out var operation))
        {
            return CheckUndocumented(405, $"{template.Path} documents no {method.ToUpperInvariant()}", request, status, mediaType, body);
        }

        var name = $"{method.ToUpperInvariant()} {template.Path} ({operation.OperationId}) {status}";
        var responses = operation.ActualResponses;
        // Exactly the status: a "default" response would let any status through, and the service documents none.
        if (!responses.TryGetValue(status.ToString(CultureInfo.InvariantCulture), out var documented))
        {
            return [$"{name}: the status is not documented (documented: {string.Join(", ", responses.Keys)}). Body: {Shorten(body)}"];
        }

        documented = documented.ActualResponse;
        if (body.Length == 0)
        {
            return documented.Content.Count == 0 || status == 204
                ? []
                : [$"{name}: the document promises a body ({string.Join(", ", documented.Content.Keys)}), the response has none."];
        }

        if (mediaType is null || !documented.Content.TryGetValue(mediaType, out var content))
        {
            return [$"{name}: the content type {mediaType ?? "(none)"} is not documented (documented: {Listed(documented.Content.Keys)})."];
        }

        if (!IsJson(mediaType))
        {
            return [];
        }

        var problems = Validate(body, content.Schema);
        if (problems.Count == 0 && content.Schema?.ActualSchema == _errorSchema.ActualSchema)
        {
            problems.AddRange(EnvelopeAgreesWithStatus(body, status));
        }

        return problems.Count == 0 ? [] : [$"{name}: the body does not match the documented schema:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}{Environment.NewLine}Body: {Shorten(body)}"];
    }

    /// <summary>The schema errors of <paramref name="json"/> against <paramref name="schema"/>, one line each.</summary>
    public static List<string> Validate(string json, JsonSchema? schema)
    {
        if (schema is null)
        {
            return ["the document gives no schema for it"];
        }

        ICollection<ValidationError> errors;
        try
        {
            errors = new JsonSchemaValidator().Validate(json, schema, SchemaType.OpenApi3);
        }
        catch (Newtonsoft.Json.JsonReaderException exception)
        {
            return ["the body is not JSON: " + exception.Message];
        }

        var lines = new List<string>();
        foreach (var error in errors)
        {
            Describe(error, "  ", lines);
        }

        return lines;
    }

    /// <summary>
    /// The envelope's <c>code</c> is the HTTP status as a string, as LiteLLM sends it; a client that reads the one and
    /// not the other must not be told two things.
    /// </summary>
    private static IEnumerable<string> EnvelopeAgreesWithStatus(string body, int status)
    {
        var code = JsonNode.Parse(body)?["error"]?["code"]?.GetValue<string>();
        if (code != status.ToString(CultureInfo.InvariantCulture))
        {
            yield return $"  the envelope's code is {code ?? "(none)"}, the status is {status}";
        }
    }

    private List<string> CheckUndocumented(int expected, string why, HttpRequestMessage request, int status, string? mediaType, string body)
    {
        // A route the service does not serve must be refused with the envelope, like every other error; what is refused
        // before routing (a URL or headers too large, a header the service reads or HTTP forbids) is refused so anywhere.
        if (status != expected && !RefusedBeforeRouting(request, status, mediaType, body))
        {
            return [$"{why}, yet the service answered {status} instead of {expected}. Body: {Shorten(body)}"];
        }

        if (mediaType != "application/json")
        {
            return [$"{why}: the {status} came as {mediaType ?? "(no content type)"}, not as the JSON error envelope."];
        }

        var problems = Validate(body, _errorSchema);
        if (problems.Count == 0)
        {
            problems.AddRange(EnvelopeAgreesWithStatus(body, status));
        }

        return problems.Count == 0 ? [] : [$"{why}: the {status} is not the error envelope:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}"];
    }

    private static bool RefusedBeforeRouting(HttpRequestMessage request, int status, string? mediaType, string body)
    {
        if (status is 414 or 431)
        {
            return true;
        }

        if (status != 400 || mediaType != "application/json")
        {
            return false;
        }

        var param = JsonNode.Parse(body)?["error"]?["param"]?.GetValue<string>();
        return param is not null && (request.Headers.Contains(param) || request.Content?.Headers.Contains(param) == true);
    }

    private static bool IsCorsPreflight(HttpRequestMessage request) =>
        request.Method == HttpMethod.Options && request.Headers.Contains("Access-Control-Request-Method");

    private static bool IsJson(string mediaType) =>
        mediaType == "application/json" || mediaType.EndsWith("+json", StringComparison.Ordinal);

    private static void Describe(ValidationError error, string indent, List<string> lines)
    {
        var where = string.IsNullOrEmpty(error.Path) ? "$" : error.Path;
        lines.Add($"{indent}{error.Kind} at {where}{(error.Property is { Length: > 0 } property ? $" (property {property})" : string.Empty)}");
        if (error is ChildSchemaValidationError child)
        {
            foreach (var nested in child.Errors.SelectMany(e => e.Value))
            {
                Describe(nested, indent + "  ", lines);
            }
        }
    }

    private static string Listed(IEnumerable<string> values) => values.Any() ? string.Join(", ", values) : "no body";

    private static string Shorten(string text) => text.Length <= 600 ? text : text[..600] + "…";

    /// <summary>A route pattern as the document spells its path: constraints, defaults and <c>**</c> dropped.</summary>
    private static string DocumentPath(RoutePattern pattern)
    {
        var path = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                path.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
                    RoutePatternSeparatorPart separator => separator.Content,
                    _ => string.Empty,
                });
            }
        }

        return path.Length == 0 ? "/" : path.ToString();
    }

    /// <summary>One path of the document, matched segment by segment as ASP.NET routing matches it.</summary>
    private sealed class PathTemplate
    {
        private readonly Segment[] _segments;

        public PathTemplate(string path, OpenApiPathItem item, IReadOnlySet<string> catchAllPaths)
        {
            Path = path;
            Item = item;
            var parameters = item.Values.SelectMany(op => op.ActualParameters).Where(p => p.Kind == OpenApiParameterKind.Path).ToList();
            _segments = path.Trim('/').Split('/').Select(text =>
            {
                if (text.StartsWith('{') && text.EndsWith('}'))
                {
                    var name = text[1..^1];
                    var format = parameters.FirstOrDefault(p => p.Name == name)?.ActualSchema.Format;
                    return new Segment(null, catchAllPaths.Contains(path + " " + name), format is "uuid" or "guid");
                }

                return new Segment(text, false, false);
            }).ToArray();
            LiteralSegments = _segments.Count(s => s.Literal is not null);
        }

        public string Path { get; }

        public OpenApiPathItem Item { get; }

        public int LiteralSegments { get; }

        public bool Matches(string requestPath)
        {
            var parts = requestPath.Trim('/').Split('/');
            for (var i = 0; i < _segments.Length; i++)
            {
                var segment = _segments[i];
                if (segment.IsCatchAll)
                {
                    return i == _segments.Length - 1;
                }

                if (i >= parts.Length)
                {
                    return false;
                }

                var part = Uri.UnescapeDataString(parts[i]);
                var matches = segment.Literal is { } literal
                    ? string.Equals(literal, part, StringComparison.OrdinalIgnoreCase)
                    : part.Length > 0 && (!segment.IsGuid || Guid.TryParse(part, out _));
                if (!matches)
                {
                    return false;
                }
            }

            return parts.Length == _segments.Length;
        }

        private sealed record Segment(string? Literal, bool IsCatchAll, bool IsGuid);
    }
}
