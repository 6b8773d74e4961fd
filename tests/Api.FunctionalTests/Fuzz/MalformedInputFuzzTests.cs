using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;

namespace ProxyAdmin.Api.FunctionalTests.Fuzz;

/// <summary>
/// Property: no request a client can send, however malformed, gets a response of 500 or more, a response outside the
/// error envelope, a status its operation does not document, or (when refused) any change to the audit log. Checked
/// for every operation of the OpenAPI document and every way <see cref="MalformedRequests"/> breaks one, with requests
/// CsCheck generates; the contract check under every test client (<see cref="ProxyAdminApp.ClientWith"/>) compares
/// each response with the document. A failure names the smallest failing request and the seed that reproduces it
/// (<c>PROXYADMIN_FUZZ_SEED</c>); <c>PROXYADMIN_FUZZ_ITERATIONS</c> (default 3 per operation and kind) runs longer.
/// What the test server cannot carry (a NUL in the path, bytes HTTP forbids in a header) is sent over a socket by
/// <c>TransportLimitTests</c>.
/// </summary>
public sealed class MalformedInputFuzzTests
{
    /// <summary>
    /// Not fuzzed: a rotation runs after its 202 and audits every row it re-encrypts, which no per-request audit check
    /// can tell from a refused request's writes (its refusals are covered by <c>EncryptionRotationTests</c>).
    /// </summary>
    private static readonly string[] NotFuzzed = ["POST /encryption/rotate"];

    private const string MinRevisionHeader = "x-proxyadmin-min-revision";

    /// <summary>How many of the requests before a server error its failure names.</summary>
    private const int RecentRequestsNamed = 12;

    private ProxyAdminApp _app = null!;
    private Dictionary<string, string> _known = null!;

    /// <summary>What an operation calls <c>id</c>, by path: the budget's for a budget, the model's for a model.</summary>
    private Dictionary<string, string> _ids = null!;

    [OneTimeSetUp]
    public async Task StartWithOneOfEverything()
    {
        _app = new ProxyAdminApp();
        var admin = _app.Admin();
        var userId = Api.UniqueId("fuzz-user");
        await (await admin.PostJson("/user/new", new { user_id = userId, user_role = "internal_user" })).Expect(200);
        var organizationId = (await (await admin.PostJson("/organization/new", new { organization_alias = Api.UniqueId("fuzz-org") })).Expect(200))["organization_id"]!.GetValue<string>();
        var teamId = (await (await admin.PostJson("/team/new", new { team_alias = Api.UniqueId("fuzz-team") })).Expect(200))["team_id"]!.GetValue<string>();
        var projectId = (await (await admin.PostJson("/project/new", new { team_id = teamId, project_alias = Api.UniqueId("fuzz-project") })).Expect(200))["project_id"]!.GetValue<string>();
        var modelName = Api.UniqueId("fuzz-model");
        var modelId = (await (await admin.PostJson("/model/new", new JsonObject
        {
            ["model_name"] = modelName,
            ["litellm_params"] = new JsonObject { ["model"] = "openai/gpt-4o" },
        })).Expect(200))["model_id"]!.GetValue<string>();
        var key = (await (await admin.PostJson("/key/generate", new { user_id = userId })).Expect(200))["key"]!.GetValue<string>();
        var budgetId = (await (await admin.PostJson("/budget/new", new { max_budget = 10 })).Expect(200))["budget_id"]!.GetValue<string>();
        var credentialName = Api.UniqueId("fuzz-credential");
        await (await admin.PostJson("/credentials", new JsonObject
        {
            ["credential_name"] = credentialName,
            ["credential_values"] = new JsonObject { ["api_key"] = "fuzz-provider-value" },
            ["credential_info"] = new JsonObject(),
        })).Expect(200);

        _known = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["user_id"] = Json(userId),
            ["user_ids"] = Json(new[] { userId }),
            ["organization_id"] = Json(organizationId),
            ["organization_ids"] = Json(new[] { organizationId }),
            ["team_id"] = Json(teamId),
            ["team_ids"] = Json(new[] { teamId }),
            ["project_id"] = Json(projectId),
            ["project_ids"] = Json(new[] { projectId }),
            ["model_id"] = Json(modelId),
            ["litellm_model_id"] = Json(modelId),
            ["model_name"] = Json(modelName),
            ["model_group"] = Json(modelName),
            ["models"] = Json(new[] { modelName }),
            ["key"] = Json(key),
            ["keys"] = Json(new[] { key }),
            ["budget_id"] = Json(budgetId),
            ["credential_name"] = Json(credentialName),
        };
        _ids = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["/budget/delete"] = Json(budgetId),
            ["/model/delete"] = Json(modelId),
        };
    }

    [OneTimeTearDown]
    public void Stop() => _app?.Dispose();

    [Test]
    public async Task NoMalformedRequestGetsAServerErrorAnUndocumentedAnswerOrAnAuditRow()
    {
        var contract = await _app.Contract;
        var operations = contract.Document.Paths
            .SelectMany(path => path.Value.Select(entry => (Path: path.Key, Method: entry.Key, Operation: entry.Value)))
            .Where(op => op.Method != "options")
            .Select(op => new MalformedRequests(op.Path, op.Method, op.Operation, KnownValuesFor(op.Path)))
            .Where(requests => !NotFuzzed.Contains(requests.Name))
            // What deletes or replaces the known resources goes last, so the rest reaches them.
            .OrderBy(requests => requests.Name.Contains("delete", StringComparison.OrdinalIgnoreCase) || requests.Name.Contains("regenerate", StringComparison.Ordinal) ? 1 : 0)
            .ToList();

        var iterations = int.TryParse(Environment.GetEnvironmentVariable("PROXYADMIN_FUZZ_ITERATIONS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 3;
        var seed = Environment.GetEnvironmentVariable("PROXYADMIN_FUZZ_SEED");
        var client = _app.Admin();
        var statuses = new SortedDictionary<int, int>();
        var failures = new List<string>();
        var sent = 0;
        var recent = new Queue<string>();
        var clock = Stopwatch.StartNew();
        var auditRows = await AuditRowCount();

        foreach (var requests in operations)
        {
            foreach (var (kind, generator) in requests.Kinds)
            {
                try
                {
                    await generator.SampleAsync(
                        async request =>
                        {
                            using var message = request.ToMessage();
                            using var response = await client.SendAsync(message);
                            var status = (int)response.StatusCode;
                            var body = await response.Content.ReadAsStringAsync();
                            var rowsAfter = await AuditRowCount();
                            // One thread (threads: 1): the audit count before and after a request is that request's alone.
                            sent++;
                            statuses[status] = statuses.GetValueOrDefault(status) + 1;

                            // A well-formed revision this replica has not reached (odd text can be a whole number) is the documented
                            // 503 of read-your-writes, not a failure.
                            var waitedForAFutureRevision = status == 503
                                && request.Headers.Any(h => h.Key == MinRevisionHeader)
                                && ErrorParamOf(body) == MinRevisionHeader;

                            // A failure may be left behind by an earlier request (a connection it broke), so the requests before it are named too.
                            Assert.That(waitedForAFutureRevision ? 0 : status, Is.LessThan(500), () => $"{request} → {status}: {Shorten(body)}{Environment.NewLine}{LastFailureLogged()}{Environment.NewLine}after: {string.Join(Environment.NewLine + "  ", recent)}");
                            recent.Enqueue($"{Shorten(request.ToString(), 200)} → {status}");
                            if (recent.Count > RecentRequestsNamed)
                            {
                                recent.Dequeue();
                            }

                            if (status >= 400)
                            {
                                AssertEnvelope(body, status, request);
                                Assert.That(rowsAfter, Is.EqualTo(auditRows), $"{request} was refused with {status} yet wrote audit rows");
                            }

                            auditRows = rowsAfter;
                        },
                        seed: seed,
                        iter: iterations,
                        threads: 1,
                        print: request => request.ToString());
                }
                catch (Exception failure) when (failure is CsCheckException or AssertionException)
                {
                    failures.Add($"{requests.Name}, {kind}: {failure.Message}");
                }
            }
        }

        TestContext.Progress.WriteLine(
            $"fuzz: {sent} malformed requests to {operations.Count} operations in {clock.Elapsed.TotalSeconds:F1} s; statuses "
            + string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}")));
        Assert.Multiple(() =>
        {
            Assert.That(sent, Is.GreaterThanOrEqualTo(operations.Count * 3 * iterations), "every operation was sent requests of every kind");
            Assert.That(failures, Is.Empty, string.Join(Environment.NewLine + Environment.NewLine, failures));
        });
    }

    private Dictionary<string, string> KnownValuesFor(string path)
    {
        var known = new Dictionary<string, string>(_known, StringComparer.Ordinal);
        if (_ids.TryGetValue(path, out var id))
        {
            known["id"] = id;
        }

        return known;
    }

    /// <summary>The last exception the service logged, for the 500 it caused (the service keeps secrets out of its logs).</summary>
    private string LastFailureLogged() =>
        _app.Logs.Lines.LastOrDefault(line => line.Contains("Exception", StringComparison.Ordinal)) is { } line ? Shorten(line, 3000) : "(no exception logged)";

    private async Task<long> AuditRowCount() =>
        Convert.ToInt64(await _app.Database.Scalar("""SELECT COUNT(*) FROM "AuditLogs" """), CultureInfo.InvariantCulture);

    private static void AssertEnvelope(string body, int status, MalformedRequest request)
    {
        JsonNode? error;
        try
        {
            error = JsonNode.Parse(body)?["error"];
        }
        catch (JsonException)
        {
            error = null;
        }

        Assert.That(error?["code"]?.GetValue<string>(), Is.EqualTo(status.ToString(CultureInfo.InvariantCulture)), $"{request} → {status} outside the envelope: {Shorten(body)}");
        Assert.That(error?["message"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty, $"{request} → {status} with no message: {Shorten(body)}");
    }

    private static string? ErrorParamOf(string body)
    {
        try
        {
            return JsonNode.Parse(body)?["error"]?["param"]?.GetValue<string>();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);

    private static string Shorten(string text, int length = 400) => text.Length <= length ? text : text[..length] + "…";
}
