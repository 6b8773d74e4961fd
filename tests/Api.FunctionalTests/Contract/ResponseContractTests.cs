using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace ProxyAdmin.Api.FunctionalTests.Contract;

/// <summary>
/// The check that runs under every test's client must be able to fail: each way a response can break the
/// document is shown to it here, as a response the service could have sent, and must be named.
/// </summary>
public sealed class ResponseContractTests
{
    private const string Envelope = """{"error": {"message": "m", "type": "not_found_error", "param": null, "code": "404"}}""";

    private ResponseContract _contract = null!;

    [OneTimeSetUp]
    public async Task LoadTheServicesDocument() => _contract = await Service.App.Contract;

    [Test]
    public async Task AResponseTheDocumentDescribesPasses()
    {
        var (_, key) = await Api.CreateUser();
        var response = await Service.App.ClientWith(key).GetAsync("/key/info");

        Assert.That(await _contract.CheckAsync(response), Is.Empty);
    }

    [Test]
    public async Task ABodyMissingARequiredFieldIsNamed()
    {
        var problems = await Check(HttpMethod.Get, "/project/info?project_id=p", 200, """{"project_id": "p"}""");

        Assert.That(problems, Has.Count.EqualTo(1));
        Assert.That(problems[0], Does.Contain("GET /project/info (Projects_Info) 200").And.Contain("PropertyRequired").And.Contain("team_id"));
    }

    [Test]
    public async Task AFieldTheDocumentDoesNotListIsNamed()
    {
        var model = await ModelApi.Admin.AddModel(ModelApi.Body(Api.UniqueId("contract")));
        var response = await ModelApi.Admin.GetAsync("/v2/model/info?size=1");
        var body = (await response.ReadObject())!;
        body["surprise"] = 1;

        var problems = await Check(HttpMethod.Get, "/v2/model/info?size=1", 200, body.ToJsonString());

        Assert.That(model.Id(), Is.Not.Empty);
        Assert.That(problems.Single(), Does.Contain("NoAdditionalPropertiesAllowed").And.Contain("surprise"));
    }

    [Test]
    public async Task ANullWhereTheDocumentPromisesAValueIsNamed()
    {
        var problems = await Check(HttpMethod.Get, "/health/readiness", 200, """{"status": null, "db": "connected"}""");

        Assert.That(problems.Single(), Does.Contain("GET /health/readiness").And.Contain("status"));
    }

    [Test]
    public async Task AnUndocumentedStatusIsAMismatch()
    {
        var problems = await Check(HttpMethod.Get, "/health/liveliness", 418, Envelope);

        Assert.That(problems.Single(), Does.Contain("GET /health/liveliness").And.Contain("418").And.Contain("not documented"));
    }

    [Test]
    public async Task AnUndocumentedContentTypeIsAMismatch()
    {
        var problems = await Check(HttpMethod.Get, "/health/liveliness", 200, "I'm alive!", "text/plain");

        Assert.That(problems.Single(), Does.Contain("content type text/plain is not documented").And.Contain("application/json"));
    }

    [Test]
    public async Task ABodyThatIsNotJsonIsAMismatch()
    {
        var problems = await Check(HttpMethod.Get, "/health/liveliness", 200, "I'm alive!");

        Assert.That(problems.Single(), Does.Contain("not JSON"));
    }

    [Test]
    public async Task APathParameterMatchesAnySegment()
    {
        var documented = await Check(HttpMethod.Post, "/key/sk-any-key-at-all/regenerate", 404, Envelope);
        var wrongShape = await Check(HttpMethod.Post, "/key/sk-any-key-at-all/regenerate", 200, "{}");

        Assert.That(documented, Is.Empty);
        Assert.That(wrongShape.Single(), Does.StartWith("POST /key/{key}/regenerate (Keys_RegenerateByPath) 200"));
    }

    [Test]
    public async Task AGuidParameterMatchesOnlyAGuid()
    {
        Assert.That(await Check(HttpMethod.Get, $"/audit/{Guid.NewGuid()}", 404, Envelope), Is.Empty);
        Assert.That(await Check(HttpMethod.Get, "/audit/not-a-guid", 404, Envelope), Is.Empty, "no operation: the route-not-found envelope");
        Assert.That((await Check(HttpMethod.Get, "/audit/not-a-guid", 200, "{}")).Single(), Does.Contain("no documented path matches"));
    }

    [Test]
    public async Task AnUndocumentedRouteMustBeRefusedWithTheEnvelope()
    {
        Assert.That(await Check(HttpMethod.Get, "/no/such/route", 404, Envelope), Is.Empty);
        Assert.That((await Check(HttpMethod.Get, "/no/such/route", 200, "{}")).Single(), Does.Contain("instead of 404"));
        Assert.That((await Check(HttpMethod.Get, "/no/such/route", 404, "{}")).Single(), Does.Contain("not the error envelope"));
        Assert.That((await Check(HttpMethod.Put, "/audit", 200, "{}")).Single(), Does.Contain("/audit documents no PUT").And.Contain("instead of 405"));
    }

    [Test]
    public async Task ACatchAllParameterMatchesTheRestOfThePath()
    {
        const string document = """
            {
              "openapi": "3.0.0", "info": {"title": "t", "version": "1"},
              "paths": {
                "/files/{path}": {"get": {"operationId": "Files_Get", "parameters": [{"name": "path", "in": "path", "required": true, "schema": {"type": "string"}}],
                  "responses": {"200": {"description": "", "content": {"application/json": {"schema": {"type": "string"}}}}}}},
                "/one/{name}": {"get": {"operationId": "One_Get", "parameters": [{"name": "name", "in": "path", "required": true, "schema": {"type": "string"}}],
                  "responses": {"200": {"description": "", "content": {"application/json": {"schema": {"type": "string"}}}}}}}
              },
              "components": {"schemas": {"ErrorResponse": {"type": "object"}}}
            }
            """;
        var endpoints = new DefaultEndpointDataSource(
            new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse("/files/{**path}"), 0, EndpointMetadataCollection.Empty, "files"),
            new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse("/one/{name}"), 0, EndpointMetadataCollection.Empty, "one"));
        var contract = await ResponseContract.LoadAsync(document, endpoints);

        Assert.That(await contract.CheckAsync(Response(HttpMethod.Get, "/files/openai/gpt-4o/v1", 200, "\"x\"")), Is.Empty);
        Assert.That(await contract.CheckAsync(Response(HttpMethod.Get, "/one/openai", 200, "\"x\"")), Is.Empty);
        Assert.That((await contract.CheckAsync(Response(HttpMethod.Get, "/one/openai/gpt-4o", 200, "\"x\""))).Single(), Does.Contain("no documented path matches"));
    }

    [Test]
    public async Task AStatusTheOperationCannotAnswerIsAMismatch()
    {
        const string notFound = """{"error": {"message": "m", "type": "not_found_error", "param": null, "code": "404"}}""";
        const string unauthorized = """{"error": {"message": "m", "type": "auth_error", "param": null, "code": "401"}}""";

        Assert.That((await Check(HttpMethod.Post, "/budget/new", 404, notFound)).Single(), Does.Contain("POST /budget/new (Budgets_Create) 404: the status is not documented"));
        Assert.That((await Check(HttpMethod.Get, "/health/readiness", 401, unauthorized)).Single(), Does.Contain("401: the status is not documented"), "an anonymous route");
        Assert.That(await Check(HttpMethod.Post, "/team/update", 404, notFound), Is.Empty);
    }

    [Test]
    public async Task AnEnvelopeWhoseCodeIsNotTheStatusIsAMismatch()
    {
        Assert.That((await Check(HttpMethod.Post, "/team/update", 404, Envelope.Replace("\"404\"", "\"400\"", StringComparison.Ordinal))).Single(), Does.Contain("code is 400, the status is 404"));
        Assert.That((await Check(HttpMethod.Get, "/no/such/route", 404, Envelope.Replace("\"404\"", "\"405\"", StringComparison.Ordinal))).Single(), Does.Contain("code is 405, the status is 404"));
    }

    [Test]
    public async Task AnErrorTypeTheServiceNeverSendsIsAMismatch() =>
        Assert.That(
            (await Check(HttpMethod.Post, "/team/update", 404, Envelope.Replace("not_found_error", "NotFound", StringComparison.Ordinal))).Single(),
            Does.Contain("NotInEnumeration"));

    [Test]
    public async Task OnlyAPreflightAnsweredWith204IsSkipped()
    {
        HttpResponseMessage Preflight(int status, string body)
        {
            var response = Response(HttpMethod.Options, "/team/new", status, body);
            response.RequestMessage!.Headers.Add("Origin", "https://ui.example");
            response.RequestMessage.Headers.Add("Access-Control-Request-Method", "POST");
            return response;
        }

        Assert.That(await _contract.CheckAsync(Preflight(204, string.Empty)), Is.Empty);
        Assert.That((await _contract.CheckAsync(Preflight(200, "{}"))).Single(), Does.Contain("/team/new documents no OPTIONS"));
    }

    [Test]
    public async Task TheModelInfoOfOneIdMustBeAList()
    {
        var model = await ModelApi.Admin.AddModel(ModelApi.Body(Api.UniqueId("contract")));
        var path = $"/model/info?litellm_model_id={model.Id()}";
        var shown = (await (await ModelApi.Admin.GetAsync(path)).ReadObject())!;
        var item = shown["data"]!.AsArray().Single()!;
        var asObject = new JsonObject { ["data"] = item.DeepClone() };
        var broken = shown.DeepClone().AsObject();
        broken["data"]![0]!["model_name"] = 42;

        Assert.That(await Check(HttpMethod.Get, path, 200, shown.ToJsonString()), Is.Empty, "the service's own answer");
        Assert.That((await Check(HttpMethod.Get, path, 200, asObject.ToJsonString())).Single(), Does.Contain("ArrayExpected").And.Contain("data"), "the object LiteLLM once sent");
        Assert.That((await Check(HttpMethod.Get, path, 200, broken.ToJsonString())).Single(), Does.Contain("model_name"));
    }

    private Task<IReadOnlyList<string>> Check(HttpMethod method, string path, int status, string body, string mediaType = "application/json") =>
        _contract.CheckAsync(Response(method, path, status, body, mediaType));

    private static HttpResponseMessage Response(HttpMethod method, string path, int status, string body, string mediaType = "application/json") =>
        new((HttpStatusCode)status)
        {
            RequestMessage = new HttpRequestMessage(method, new Uri(new Uri("http://localhost"), path)),
            Content = new StringContent(body, Encoding.UTF8, mediaType),
        };
}
