using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ProxyAdmin.Api.FunctionalTests;

public sealed partial class OpenApiTests
{
    /// <summary>
    /// Every (verb, path) the service serves, as "VERB /path" with the path as the document spells it:
    /// the route template with route constraints dropped ("/audit/{id:guid}" is "/audit/{id}").
    /// </summary>
    private string[] Routes = [];

    private JsonObject _document = null!;

    [OneTimeSetUp]
    public async Task LoadTheDocument()
    {
        var response = await Service.App.ClientWith(null).GetAsync("/openapi.json");
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        _document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Routes = [.. DeclaredRoutes(Service.App.Services.GetRequiredService<EndpointDataSource>())];
    }

    [Test]
    public void TheServiceDeclaresTheRoutes()
    {
        Assert.That(Routes, Has.Length.GreaterThanOrEqualTo(40).And.Unique);
        Assert.That(Routes, Does.Contain("GET /health/liveliness").And.Contain("OPTIONS /health/liveness"), "the probes without a controller too");
    }

    [Test]
    public void TheDocumentIsOpenApi3WithEveryRoute()
    {
        Assert.That(_document["openapi"]!.GetValue<string>(), Does.StartWith("3."));
        Assert.That(Routes.Except(Operations().Select(op => op.Name)), Is.Empty, "served but not in the document");
        Assert.That(_document["paths"]!["/user/new"]!["post"], Is.Not.Null);
        Assert.That(_document["paths"]!["/user/info"]!["get"], Is.Not.Null);
        Assert.That(_document["paths"]!["/audit/{id}"]!["get"], Is.Not.Null);
    }

    [Test]
    public void TheDocumentHasOnlyTheServicesRoutes() =>
        Assert.That(Operations().Select(op => op.Name).Except(Routes), Is.Empty, "in the document but not served");

    [Test]
    public void EveryPropertyIsSnakeCase()
    {
        var properties = Schemas.SelectMany(schema => PropertyNames(schema.Value!)).ToList();

        Assert.That(properties, Is.Not.Empty);
        Assert.That(properties, Has.All.Matches<string>(name => SnakeCase().IsMatch(name)));
        Assert.That(PropertyNames(Schema("CreateUserCommand")), Is.SupersetOf(new[] { "user_id", "user_email", "user_role", "max_budget", "auto_create_key" }));
        Assert.That(InheritedPropertyNames(Schema("GenerateKeyCommand")), Is.SupersetOf(new[] { "key_alias", "user_id", "max_budget", "duration" }));
        Assert.That(PropertyNames(Schema("AuditLogDto")), Is.SupersetOf(new[] { "changed_by", "changed_by_api_key", "table_name", "object_id", "before_value", "updated_values" }));
    }

    [Test]
    public void EnumsAreStringsSpelledAsOnTheWire()
    {
        var enums = Schemas.Where(s => s.Value!["enum"] is not null).ToList();

        Assert.That(enums, Is.Not.Empty);
        foreach (var (name, schema) in enums)
        {
            Assert.That(schema!["type"]?.GetValue<string>(), Is.EqualTo("string"), name);
            Assert.That(schema["enum"]!.AsArray().Select(v => v!.GetValue<string>()), Has.All.Matches<string>(v => SnakeCase().IsMatch(v)), name);
        }

        Assert.That(
            Schema("UserRole")["enum"]!.AsArray().Select(v => v!.GetValue<string>()),
            Is.SupersetOf(new[] { "proxy_admin", "proxy_admin_viewer", "internal_user", "internal_user_viewer" }));
        Assert.That(
            Schema("AuditAction")["enum"]!.AsArray().Select(v => v!.GetValue<string>()),
            Is.EquivalentTo(new[] { "created", "updated", "deleted", "blocked", "unblocked", "rotated", "reencrypted" }));
    }

    /// <summary>
    /// A parameter's default is spelled as the route accepts it: NSwag wrote an enum default by its C# name
    /// (<c>Desc</c>), which is not among the enum's own values, and a client that sent it back was told 400.
    /// </summary>
    [Test]
    public async Task EveryParameterDefaultIsAValueOfItsEnumAndTheRouteAcceptsIt()
    {
        var checkedDefaults = new List<string>();
        foreach (var (name, operation) in Operations())
        {
            foreach (var parameter in operation["parameters"]?.AsArray().Select(p => p!.AsObject()) ?? [])
            {
                var schema = parameter["schema"]!;
                if (schema["default"] is not { } value || EnumOf(schema) is not { } values)
                {
                    continue;
                }

                Assert.That(values, Does.Contain(value.GetValue<string>()), $"{name} {parameter["name"]}");
                checkedDefaults.Add($"{name} {parameter["name"]}={value}");
            }
        }

        Assert.That(checkedDefaults, Does.Contain("GET /audit sort_order=desc"));
        var sortOrder = Paths["/audit"]!["get"]!["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "sort_order")!;
        Assert.That(EnumOf(sortOrder["schema"]!), Is.EquivalentTo(new[] { "asc", "desc" }));
        foreach (var value in EnumOf(sortOrder["schema"]!)!)
        {
            await (await Service.App.Admin().GetAsync($"/audit?sort_order={value}")).Expect(200);
        }
    }

    [Test]
    public void TheErrorEnvelopeIsLiteLLMs()
    {
        var error = Schema("ErrorBody");
        Assert.That(PropertyNames(error), Is.SupersetOf(new[] { "message", "type", "param", "code", "errors" }));
        Assert.That(Schema("ErrorResponse")["properties"]!["error"]!["$ref"]!.GetValue<string>(), Is.EqualTo("#/components/schemas/ErrorBody"));
    }

    [Test]
    public void EveryOperationButHealthDeclaresTheApiKey()
    {
        var scheme = _document["components"]!["securitySchemes"]!["ApiKey"]!;
        Assert.That(scheme["type"]!.GetValue<string>(), Is.EqualTo("http"));
        Assert.That(scheme["scheme"]!.GetValue<string>(), Is.EqualTo("bearer"), "Swagger UI then sends \"Bearer <key>\" itself");
        Assert.That(scheme["description"]!.GetValue<string>(), Does.Contain("x-litellm-api-key").And.Contain("x-api-key").And.Contain("api-key")
            .And.Contain("x-goog-api-key").And.Contain("Ocp-Apim-Subscription-Key"));
        foreach (var (name, operation) in Operations())
        {
            var schemes = operation["security"]?.AsArray().SelectMany(r => r!.AsObject().Select(s => s.Key)).ToList() ?? [];
            var probe = name.Contains("/health/", StringComparison.Ordinal) && !name.EndsWith("/health/revision", StringComparison.Ordinal);
            Assert.That(schemes, probe ? Is.Empty : Is.EqualTo(new[] { "ApiKey" }), name);
        }
    }

    [Test]
    public void FreeFormJsonIsAnyJsonNotDotNetNodeTypes()
    {
        foreach (var schema in new[] { "CreateUserCommand", "UpdateUserCommand", "UserDto", "GenerateKeyCommand", "UpdateKeyCommand", "KeyDto" })
        {
            var metadata = FindProperty(Schema(schema), "metadata") ?? throw new AssertionException($"{schema} has no metadata.");
            Assert.That(metadata["type"]!.GetValue<string>(), Is.EqualTo("object"), schema);
            Assert.That(metadata["$ref"], Is.Null, schema);
        }

        foreach (var property in new[] { "before_value", "updated_values" })
        {
            var value = Schema("AuditLogDto")["properties"]![property]!.AsObject();
            Assert.That(value.ToJsonString(), Does.Not.Contain("$ref"), property);
        }

        Assert.That(Schemas.Select(s => s.Key), Has.None.StartsWith("JsonNode").And.None.StartsWith("KeyValuePair"));
    }

    [Test]
    public async Task TheDocsPageIsHtml()
    {
        var response = await Service.App.ClientWith(null).GetAsync("/docs");

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/html"));
        var html = await response.Content.ReadAsStringAsync();
        Assert.That(html, Does.Contain("swagger-ui"));
        Assert.That(response.RequestMessage!.RequestUri + html, Does.Contain("/openapi.json"), "the UI loads this service's document");
    }

    /// <summary>The enum values of a schema, through the <c>$ref</c> and <c>oneOf</c> wrappers NSwag puts around an enum.</summary>
    private List<string>? EnumOf(JsonNode schema)
    {
        if (schema["enum"] is JsonArray values)
        {
            return values.Select(v => v!.GetValue<string>()).ToList();
        }

        if (schema["$ref"] is { } reference)
        {
            return EnumOf(Schema(reference.GetValue<string>().Split('/')[^1]));
        }

        return schema["oneOf"]?.AsArray().Select(part => EnumOf(part!)).FirstOrDefault(found => found is not null);
    }

    private JsonObject Paths => _document["paths"]!.AsObject();

    private JsonObject Schemas => _document["components"]!["schemas"]!.AsObject();

    private JsonObject Schema(string name) => Schemas[name]?.AsObject() ?? throw new AssertionException($"No schema {name}.");

    private IEnumerable<(string Name, JsonObject Operation)> Operations() =>
        Paths.SelectMany(path => path.Value!.AsObject().Select(op => ($"{op.Key.ToUpperInvariant()} {path.Key}", op.Value!.AsObject())));

    /// <summary>Property names of a schema, including those of the parts of an <c>allOf</c>.</summary>
    private static IEnumerable<string> PropertyNames(JsonNode schema) =>
        (schema["properties"]?.AsObject().Select(p => p.Key) ?? [])
            .Concat(schema["allOf"]?.AsArray().SelectMany(part => PropertyNames(part!)) ?? []);

    /// <summary>As <see cref="PropertyNames"/>, following the <c>$ref</c> of each <c>allOf</c> part to its base schema.</summary>
    private IEnumerable<string> InheritedPropertyNames(JsonNode schema) =>
        (schema["properties"]?.AsObject().Select(p => p.Key) ?? [])
            .Concat(schema["allOf"]?.AsArray().SelectMany(part => part!["$ref"] is { } reference
                ? InheritedPropertyNames(Schema(reference.GetValue<string>().Split('/')[^1]))
                : InheritedPropertyNames(part)) ?? []);

    /// <summary>A property's schema, in the schema itself or in the base schema of one of its <c>allOf</c> parts.</summary>
    private JsonNode? FindProperty(JsonNode schema, string name) =>
        schema["properties"]?[name]
        ?? schema["allOf"]?.AsArray()
            .Select(part => FindProperty(part!["$ref"] is { } reference ? Schema(reference.GetValue<string>().Split('/')[^1]) : part!, name))
            .FirstOrDefault(found => found is not null);

    /// <summary>Every route the running service serves, controllers' and the endpoints without one (<c>HealthProbes</c>).</summary>
    private static IEnumerable<string> DeclaredRoutes(EndpointDataSource endpoints)
    {
        foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>())
        {
            var path = "/" + RouteParameter().Replace(endpoint.RoutePattern.RawText ?? string.Empty, "{$1}").TrimStart('/');
            foreach (var verb in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
            {
                yield return $"{verb.ToUpperInvariant()} {path}";
            }
        }
    }

    /// <summary>A route parameter with its constraints, default or optional mark, which the document leaves out.</summary>
    [GeneratedRegex(@"\{\**([A-Za-z_][A-Za-z0-9_]*)[^}]*\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex("^[a-z][a-z0-9]*(_[a-z0-9]+)*$")]
    private static partial Regex SnakeCase();
}
