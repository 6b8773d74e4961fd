using System.Diagnostics;
using System.Text.Json.Nodes;
using ProxyAdmin.Infrastructure.Data;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// The verifiable audit over HTTP, each test on a service and database of its own (a test that tampers with the log
/// must not break another's chain): every write chains its audit rows 1, 2, 3 … with a hash over the one before;
/// <c>GET /audit/verify</c> finds a row edited, deleted or inserted in the database directly, and is not fooled by a
/// database handing back JSON keys in another order; rows written before the chain are chained at start-up;
/// <c>GET /audit/export</c> streams the rows as <c>GET /audit/{id}</c> shows them; <c>GET /audit/changes</c> answers
/// at once, wakes on a write, and gives up after <c>wait</c>.
/// </summary>
[NonParallelizable]
public sealed class AuditChainTests
{
    private ProxyAdminApp _app = null!;
    private HttpClient _admin = null!;

    private TestDatabase Database => _app.Database;

    [SetUp]
    public void StartOwnService()
    {
        _app = new ProxyAdminApp();
        _admin = _app.Admin();
    }

    [TearDown]
    public void StopOwnService()
    {
        _admin.Dispose();
        _app.Dispose();
    }

    [Test]
    public async Task EveryWriteChainsItsRowsWithoutGapsAndTheChainVerifies()
    {
        await WriteSomeRows(users: 4);

        var rows = await AllRowsAscending();
        var verified = await Verify();

        Assert.That(rows.Select(r => r["sequence"]!.GetValue<long>()), Is.EqualTo(Enumerable.Range(1, rows.Count).Select(i => (long)i)), "one sequence per row, 1 … n in commit order");
        Assert.That(rows.Select(r => r["hash"]!.GetValue<string>()), Has.All.Matches<string>(h => System.Text.RegularExpressions.Regex.IsMatch(h, "^[0-9a-f]{64}$")));
        Assert.That(rows.Select(r => r["hash"]!.GetValue<string>()), Is.Unique);
        Assert.That(verified["valid"]!.GetValue<bool>(), Is.True, verified.ToJsonString());
        Assert.That(verified["rows_checked"]!.GetValue<long>(), Is.EqualTo(rows.Count));
        Assert.That(verified["head_sequence"]!.GetValue<long>(), Is.EqualTo(rows.Count));
        Assert.That(verified["head_hash"]!.GetValue<string>(), Is.EqualTo(rows[^1]["hash"]!.GetValue<string>()));
        Assert.That(verified["first_problem"], Is.Null);
    }

    [Test]
    public async Task ARowEditedInTheDatabaseIsFoundAsAltered()
    {
        await WriteSomeRows(users: 3);
        var target = (await AllRowsAscending())[2];

        var edited = await Database.Execute(
            """UPDATE "AuditLogs" SET "UpdatedValues" = @value WHERE "Id" = @id""",
            ("value", """{"user_id":"someone-else"}"""),
            ("id", RowIdParameter(target)));
        var verified = await Verify();

        Assert.That(edited, Is.EqualTo(1));
        AssertProblem(verified, "altered", sequence: 3, rowsChecked: 3, id: target["id"]!.GetValue<string>());
    }

    [Test]
    public async Task AValueEditedIntoTextThatIsNotJsonIsShownAsThatTextOnEveryReadAndFoundAsAltered()
    {
        await WriteSomeRows(users: 2);
        var target = (await AllRowsAscending())[1];
        var id = target["id"]!.GetValue<string>();

        await Database.Execute(
            """UPDATE "AuditLogs" SET "UpdatedValues" = @value WHERE "Id" = @id""",
            ("value", "{not json"),
            ("id", RowIdParameter(target)));

        var byId = await (await _admin.GetAsync($"/audit/{id}")).Expect(200);
        var listed = (await AllRowsAscending()).Single(r => r["id"]!.GetValue<string>() == id);
        var exported = await _admin.GetAsync("/audit/export");
        var exportedLine = (await exported.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonNode.Parse(l)!.AsObject())
            .Single(r => r["id"]!.GetValue<string>() == id);
        var changes = await (await _admin.GetAsync("/audit/changes?after=0")).Expect(200);

        Assert.That(byId["updated_values"]!.GetValue<string>(), Is.EqualTo("{not json"), "the stored text, as a JSON string");
        Assert.That(listed["updated_values"]!.GetValue<string>(), Is.EqualTo("{not json"));
        Assert.That((int)exported.StatusCode, Is.EqualTo(200));
        Assert.That(exportedLine["updated_values"]!.GetValue<string>(), Is.EqualTo("{not json"));
        Assert.That(changes.ToJsonString(), Does.Contain(id));
        AssertProblem(await Verify(), "altered", sequence: 2, rowsChecked: 2, id: id);
    }

    [Test]
    public async Task AnEditedAuthorIsFoundAsAlteredToo()
    {
        await WriteSomeRows(users: 2);
        var target = (await AllRowsAscending())[0];

        await Database.Execute("""UPDATE "AuditLogs" SET "ChangedBy" = 'nobody' WHERE "Id" = @id""", ("id", RowIdParameter(target)));

        AssertProblem(await Verify(), "altered", sequence: 1, rowsChecked: 1, id: target["id"]!.GetValue<string>());
    }

    [Test]
    public async Task JsonValuesHandedBackWithKeysInAnotherOrderStillVerify()
    {
        await WriteSomeRows(users: 2);
        var target = (await AllRowsAscending())[1];
        var stored = (JsonObject)target["updated_values"]!;
        var reordered = new JsonObject(stored.Reverse().Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));

        // What a database that reorders keys (jsonb) or reformats them would hand back: same members, another order, spaces.
        await Database.Execute(
            """UPDATE "AuditLogs" SET "UpdatedValues" = @value WHERE "Id" = @id""",
            ("value", reordered.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true })),
            ("id", RowIdParameter(target)));
        var verified = await Verify();

        Assert.That(stored.Count, Is.GreaterThan(1), "a reorder needs two keys");
        Assert.That(verified["valid"]!.GetValue<bool>(), Is.True, verified.ToJsonString());
    }

    [Test]
    public async Task ARowDeletedInTheMiddleIsFoundAsMissing()
    {
        await WriteSomeRows(users: 3);
        var target = (await AllRowsAscending())[1];

        await Database.Execute("""DELETE FROM "AuditLogs" WHERE "Id" = @id""", ("id", RowIdParameter(target)));

        AssertProblem(await Verify(), "missing", sequence: 2, rowsChecked: 2, id: null);
    }

    [Test]
    public async Task TheLastRowDeletedIsFoundAsMissingAgainstTheHead()
    {
        await WriteSomeRows(users: 3);
        var rows = await AllRowsAscending();

        await Database.Execute("""DELETE FROM "AuditLogs" WHERE "Id" = @id""", ("id", RowIdParameter(rows[^1])));

        AssertProblem(await Verify(), "missing", sequence: rows.Count, rowsChecked: rows.Count - 1, id: null);
    }

    [Test]
    public async Task ARowInsertedAroundTheServiceIsFoundAsInserted()
    {
        await WriteSomeRows(users: 2);
        var rows = await AllRowsAscending();
        var planted = Guid.NewGuid();

        await Database.Execute(
            """
            INSERT INTO "AuditLogs" ("Id", "UpdatedAt", "ChangedBy", "ChangedByApiKey", "Action", "TableName", "ObjectId", "BeforeValue", "UpdatedValues")
            VALUES (@id, @at, 'default_user_id', @key, 'Deleted', 'LiteLLM_UserTable', 'u-planted', NULL, NULL)
            """,
            ("id", GuidParameter(planted)),
            ("at", DateTime.UtcNow),
            ("key", new string('a', 64)));
        var verified = await Verify();

        Assert.That(verified["valid"]!.GetValue<bool>(), Is.False);
        Assert.That(verified["rows_checked"]!.GetValue<long>(), Is.EqualTo(rows.Count), "the chain itself is whole");
        Assert.That(verified["first_problem"]!["problem"]!.GetValue<string>(), Is.EqualTo("inserted"));
        Assert.That(verified["first_problem"]!["id"]!.GetValue<string>(), Is.EqualTo(planted.ToString()));
        Assert.That(verified["first_problem"]!["sequence"], Is.Null);
    }

    [Test]
    public async Task RowsWrittenBeforeTheChainAreChainedAtStartUpInTimeOrder()
    {
        await WriteSomeRows(users: 3);
        var before = await AllRowsAscending();

        // The database as the migration leaves an older one: rows without a place in the chain, an empty head.
        await Database.Execute("""UPDATE "AuditLogs" SET "Sequence" = NULL, "Hash" = NULL""");
        await Database.Execute("""UPDATE "AuditChainHead" SET "Sequence" = 0, "Hash" = @genesis""", ("genesis", new string('0', 64)));
        var unchained = await Verify();
        await DatabaseInitializer.InitializeAsync(_app.Services);
        await DatabaseInitializer.InitializeAsync(_app.Services);
        var after = await AllRowsAscending();
        var verified = await Verify();

        Assert.That(unchained["valid"]!.GetValue<bool>(), Is.False, "rows outside the chain are reported until a start chains them");
        Assert.That(unchained["first_problem"]!["problem"]!.GetValue<string>(), Is.EqualTo("inserted"), "the head is empty, the rows hold no sequence");
        Assert.That(verified["valid"]!.GetValue<bool>(), Is.True, verified.ToJsonString());
        Assert.That(verified["rows_checked"]!.GetValue<long>(), Is.EqualTo(before.Count), "a second start chains nothing again");
        Assert.That(after.Select(r => r["id"]!.GetValue<string>()), Is.EqualTo(before.Select(r => r["id"]!.GetValue<string>())));
        Assert.That(after.Select(r => r["sequence"]!.GetValue<long>()), Is.EqualTo(Enumerable.Range(1, after.Count).Select(i => (long)i)), "chained in the order GET /audit lists them: time, then id");
    }

    [Test]
    public async Task TheExportStreamsTheChainAsJsonLinesExactlyAsTheRowsAreRead()
    {
        await WriteSomeRows(users: 4);
        var rows = await AllRowsAscending();

        var response = await _admin.GetAsync("/audit/export?after=2&limit=3");
        var text = await response.Content.ReadAsStringAsync();
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        var whole = await _admin.GetAsync("/audit/export");
        var wholeLines = (await whole.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/x-ndjson"));
        Assert.That(text, Does.EndWith("\n"), "every line ends, the last one too");
        Assert.That(lines.Select(l => l["sequence"]!.GetValue<long>()), Is.EqualTo(new long[] { 3, 4, 5 }));
        Assert.That(wholeLines, Has.Length.EqualTo(rows.Count), "from the start of the chain by default");
        foreach (var line in lines)
        {
            var byId = await (await _admin.GetAsync($"/audit/{line["id"]!.GetValue<string>()}")).Expect(200);
            Assert.That(JsonNode.DeepEquals(line, byId), Is.True, $"{line.ToJsonString()}\n{byId.ToJsonString()}");
        }
    }

    [Test]
    public async Task TheExportMasksSecretsAsTheAuditReadsDo()
    {
        var (_, key) = await NewUser();

        var text = await (await _admin.GetAsync("/audit/export")).Content.ReadAsStringAsync();

        Api.AssertHoldsNone(text, "the export", key, ProxyAdminApp.MasterKey);
    }

    [TestCase("/audit/export?after=-1", "after")]
    [TestCase("/audit/export?limit=0", "limit")]
    [TestCase("/audit/export?limit=100001", "limit")]
    [TestCase("/audit/changes?wait=31", "wait")]
    [TestCase("/audit/changes?wait=-1", "wait")]
    [TestCase("/audit/changes?after=-1", "after")]
    [TestCase("/audit/changes?limit=1001", "limit")]
    public async Task BadBoundsAre400(string query, string param)
    {
        var refused = await (await _admin.GetAsync(query)).Expect(400);

        Assert.That(refused.ErrorParam(), Is.EqualTo(param));
    }

    [TestCase("/audit/verify")]
    [TestCase("/audit/export")]
    [TestCase("/audit/changes")]
    public async Task AnInternalUserMayNotReadTheChainAndAViewerMay(string path)
    {
        var (_, internalKey) = await NewUser();
        var (_, viewerKey) = await NewUser("proxy_admin_viewer");

        var refused = await (await _app.ClientWith(internalKey).GetAsync(path)).Expect(403);
        var allowed = await _app.ClientWith(viewerKey).GetAsync(path);

        Assert.That(refused.ErrorType(), Is.EqualTo("permission_denied_error"));
        Assert.That((int)allowed.StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task ChangesAnswerAtOnceWhenRowsExistAfterTheSequence()
    {
        await WriteSomeRows(users: 3);
        var rows = await AllRowsAscending();

        var watch = Stopwatch.StartNew();
        var changes = await (await _admin.GetAsync("/audit/changes?after=1&wait=10&limit=2")).Expect(200);
        watch.Stop();

        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "no wait when there are rows");
        Assert.That(changes["changes"]!.AsArray().Select(c => c!["sequence"]!.GetValue<long>()), Is.EqualTo(new long[] { 2, 3 }));
        Assert.That(changes["next_after"]!.GetValue<long>(), Is.EqualTo(3));
        Assert.That(JsonNode.DeepEquals(changes["changes"]![0], rows[1]), Is.True, "a change reads as the row does");
    }

    [Test]
    public async Task ChangesWaitForTheNextWriteAndWakeOnIt()
    {
        await WriteSomeRows(users: 1);
        var head = (await Verify())["head_sequence"]!.GetValue<long>();

        var watch = Stopwatch.StartNew();
        var waiting = _admin.GetAsync($"/audit/changes?after={head}&wait=20");
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.That(waiting.IsCompleted, Is.False, "nothing after the head yet: the call waits");
        var (userId, _) = await NewUser();
        var changes = await (await waiting).Expect(200);
        watch.Stop();

        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "woken by the write, not by the end of the wait");
        Assert.That(changes["changes"]!.AsArray().Select(c => c!["object_id"]!.GetValue<string>()), Does.Contain(userId));
        Assert.That(changes["changes"]![0]!["sequence"]!.GetValue<long>(), Is.EqualTo(head + 1));
    }

    [Test]
    public async Task ChangesGiveUpAfterTheWaitWithAnEmptyList()
    {
        await WriteSomeRows(users: 1);
        var head = (await Verify())["head_sequence"]!.GetValue<long>();

        var watch = Stopwatch.StartNew();
        var changes = await (await _admin.GetAsync($"/audit/changes?after={head}&wait=1")).Expect(200);
        watch.Stop();

        Assert.That(changes["changes"]!.AsArray(), Is.Empty);
        Assert.That(changes["next_after"]!.GetValue<long>(), Is.EqualTo(head));
        Assert.That(watch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9)).And.LessThan(TimeSpan.FromSeconds(5)));
    }

    private async Task WriteSomeRows(int users)
    {
        for (var i = 0; i < users; i++)
        {
            var userId = Api.UniqueId("chained");
            await (await _admin.PostJson("/user/new", new { user_id = userId, max_budget = 1.0 + i, auto_create_key = false })).Expect(200);
            await (await _admin.PostJson("/user/update", new { user_id = userId, max_budget = 10.0 + i })).Expect(200);
        }
    }

    private async Task<(string UserId, string Key)> NewUser(string role = "internal_user")
    {
        var userId = Api.UniqueId("chain-user");
        var body = await (await _admin.PostJson("/user/new", new { user_id = userId, user_role = role })).Expect(200);
        return (userId, body["key"]!.GetValue<string>());
    }

    private async Task<List<JsonObject>> AllRowsAscending()
    {
        var rows = new List<JsonObject>();
        string? after = null;
        do
        {
            var page = await (await _admin.GetAsync("/audit?sort_order=asc&page_size=100" + (after is null ? string.Empty : $"&after={Uri.EscapeDataString(after)}"))).Expect(200);
            rows.AddRange(page["audit_logs"]!.AsArray().Select(r => r!.AsObject()));
            after = page["next_cursor"]?.GetValue<string>();
        }
        while (after is not null);

        return rows;
    }

    private async Task<JsonObject> Verify() => await (await _admin.GetAsync("/audit/verify")).Expect(200);

    private static void AssertProblem(JsonObject verified, string problem, long sequence, long rowsChecked, string? id)
    {
        Assert.That(verified["valid"]!.GetValue<bool>(), Is.False, verified.ToJsonString());
        var first = verified["first_problem"]!;
        Assert.That(first["problem"]!.GetValue<string>(), Is.EqualTo(problem), verified.ToJsonString());
        Assert.That(first["sequence"]!.GetValue<long>(), Is.EqualTo(sequence), verified.ToJsonString());
        Assert.That(first["id"]?.GetValue<string>(), Is.EqualTo(id), verified.ToJsonString());
        Assert.That(first["message"]!.GetValue<string>(), Is.Not.Empty);
        Assert.That(verified["rows_checked"]!.GetValue<long>(), Is.EqualTo(rowsChecked), verified.ToJsonString());
    }

    private object RowIdParameter(JsonObject row) => GuidParameter(Guid.Parse(row["id"]!.GetValue<string>()));

    /// <summary>A GUID as the provider stores it: SQLite as upper-case text (EF's default), PostgreSQL as uuid.</summary>
    private object GuidParameter(Guid id) =>
        Database.Provider == DatabaseProvider.Sqlite ? id.ToString().ToUpperInvariant() : id;
}
