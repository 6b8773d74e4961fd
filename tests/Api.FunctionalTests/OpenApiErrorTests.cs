using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ProxyAdmin.Api.Http;
using ProxyAdmin.Api.OpenApi;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Domain.Common;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// Each operation documents the error statuses it can answer with, and no other: the contract check under every
/// test's client fails a status the document leaves out, and these pin down what the rule derives for routes whose
/// statuses are known, so a status the rule invents shows up too.
/// </summary>
public sealed class OpenApiErrorTests
{
    private const string ErrorSchema = "#/components/schemas/ErrorResponse";

    private JsonObject _document = null!;

    [OneTimeSetUp]
    public async Task LoadTheDocument()
    {
        var response = await Service.App.ClientWith(null).GetAsync("/openapi.json");
        _document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    [Test]
    public void EveryErrorIsTheEnvelopeButReadinessOwnAnswer()
    {
        var errors = Operations().SelectMany(op => Errors(op.Operation).Select(e => (op.Name, e.Status, e.Response))).ToList();

        Assert.That(errors, Has.Count.GreaterThan(200));
        foreach (var (name, status, response) in errors)
        {
            var schema = response["content"]?["application/json"]?["schema"]?["$ref"]?.GetValue<string>();
            var expected = (name, status) == ("GET /health/readiness", "503") ? "#/components/schemas/ReadinessDto" : ErrorSchema;
            Assert.That(schema, Is.EqualTo(expected), $"{name} {status}");
            Assert.That(response["description"]?.GetValue<string>(), Is.Not.Empty, $"{name} {status}");
        }
    }

    [Test]
    public void OnlyRoutesThatTakeAKeyAnswer401And403()
    {
        foreach (var (name, operation) in Operations())
        {
            var statuses = Statuses(operation);
            if (name.Contains("/health/", StringComparison.Ordinal) && !name.EndsWith("/health/revision", StringComparison.Ordinal))
            {
                Assert.That(statuses, Has.None.AnyOf("401", "403", "404", "409"), name);
            }
            else
            {
                Assert.That(statuses, Is.SupersetOf(new[] { "401", "403", "429", "500", "503" }), name);
            }
        }
    }

    [Test]
    public void EveryRouteAnswersTheRefusalsMadeBeforeRoutingAndOnlyMethodsWithABody413And415()
    {
        foreach (var (name, operation) in Operations())
        {
            var statuses = Statuses(operation);
            Assert.That(statuses, Is.SupersetOf(new[] { "400", "414", "431" }), name);
            Assert.That(
                statuses,
                name.Split(' ')[0] is "GET" or "HEAD" or "OPTIONS" ? Has.None.AnyOf("413", "415") : Is.SupersetOf(new[] { "413", "415" }),
                name);
        }
    }

    [TestCase("GET /health/liveliness", "400 414 431")]
    [TestCase("GET /health/readiness", "400 414 431 500 503")]
    [TestCase("OPTIONS /health/readiness", "400 414 431")]
    [TestCase("GET /team/list", "400 401 403 414 429 431 500 503")]
    [TestCase("GET /key/info", "400 401 403 404 414 429 431 500 503")]
    [TestCase("GET /audit/{id}", "400 401 403 404 414 429 431 500 503")]
    [TestCase("GET /audit", "400 401 403 414 429 431 500 503")]
    [TestCase("GET /audit/verify", "400 401 403 414 429 431 500 503")]
    [TestCase("GET /audit/export", "400 401 403 414 429 431 500 503")]
    [TestCase("GET /audit/changes", "400 401 403 414 429 431 500 503")]
    [TestCase("POST /team/new", "400 401 403 404 409 413 414 415 429 431 500 503")]
    [TestCase("POST /team/update", "400 401 403 404 409 412 413 414 415 428 429 431 500 503")]
    [TestCase("DELETE /credentials/{credential_name}", "400 401 403 404 409 412 413 414 415 428 429 431 500 503")]
    [TestCase("GET /model_group/info", "400 401 403 414 429 431 500 503")]
    public void ARouteDocumentsExactlyTheStatusesItCanAnswer(string operation, string statuses)
    {
        var (verb, path) = (operation.Split(' ')[0].ToLowerInvariant(), operation.Split(' ')[1]);
        var documented = Statuses(_document["paths"]![path]![verb]!.AsObject()).Where(s => s != "200");

        Assert.That(string.Join(' ', documented), Is.EqualTo(statuses));
    }

    [Test]
    public void TheErrorTypeIsAnEnumOfTheTypesTheServiceSends()
    {
        var type = _document["components"]!["schemas"]!["ErrorBody"]!["properties"]!["type"]!;
        var values = type["enum"]!.AsArray().Select(v => v!.GetValue<string>()).ToList();

        Assert.That(values, Is.EquivalentTo(ErrorTypes.All));
        Assert.That(
            Enumerable.Range(400, 200).Select(ErrorTypes.For).Distinct(),
            Is.EquivalentTo(values),
            "every type ErrorTypes.For can give is in the enum, and each in the enum is given for some status");
    }

    /// <summary>
    /// The document learns a handler's statuses from the exceptions it constructs (<see cref="FailureStatuses"/>); the
    /// exception handler decides what the caller gets. Every expected failure there is must reach the caller as the
    /// status the document gives it.
    /// </summary>
    [Test]
    public async Task EveryExpectedFailureReachesTheCallerWithTheStatusTheDocumentGivesIt()
    {
        var failures = typeof(ProxyAdminException).Assembly.GetTypes().Concat(typeof(DomainRuleException).Assembly.GetTypes())
            .Where(t => t is { IsAbstract: false } && typeof(Exception).IsAssignableFrom(t) && t != typeof(SecretUnreadableException))

            // Not a failure: the pipeline's own signal that a concurrent duplicate committed first, caught before any answer.
            .Where(t => t != typeof(ProxyAdmin.Application.Common.Idempotency.IdempotentReplayException))
            .ToList();
        var handler = new ProxyAdminExceptionHandler(NullLogger<ProxyAdminExceptionHandler>.Instance, RequestLimits.Default);
        await using var services = new ServiceCollection().BuildServiceProvider();

        Assert.That(failures, Has.Count.GreaterThanOrEqualTo(8));
        foreach (var failure in failures)
        {
            var context = new DefaultHttpContext { RequestServices = services, Response = { Body = new MemoryStream() } };
            await handler.TryHandleAsync(context, Instance(failure), CancellationToken.None);

            Assert.That(FailureStatuses.Of(failure), Is.EqualTo(context.Response.StatusCode), failure.Name);
        }
    }

    private static Exception Instance(Type failure)
    {
        if (failure == typeof(ValidationException))
        {
            return new ValidationException([new FieldError("team_alias", "too long")]);
        }

        var constructor = failure.GetConstructors().OrderBy(c => c.GetParameters().Length).First();
        var arguments = constructor.GetParameters().Select(p => p.ParameterType == typeof(string) ? "message" : p.HasDefaultValue ? p.DefaultValue : null).ToArray();
        return (Exception)constructor.Invoke(arguments);
    }

    private IEnumerable<(string Name, JsonObject Operation)> Operations() =>
        _document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject().Select(op => ($"{op.Key.ToUpperInvariant()} {path.Key}", op.Value!.AsObject())));

    private static IEnumerable<(string Status, JsonObject Response)> Errors(JsonObject operation) =>
        operation["responses"]!.AsObject().Where(r => int.Parse(r.Key, System.Globalization.CultureInfo.InvariantCulture) >= 400).Select(r => (r.Key, r.Value!.AsObject()));

    private static List<string> Statuses(JsonObject operation) => operation["responses"]!.AsObject().Select(r => r.Key).ToList();
}
