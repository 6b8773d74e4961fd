using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// The revision headers on one service: every committed write answers <c>x-proxyadmin-revision</c>, refused and
/// rolled-back writes move nothing, <c>x-proxyadmin-min-revision</c> waits a bounded time (here 300 ms) and then
/// answers 503, a malformed one is a 400, and <c>GET /health/revision</c> is for admins only.
/// </summary>
[NonParallelizable]
public sealed class ReadYourWritesTests
{
    private const string Revision = "x-proxyadmin-revision";
    private const string MinRevision = "x-proxyadmin-min-revision";

    private ProxyAdminApp _app = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _app = new ProxyAdminApp(new Dictionary<string, string?> { ["ProxyAdmin:Revision:MaxWaitMilliseconds"] = "300" });
        _ = _app.Server;
    }

    [OneTimeTearDown]
    public void Stop() => _app?.Dispose();

    [Test]
    public async Task EveryCommittedWriteAnswersTheNextRevisionAndReadsAnswerNone()
    {
        var first = await _app.Admin().PostJson("/team/new", new { team_id = Api.UniqueId("team") });
        var second = await _app.Admin().PostJson("/user/new", new { user_id = Api.UniqueId("user") });
        var read = await _app.Admin().GetAsync("/team/list");

        await first.Expect(200);
        await second.Expect(200);
        Assert.That(CommittedRevision(second), Is.EqualTo(CommittedRevision(first) + 1));
        Assert.That(read.Headers.Contains(Revision), Is.False, "a read commits nothing");
        Assert.That(await Applied(), Is.GreaterThanOrEqualTo(CommittedRevision(second)), "this replica applied its own write at once");
    }

    [Test]
    public async Task ARefusedOrRolledBackWriteAnswersNoRevisionAndMovesNone()
    {
        var teamId = Api.UniqueId("team");
        await (await _app.Admin().PostJson("/team/new", new { team_id = teamId })).Expect(200);
        var before = await DatabaseRevision();

        var duplicate = await _app.Admin().PostJson("/team/new", new { team_id = teamId });
        var invalid = await _app.Admin().PostJson("/team/new", new { team_id = "" });
        var (_, key) = await NewUser("internal_user");
        var forbidden = await _app.ClientWith(key).PostJson("/team/new", new { team_id = Api.UniqueId("team") });
        var missing = await _app.Admin().PostJson("/key/block", new { key = "sk-no-such-key-0000" });

        foreach (var (answer, status) in new[] { (duplicate, 409), (invalid, 400), (forbidden, 403), (missing, 404) })
        {
            await answer.Expect(status);
            Assert.That(answer.Headers.Contains(Revision), Is.False, $"{status}");
        }

        // The user made on the way committed one revision; the four refusals none (the 409 was rolled back in the database).
        Assert.That(await DatabaseRevision(), Is.EqualTo(before + 1));
    }

    [Test]
    public async Task AReadAtAnAppliedRevisionIsAnsweredAtOnce()
    {
        var created = await _app.Admin().PostJson("/team/new", new { team_id = Api.UniqueId("team") });
        await created.Expect(200);

        var atTheWrite = await Send(HttpMethod.Get, "/team/list", CommittedRevision(created).ToString(CultureInfo.InvariantCulture));
        var atZero = await Send(HttpMethod.Get, "/team/list", "0");

        // Not a 503 after the 300 ms wait: this replica applied its own write when it committed it.
        Assert.That(((int)atTheWrite.StatusCode, (int)atZero.StatusCode), Is.EqualTo((200, 200)));
    }

    [Test]
    public async Task ARevisionThisReplicaHasNotAppliedIsA503WithRetryAfterOnceTheWaitRunsOut()
    {
        var wanted = await DatabaseRevision() + 1000;
        var clock = Stopwatch.StartNew();

        var answer = await Send(HttpMethod.Get, "/team/list", wanted.ToString(CultureInfo.InvariantCulture));

        var body = await answer.Expect(503);
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(250)).And.LessThan(TimeSpan.FromSeconds(5)), "the configured 300 ms bound");
        Assert.That(answer.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(1)));
        Assert.That(body.ErrorParam(), Is.EqualTo(MinRevision));
        Assert.That(body.ErrorMessage(), Does.Contain(wanted.ToString(CultureInfo.InvariantCulture)));
    }

    [Test]
    public async Task AWriteWaitingForAnUnappliedRevisionChangesNothing()
    {
        var teamId = Api.UniqueId("team");
        var wanted = await DatabaseRevision() + 1000;

        using var request = new HttpRequestMessage(HttpMethod.Post, "/team/new") { Content = System.Net.Http.Json.JsonContent.Create(new { team_id = teamId }) };
        request.Headers.Add(MinRevision, wanted.ToString(CultureInfo.InvariantCulture));
        await (await _app.Admin().SendAsync(request)).Expect(503);

        await (await _app.Admin().GetAsync($"/team/info?team_id={teamId}")).Expect(404);
    }

    [TestCase("abc")]
    [TestCase("-1")]
    [TestCase("1.5")]
    [TestCase("99999999999999999999")]
    [TestCase("1, 2")]
    public async Task AMalformedMinimumRevisionIsA400NamingTheHeader(string value)
    {
        var answer = await Send(HttpMethod.Get, "/team/list", value);

        var body = await answer.Expect(400);
        Assert.That(body.ErrorParam(), Is.EqualTo(MinRevision));
    }

    [TestCase("proxy_admin", 200)]
    [TestCase("proxy_admin_viewer", 200)]
    [TestCase("internal_user", 403)]
    [TestCase("internal_user_viewer", 403)]
    public async Task TheAppliedRevisionIsForAdminsAndAdminViewers(string role, int status)
    {
        var (_, key) = await NewUser(role);

        var body = await (await _app.ClientWith(key).GetAsync("/health/revision")).Expect(status);

        if (status == 200)
        {
            Assert.That(body.Select(p => p.Key), Is.EqualTo(new[] { "revision" }));
            Assert.That(body["revision"]!.GetValue<long>(), Is.Positive);
        }
    }

    [TestCase("/health/liveliness")]
    [TestCase("/health/readiness")]
    public async Task TheAnonymousProbesIgnoreTheHeader(string probe)
    {
        var answer = await Send(HttpMethod.Get, probe, "not-a-number");

        Assert.That((int)answer.StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task TheAppliedRevisionNeedsAKey() =>
        await (await _app.ClientWith(null).GetAsync("/health/revision")).Expect(401);

    [Test]
    public async Task TheDocumentDescribesBothHeaders()
    {
        var document = JsonNode.Parse(await (await _app.ClientWith(null).GetAsync("/openapi.json")).Content.ReadAsStringAsync())!;
        var operations = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(op => (Name: $"{op.Key.ToUpperInvariant()} {path.Key}", Operation: op.Value!)))
            .ToList();

        Assert.That(operations, Has.Count.GreaterThan(40));
        Assert.Multiple(() =>
        {
            foreach (var (name, operation) in operations)
            {
                var parameter = operation["parameters"]?.AsArray().SingleOrDefault(p => p!["name"]!.GetValue<string>() == MinRevision);
                if (operation["security"] is null)
                {
                    Assert.That(parameter, Is.Null, $"{name}: an anonymous probe ignores the header");
                    continue;
                }

                Assert.That(parameter?["in"]?.GetValue<string>(), Is.EqualTo("header"), name);
                Assert.That(parameter?["required"]?.GetValue<bool>() ?? false, Is.False, name);
                Assert.That(parameter?["schema"]?["type"]?.GetValue<string>(), Is.EqualTo("integer"), name);

                var success = operation["responses"]!.AsObject().First(response => response.Key.StartsWith('2')).Value!;
                var header = success["headers"]?[Revision];
                if (name.StartsWith("GET ", StringComparison.Ordinal) || name.StartsWith("OPTIONS ", StringComparison.Ordinal))
                {
                    Assert.That(header, Is.Null, name);
                }
                else
                {
                    Assert.That(header?["schema"]?["type"]?.GetValue<string>(), Is.EqualTo("integer"), name);
                    Assert.That(header?["description"]?.GetValue<string>(), Does.Contain(MinRevision), name);
                }
            }
        });
    }

    private async Task<HttpResponseMessage> Send(HttpMethod method, string path, string minRevision)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation(MinRevision, minRevision);
        return await _app.Admin().SendAsync(request);
    }

    private static long CommittedRevision(HttpResponseMessage response) =>
        long.Parse(response.Headers.GetValues(Revision).Single(), CultureInfo.InvariantCulture);

    private async Task<long> Applied() =>
        (await (await _app.Admin().GetAsync("/health/revision")).Expect(200))["revision"]!.GetValue<long>();

    /// <summary>The revision row itself, read from the database.</summary>
    private async Task<long> DatabaseRevision() =>
        Convert.ToInt64(await _app.Database.Scalar("SELECT \"Value\" FROM \"Revision\" WHERE \"Id\" = 1"), CultureInfo.InvariantCulture);

    private async Task<(string UserId, string Key)> NewUser(string role)
    {
        var userId = Api.UniqueId("user");
        var body = await (await _app.Admin().PostJson("/user/new", new { user_id = userId, user_role = role })).Expect(200);
        return (userId, body["key"]!.GetValue<string>());
    }
}
