using System.Globalization;
using System.Text.Json.Nodes;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// No <c>GET</c>, <c>HEAD</c> or <c>OPTIONS</c> route commits anything: every such operation of the OpenAPI document,
/// sent by the master key with real ids, leaves the database revision where it was and answers no
/// <c>x-proxyadmin-revision</c>. HTTP calls these methods safe, and <c>RevisionHeaders</c> relies on it: it looks for a
/// committed revision only on the other methods.
/// </summary>
[NonParallelizable]
public sealed class SafeMethodRoutesSendNoCommandTests
{
    private static readonly string[] SafeMethods = ["get", "head", "options"];

    private ProxyAdminApp _app = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _app = new ProxyAdminApp();
        _ = _app.Server;
    }

    [OneTimeTearDown]
    public void Stop() => _app?.Dispose();

    [Test]
    public async Task EverySafeMethodOperationLeavesTheRevisionWhereItWas()
    {
        var ids = await SeedAsync();
        var document = await (await _app.ClientWith(null).GetAsync("/openapi.json")).Expect(200);
        var before = await DatabaseRevision();

        var sent = new List<string>();
        foreach (var (path, operations) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in operations!.AsObject().Where(op => SafeMethods.Contains(op.Key)))
            {
                var uri = Fill(path, operation!["parameters"]?.AsArray() ?? [], ids);
                using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), uri);
                using var response = await _app.Admin().SendAsync(request);
                var name = $"{method.ToUpperInvariant()} {uri}";
                Assert.That((int)response.StatusCode, Is.LessThan(500), name);
                Assert.That(response.Headers.Contains("x-proxyadmin-revision"), Is.False, name);
                sent.Add(name);
            }
        }

        Assert.That(sent, Has.Count.GreaterThan(20), "the document lists the read routes");
        Assert.That(sent, Has.Some.StartsWith("OPTIONS "), "the document lists the OPTIONS routes");
        Assert.That(await DatabaseRevision(), Is.EqualTo(before), string.Join("\n", sent));
    }

    /// <summary>A team, a member with a key, a project and a model, so the reads find what they are asked about.</summary>
    private async Task<Dictionary<string, string>> SeedAsync()
    {
        var admin = _app.Admin();
        var teamId = (await (await admin.PostJson("/team/new", new { team_alias = Api.UniqueId("safe") })).Expect(200))["team_id"]!.GetValue<string>();
        var userId = Api.UniqueId("safe-user");
        await (await admin.PostJson("/user/new", new { user_id = userId, teams = new[] { teamId } })).Expect(200);
        var key = (await (await admin.PostJson("/key/generate", new { user_id = userId, team_id = teamId })).Expect(200))["key"]!.GetValue<string>();
        var projectId = (await (await admin.PostJson("/project/new", new { team_id = teamId, project_alias = "safe" })).Expect(200))["project_id"]!.GetValue<string>();
        var model = await (await admin.PostJson("/model/new", new
        {
            model_name = Api.UniqueId("safe-model"),
            litellm_params = new { model = "openai/gpt-4o", api_key = "sk-safe-not-a-secret" },
        })).Expect(200);
        var modelId = model["model_id"]!.GetValue<string>();
        var auditId = (await (await admin.GetAsync($"/audit?object_id={projectId}")).Expect(200))["audit_logs"]!.AsArray()[0]!["id"]!.ToString();

        return new Dictionary<string, string>
        {
            ["team_id"] = teamId,
            ["user_id"] = userId,
            ["key"] = Api.Sha256Hex(key),
            ["project_id"] = projectId,
            ["model_id"] = modelId,
            ["litellm_model_id"] = modelId,
            ["id"] = auditId,
        };
    }

    /// <summary>The path with its parameters replaced and every known query parameter set to a real id.</summary>
    private static string Fill(string path, JsonArray parameters, Dictionary<string, string> ids)
    {
        var query = new List<string>();
        foreach (var parameter in parameters)
        {
            var name = parameter!["name"]!.GetValue<string>();
            var where = parameter["in"]!.GetValue<string>();
            var value = ids.GetValueOrDefault(name) ?? (parameter["required"]?.GetValue<bool>() == true ? "1" : null);
            if (value is null)
            {
                continue;
            }

            if (where == "path")
            {
                path = path.Replace("{" + name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
            }
            else if (where == "query")
            {
                query.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        return query.Count == 0 ? path : path + "?" + string.Join("&", query);
    }

    private async Task<long> DatabaseRevision() =>
        Convert.ToInt64(await _app.Database.Scalar("SELECT \"Value\" FROM \"Revision\" WHERE \"Id\" = 1"), CultureInfo.InvariantCulture);
}
