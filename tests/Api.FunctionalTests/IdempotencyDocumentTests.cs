using System.Text.Json.Nodes;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>The document says which operations honour Idempotency-Key, by the rule the pipeline follows: the creates.</summary>
public sealed class IdempotencyDocumentTests
{
    private static readonly string[] Creates =
    [
        "POST /key/generate", "POST /key/regenerate", "POST /key/{key}/regenerate", "POST /user/new", "POST /team/new",
        "POST /project/new", "POST /model/new", "POST /organization/new", "POST /budget/new", "POST /credentials",
    ];

    private JsonObject _document = null!;

    [OneTimeSetUp]
    public async Task LoadTheDocument() =>
        _document = await (await Service.App.ClientWith(null).GetAsync("/openapi.json")).ReadObject();

    [Test]
    public void EveryCreateAndNoOtherOperationTakesIdempotencyKey()
    {
        var taking = Operations().Where(o => Header(o.Operation) is not null).Select(o => o.Name).ToList();

        Assert.That(taking, Is.EquivalentTo(Creates));
    }

    [Test]
    public void TheHeaderIsOptionalBoundedAndItsRefusalsAndReplayAreDocumented()
    {
        foreach (var create in Creates)
        {
            var operation = Operations().Single(o => o.Name == create).Operation;
            var header = Header(operation)!;
            var responses = operation["responses"]!.AsObject();
            Assert.Multiple(() =>
            {
                Assert.That(header["required"]?.GetValue<bool>() ?? false, Is.False, create);
                Assert.That(header["schema"]!["maxLength"]!.GetValue<int>(), Is.EqualTo(255), create);
                Assert.That(header["schema"]!["pattern"]!.GetValue<string>(), Is.EqualTo("^[!-~]*$"), create);
                Assert.That(responses.Select(r => r.Key), Is.SupersetOf(new[] { "400", "409" }), create);
                Assert.That(responses["200"]!["headers"]?["Idempotent-Replayed"]?["schema"]?["type"]?.GetValue<string>(), Is.EqualTo("string"), create);
            });
        }
    }

    private static JsonNode? Header(JsonObject operation) =>
        operation["parameters"]?.AsArray().FirstOrDefault(p => p!["name"]!.GetValue<string>() == "Idempotency-Key" && p["in"]!.GetValue<string>() == "header");

    private IEnumerable<(string Name, JsonObject Operation)> Operations() =>
        _document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Where(method => method.Value is JsonObject operation && operation.ContainsKey("responses"))
            .Select(method => ($"{method.Key.ToUpperInvariant()} {path.Key}", method.Value!.AsObject())));
}
