using System.Text.Json.Nodes;
using ProxyAdmin.Api.FunctionalTests.Contract;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// The create routes carry a request example taken from LiteLLM's docs and docstrings. Each must validate against its
/// own request schema, and the service must take it as LiteLLM does, so an example cannot rot when a request changes.
/// </summary>
public sealed class OpenApiExampleTests
{
    private static readonly string[] CreateRoutes = ["/project/new", "/model/new", "/team/new", "/key/generate", "/user/new"];

    private ResponseContract _contract = null!;

    [OneTimeSetUp]
    public async Task LoadTheDocument() => _contract = await Service.App.Contract;

    [TestCaseSource(nameof(CreateRoutes))]
    public void TheExampleValidatesAgainstItsRequestSchema(string route)
    {
        var (example, schema) = ExampleOf(route);

        Assert.That(example, Is.Not.Null.And.Not.Empty, $"{route} has no request example");
        Assert.That(ResponseContract.Validate(example!, schema), Is.Empty);
    }

    [TestCaseSource(nameof(CreateRoutes))]
    public async Task TheServiceTakesTheExample(string route)
    {
        var (example, _) = ExampleOf(route);
        var body = JsonNode.Parse(example!)!.AsObject();
        if (body["team_id"]?.GetValue<string>() is { } teamId)
        {
            // The project example names a team; LiteLLM's docstring assumes it exists.
            await (await Service.App.Admin().PostJson("/team/new", new { team_id = teamId })).Expect(200);
        }

        var response = await Service.App.Admin().PostJson(route, body);

        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public void AnExampleThatBreaksItsSchemaIsCaught()
    {
        var (example, schema) = ExampleOf("/team/new");
        var broken = JsonNode.Parse(example!)!.AsObject();
        broken["members_with_roles"]![0]!["role"] = "owner";
        broken["max_budgt"] = 1;

        var problems = ResponseContract.Validate(broken.ToJsonString(), schema);

        Assert.That(problems, Has.Some.Contains("NotInEnumeration"));
        Assert.That(problems, Has.Some.Contains("max_budgt"));
    }

    private (string? Example, NJsonSchema.JsonSchema Schema) ExampleOf(string route)
    {
        var content = _contract.Document.Paths[route]["post"].RequestBody!.Content["application/json"];
        return (content.Example is null ? null : Newtonsoft.Json.JsonConvert.SerializeObject(content.Example), content.Schema!.ActualSchema);
    }
}
