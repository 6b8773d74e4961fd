using System.Globalization;
using System.Text;
using System.Text.Json;
using CsCheck;
using NJsonSchema;
using NSwag;

namespace ProxyAdmin.Api.FunctionalTests.Fuzz;

/// <summary>
/// Generators of malformed requests for one operation of the OpenAPI document, one per way of breaking it
/// (<see cref="Kinds"/>): a body property of the wrong type or a huge number, nesting past any parser's depth, invalid
/// UTF-8, duplicate keys, a body that is not a JSON object, a content type or charset the service does not read,
/// query values of the wrong type or badly percent-encoded, junk in the headers the service reads, and path values
/// that are not ids. Every other part of the request is as good as the caller can make it: the ids of real resources
/// (<paramref name="knownValues"/>) where the body or query names them, so a probe gets past "not found" to the
/// code that reads the broken part.
/// </summary>
public sealed class MalformedRequests(string path, string method, OpenApiOperation operation, IReadOnlyDictionary<string, string> knownValues)
{
    /// <summary>Values of every JSON type that a property of another type must refuse, and numbers no field can hold.</summary>
    private static readonly Gen<string> OddJson = Gen.OneOf(
        Gen.OneOf(
            "null", "true", "false", "0", "-1", "1.5", "-0", "1e400", "-1e400", "1e-400", "123456789012345678901234567890",
            "18446744073709551616", "-9223372036854775809", "[]", "{}", "[null]", """[1,"a",{},[]]""", """{"a":{"b":[null]}}""",
            "\"\"", "\" \"", "\"\\u0000\"", "\"\\ud800\"", "\"\\udfff\\ud800\"", "\"\\u202e\"", "\"2026-13-45T25:61:61Z\"", "\"NaN\"", "\"-Infinity\""),
        Text(0, 40).Select(Quoted),
        Gen.Int[1, 3].Select(size => Quoted(new string('a', size * 40_000))));

    /// <summary>Query and path text: empty, of the wrong type, with characters that mean something in a URL, or long.</summary>
    private static readonly Gen<string> OddText = Gen.OneOf(
        Gen.OneOf(
            "", " ", "-1", "0", "1.5", "99999999999999999999999", "1e400", "true", "null", "[]", "{}", "NaN", "ü€𝄞", "' OR 1=1 --",
            "../../etc/passwd", "a/b", "%", "\u202e", "2026-13-45", new string('x', 3000)),
        Text(1, 30));

    /// <summary>Query values written as raw URL bytes: percent-escapes that are malformed, NUL, or decode to invalid UTF-8.</summary>
    private static readonly Gen<string> RawQueryValues = Gen.OneOf("%ZZ", "%", "a%2", "%00", "%C3%28", "%FF%FE", "%ED%A0%80", "%C0%AF", "%E2%80%AE", "&&", "=", "%26%3D");

    private static readonly Gen<byte[]> InvalidUtf8 = Gen.OneOf<byte[]>([0xC3, 0x28], [0xFF], [0xFE, 0xFF], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xE2, 0x82]);

    private static readonly Gen<string> NotAnObject = Gen.OneOf(
        "", "{", "}", "[]", "[{}]", "null", "\"text\"", "42", "{,}", "{\"a\" 1}", "{\"a\":1,}", "{} {}", "{/* comment */}", "\uFEFF{}",
        "nul", "{\"a\":\"\\x\"}", "{\"a\":\"unterminated}", "{'a':1}", "{a:1}", "\0", "{\"a\":01}", "{\"a\":.5}", "{\"a\":+1}");

    private static readonly Gen<string> OddContentTypes = Gen.OneOf(
        "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data", "multipart/form-data; boundary=x",
        "application/json; charset=utf-16", "application/json; charset=utf-32", "application/json; charset=bogus",
        "application/json; charset=", "application/json; charset=iso-8859-1", "application/json;;", "application/json; q", "*/*", "",
        "application/json, text/plain", "application/merge-patch+json", "application", "/", "application/json; charset=\"utf-8");

    /// <summary>The headers the service reads, with values it must refuse or ignore (but never fail on).</summary>
    private static readonly Gen<KeyValuePair<string, string>> OddHeaders = Gen.OneOf(
        OddText.Select(value => KeyValuePair.Create("x-proxyadmin-min-revision", value)),
        Gen.OneOf("", "Bearer", "Bearer ", "Basic YWRtaW46YWRtaW4=", "Bearer sk-" + new string('x', 4000), "Bearer sk-ü€", "bearer  sk-functional-test-master-key ", "Bearer sk-functional-test-master-key, Bearer sk-other", "Negotiate abc")
            .Select(value => KeyValuePair.Create("Authorization", value)),
        OddText.Select(value => KeyValuePair.Create("x-litellm-api-key", value)),
        OddText.Select(value => KeyValuePair.Create("api-key", value)),
        Gen.OneOf("*", "\"\"", "W/\"x\"", "\"unterminated", "\"a\",", ",", "*, *", "\"a\" \"b\"", "no-quotes")
            .Select(value => KeyValuePair.Create("If-Match", value)),
        Gen.OneOf("application/xml", "text/html;q=1, */*;q=0", "application/json; charset=utf-16", "nonsense")
            .Select(value => KeyValuePair.Create("Accept", value)),
        Gen.OneOf("gzip", "br, nonsense", "identity;q=0")
            .Select(value => KeyValuePair.Create("Accept-Encoding", value)));

    private readonly List<OpenApiParameter> _query = operation.ActualParameters.Where(p => p.Kind == OpenApiParameterKind.Query).ToList();
    private readonly List<OpenApiParameter> _path = operation.ActualParameters.Where(p => p.Kind == OpenApiParameterKind.Path).ToList();
    private readonly JsonSchema? _body = operation.ActualRequestBody?.Content.Values.FirstOrDefault()?.Schema?.ActualSchema;


    public string Name { get; } = $"{method.ToUpperInvariant()} {path}";

    /// <summary>The body's properties by name: the one a probe breaks; the others get a known value or a plausible one.</summary>
    private List<string> BodyProperties => field ??= _body?.ActualProperties.Keys.ToList() ?? [];

    /// <summary>Every way of breaking a request to this operation, by name, each a generator of such requests.</summary>
    public IReadOnlyList<(string Kind, Gen<MalformedRequest> Requests)> Kinds
    {
        get
        {
            var kinds = new List<(string, Gen<MalformedRequest>)>
            {
                ("a body that is not a JSON object", NotAnObject.Select(text => WithBody(Encoding.UTF8.GetBytes(text), "application/json", Describe(text)))),
                ("a content type it does not read", OddContentTypes.Select(type => WithBody(ContentTypeBody(type), type, type))),
                ("odd headers", OddHeaders.Array[1, 3].Select(headers => Request(headers, "headers")))
            };
            if (BodyProperties.Count > 0)
            {
                kinds.Add(("a property of the wrong type or size", Gen.Select(Gen.Int[0, BodyProperties.Count - 1], OddJson, (index, value) => WithProperty(BodyProperties[index], value))));
                kinds.Add(("nesting past any depth", Gen.Select(Gen.Int[0, BodyProperties.Count - 1], Gen.Int[65, 4000], Gen.Bool, (index, depth, arrays) => WithProperty(BodyProperties[index], Nested(depth, arrays)))));
                kinds.Add(("a duplicate key", Gen.Select(Gen.Int[0, BodyProperties.Count - 1], OddJson, (index, value) => WithDuplicate(BodyProperties[index], value))));
                kinds.Add(("invalid UTF-8 in a string", Gen.Select(Gen.Int[0, BodyProperties.Count - 1], InvalidUtf8, (index, bytes) => WithInvalidUtf8(BodyProperties[index], bytes))));
            }

            if (_query.Count > 0)
            {
                kinds.Add(("a query value of the wrong type", Gen.Select(Gen.Int[0, _query.Count - 1], OddText, (index, value) => WithQuery(_query[index].Name, Uri.EscapeDataString(value), Describe(value)))));
                kinds.Add(("a query value badly percent-encoded", Gen.Select(Gen.Int[0, _query.Count - 1], RawQueryValues, (index, raw) => WithQuery(_query[index].Name, raw, raw))));
                kinds.Add(("a query parameter repeated", Gen.Select(Gen.Int[0, _query.Count - 1], OddText, (index, value) => WithQuery(_query[index].Name, Uri.EscapeDataString(value) + "&" + _query[index].Name + "=" + Uri.EscapeDataString(value + "2"), "twice"))));
            }

            if (_path.Count > 0)
            {
                kinds.Add(("a path value that names nothing", OddText.Select(value => Request([], Describe(value), pathValue: value))));
            }

            return [.. kinds.Select(kind => (kind.Item1, kind.Item2.Select(request => request with { Kind = kind.Item1 })))];
        }
    }

    private MalformedRequest WithProperty(string property, string value) =>
        WithBody(Encoding.UTF8.GetBytes(ObjectText(BodyPairs(property, value))), "application/json", $"{property}: {Describe(value)}");

    private MalformedRequest WithDuplicate(string property, string value)
    {
        var pairs = BodyPairs(except: null, value: null);
        pairs.Add((property, knownValues.TryGetValue(property, out var known) ? known : "\"first\""));
        pairs.Add((property, value));
        return WithBody(Encoding.UTF8.GetBytes(ObjectText(pairs)), "application/json", $"{property} twice, then {Describe(value)}");
    }

    private MalformedRequest WithInvalidUtf8(string property, byte[] bytes)
    {
        var marker = "\"\u0001MARK\u0001\"";
        var text = Encoding.UTF8.GetBytes(ObjectText(BodyPairs(property, marker)));
        var at = IndexOf(text, Encoding.UTF8.GetBytes(marker));
        byte[] body = [.. text[..(at + 1)], .. bytes, .. text[(at + marker.Length - 1)..]];
        return WithBody(body, "application/json", $"{property}: bytes {Convert.ToHexString(bytes)}");
    }

    /// <summary>The body's known values, and <paramref name="value"/> at <paramref name="except"/>.</summary>
    private List<(string Name, string Value)> BodyPairs(string? except, string? value)
    {
        var pairs = new List<(string, string)>();
        foreach (var (name, property) in _body?.ActualProperties ?? new Dictionary<string, JsonSchemaProperty>())
        {
            if (name == except)
            {
                pairs.Add((name, value!));
            }
            else if (knownValues.TryGetValue(name, out var known))
            {
                pairs.Add((name, known));
            }
            else if (_body!.RequiredProperties.Contains(name))
            {
                pairs.Add((name, Plausible(property.ActualSchema)));
            }
        }

        return pairs;
    }

    private byte[] ContentTypeBody(string contentType)
    {
        var text = ObjectText(BodyPairs(except: null, value: null));
        // An odd byte count in UTF-16 or UTF-32 is what made every route a 500; the other types get good UTF-8 JSON.
        return contentType.Contains("utf-16", StringComparison.Ordinal) ? [.. Encoding.Unicode.GetBytes(text), 0x7B]
            : contentType.Contains("utf-32", StringComparison.Ordinal) ? [.. Encoding.UTF32.GetBytes(text), 0x7B, 0x00]
            : Encoding.UTF8.GetBytes(text);
    }

    private MalformedRequest WithBody(byte[] body, string? contentType, string what) => Request([], what, body: body, contentType: contentType);

    private MalformedRequest WithQuery(string name, string rawValue, string what) =>
        Request([], $"{name}={what}", query: (name, rawValue));

    private MalformedRequest Request(
        KeyValuePair<string, string>[] headers,
        string what,
        byte[]? body = null,
        string? contentType = null,
        (string Name, string RawValue)? query = null,
        string? pathValue = null)
    {
        var target = new StringBuilder(FillPath(pathValue));
        var separator = '?';
        foreach (var parameter in _query)
        {
            string? raw = query?.Name == parameter.Name ? query.Value.RawValue
                : knownValues.TryGetValue(parameter.Name, out var known) ? Uri.EscapeDataString(Unquoted(known))
                : null;
            if (raw is not null)
            {
                target.Append(separator).Append(parameter.Name).Append('=').Append(raw);
                separator = '&';
            }
        }

        return new MalformedRequest(Name, string.Empty, new HttpMethod(method.ToUpperInvariant()), target.ToString(), headers, body, contentType, what);
    }

    private string FillPath(string? oddValue)
    {
        var filled = path;
        foreach (var parameter in _path)
        {
            // A guid parameter given something else is a path the document does not have (its 404 is the router's);
            // a random guid reaches the operation and names nothing.
            var isGuid = parameter.ActualSchema.Format is "uuid" or "guid";
            var value = oddValue is null && knownValues.TryGetValue(parameter.Name, out var known) ? Unquoted(known)
                : isGuid ? Guid.NewGuid().ToString()
                : oddValue ?? "x";
            filled = filled.Replace("{" + parameter.Name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
        }

        return filled;
    }

    private static string Plausible(JsonSchema schema) =>
        schema.Type.HasFlag(JsonObjectType.String) ? "\"fuzz\""
        : schema.Type.HasFlag(JsonObjectType.Integer) || schema.Type.HasFlag(JsonObjectType.Number) ? "1"
        : schema.Type.HasFlag(JsonObjectType.Boolean) ? "true"
        : schema.Type.HasFlag(JsonObjectType.Array) ? "[]"
        : "{}";

    private static string ObjectText(IEnumerable<(string Name, string Value)> pairs) =>
        "{" + string.Join(",", pairs.Select(pair => JsonSerializer.Serialize(pair.Name) + ":" + pair.Value)) + "}";

    private static string Nested(int depth, bool arrays) =>
        arrays ? new string('[', depth) + new string(']', depth)
        : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);

    private static string Quoted(string text) => JsonSerializer.Serialize(text);

    private static string Unquoted(string json) => json.StartsWith('"') ? JsonSerializer.Deserialize<string>(json)! : json;

    /// <summary>Letters, digits, URL and JSON punctuation, accents, a control character and a right-to-left override.</summary>
    private static Gen<string> Text(int min, int max) =>
        Gen.String[Gen.Char[" !\"#$%&'()*+,-./0189:;<=>?@AZ[\\]^_`az{|}~éü€\u0001\u007f\u202e"], min, max];

    private static string Describe(string value) =>
        value.Length <= 60 ? value.Replace("\0", "\\0", StringComparison.Ordinal) : $"{value[..40]}… ({value.Length.ToString(CultureInfo.InvariantCulture)} chars)";

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);
}
