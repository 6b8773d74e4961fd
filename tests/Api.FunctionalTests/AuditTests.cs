using System.Globalization;
using System.Text.Json.Nodes;

namespace ProxyAdmin.Api.FunctionalTests;

public sealed class AuditTests
{
    private const string Users = "LiteLLM_UserTable";
    private const string Keys = "LiteLLM_VerificationToken";
    private static readonly string MasterKeyHash = Api.Sha256Hex(ProxyAdminApp.MasterKey);

    [Test]
    public async Task AUsersCreateUpdateAndDeleteWriteOneRowEach()
    {
        var userId = Api.UniqueId("audited");
        await (await Service.App.Admin().PostJson("/user/new", new { user_id = userId, max_budget = 1.0, auto_create_key = false })).Expect(200);
        await (await Service.App.Admin().PostJson("/user/update", new { user_id = userId, max_budget = 2.0 })).Expect(200);
        await (await Service.App.Admin().PostJson("/user/delete", new { user_ids = new[] { userId } })).Expect(200);

        var rows = await RowsAscending($"object_id={userId}");

        Assert.That(rows.Select(Action), Is.EqualTo(new[] { "created", "updated", "deleted" }));
        foreach (var row in rows)
        {
            AssertRow(row, Users, userId, "default_user_id", MasterKeyHash);
        }

        Assert.That(rows[0]["before_value"], Is.Null);
        Assert.That(rows[0]["updated_values"]!["max_budget"]!.GetValue<double>(), Is.EqualTo(1.0));
        Assert.That(rows[1]["before_value"]!["max_budget"]!.GetValue<double>(), Is.EqualTo(1.0));
        Assert.That(rows[1]["updated_values"]!["max_budget"]!.GetValue<double>(), Is.EqualTo(2.0));
        Assert.That(rows[2]["before_value"]!["user_id"]!.GetValue<string>(), Is.EqualTo(userId));
        Assert.That(rows[2]["updated_values"], Is.Null);
    }

    [Test]
    public async Task CreatingAUserWithItsFirstKeyWritesOneRowForEach()
    {
        var (userId, key) = await Api.CreateUser();
        var token = Api.Sha256Hex(key);

        var userRows = await RowsAscending($"object_id={userId}");
        var keyRows = await RowsAscending($"object_id={token}");

        Assert.That(userRows, Has.Count.EqualTo(1));
        AssertRow(userRows[0], Users, userId, "default_user_id", MasterKeyHash);
        Assert.That(Action(userRows[0]), Is.EqualTo("created"));
        Assert.That(keyRows, Has.Count.EqualTo(1));
        AssertRow(keyRows[0], Keys, token, "default_user_id", MasterKeyHash);
        Assert.That(Action(keyRows[0]), Is.EqualTo("created"));
        Assert.That(keyRows[0]["updated_values"]!["user_id"]!.GetValue<string>(), Is.EqualTo(userId));
    }

    [Test]
    public async Task AKeysLifeIsRecordedWithWhoDidEachStepAndWithWhichKey()
    {
        var (userId, ownerKey) = await Api.CreateUser();
        var owner = Service.App.ClientWith(ownerKey);
        var ownerKeyHash = Api.Sha256Hex(ownerKey);
        var secret = (await Api.GenerateKey(owner, new { metadata = new { stage = "one" } }))["key"]!.GetValue<string>();
        var token = Api.Sha256Hex(secret);
        await (await owner.PostJson("/key/update", new { key = secret, max_budget = 9 })).Expect(200);
        await (await Service.App.Admin().PostJson("/key/block", new { key = secret })).Expect(200);
        await (await Service.App.Admin().PostJson("/key/unblock", new { key = token })).Expect(200);
        await (await owner.PostJson("/key/delete", new { keys = new[] { secret } })).Expect(200);

        var rows = await RowsAscending($"object_id={token}");

        Assert.That(rows.Select(Action), Is.EqualTo(new[] { "created", "updated", "blocked", "unblocked", "deleted" }));
        AssertRow(rows[0], Keys, token, userId, ownerKeyHash);
        AssertRow(rows[1], Keys, token, userId, ownerKeyHash);
        AssertRow(rows[2], Keys, token, "default_user_id", MasterKeyHash);
        AssertRow(rows[3], Keys, token, "default_user_id", MasterKeyHash);
        AssertRow(rows[4], Keys, token, userId, ownerKeyHash);
        Assert.That(rows[0]["before_value"], Is.Null);
        Assert.That(rows[0]["updated_values"]!["metadata"]!["stage"]!.GetValue<string>(), Is.EqualTo("one"));
        Assert.That(rows[1]["before_value"]!["max_budget"], Is.Null);
        Assert.That(rows[1]["updated_values"]!["max_budget"]!.GetValue<double>(), Is.EqualTo(9));
        Assert.That(rows[2]["before_value"]!["blocked"]!.GetValue<bool>(), Is.False);
        Assert.That(rows[2]["updated_values"]!["blocked"]!.GetValue<bool>(), Is.True);
        Assert.That(rows[3]["before_value"]!["blocked"]!.GetValue<bool>(), Is.True);
        Assert.That(rows[3]["updated_values"]!["blocked"]!.GetValue<bool>(), Is.False);
        Assert.That(rows[4]["before_value"]!["user_id"]!.GetValue<string>(), Is.EqualTo(userId));
        Assert.That(rows[4]["updated_values"], Is.Null);
    }

    [Test]
    public async Task ARotationWritesOneRotatedRowUnderTheNewHash()
    {
        var (userId, key) = await Api.CreateUser();

        var rotated = await (await Service.App.ClientWith(key).PostJson("/key/regenerate", new { key })).Expect(200);

        var newKey = rotated["key"]!.GetValue<string>();
        var newToken = Api.Sha256Hex(newKey);
        var rows = await RowsAscending($"changed_by={userId}");
        Assert.That(rows, Has.Count.EqualTo(1));
        AssertRow(rows[0], Keys, newToken, userId, Api.Sha256Hex(key));
        Assert.That(Action(rows[0]), Is.EqualTo("rotated"));
        Assert.That(rows[0]["before_value"]!["key_name"]!.GetValue<string>(), Is.EqualTo("sk-..." + key[^4..]));
        Assert.That(rows[0]["before_value"]!["rotation_count"]!.GetValue<int>(), Is.EqualTo(0));
        Assert.That(rows[0]["updated_values"]!["key_name"]!.GetValue<string>(), Is.EqualTo("sk-..." + newKey[^4..]));
        Assert.That(rows[0]["updated_values"]!["rotation_count"]!.GetValue<int>(), Is.EqualTo(1));
        var text = rows[0].ToJsonString();
        Api.AssertHoldsNone(text, "the audit log", key[3..], newKey[3..]);
    }

    [Test]
    public async Task DeletingAUserWritesOneDeletedRowForItAndForEachOfItsKeys()
    {
        var (userId, first) = await Api.CreateUser();
        var second = (await Api.GenerateKey(Service.App.Admin(), new { user_id = userId }))["key"]!.GetValue<string>();

        await (await Service.App.Admin().PostJson("/user/delete", new { user_ids = new[] { userId } })).Expect(200);

        foreach (var (objectId, table) in new[] { (userId, Users), (Api.Sha256Hex(first), Keys), (Api.Sha256Hex(second), Keys) })
        {
            var rows = await RowsAscending($"object_id={objectId}");
            Assert.That(rows.Select(Action), Is.EqualTo(new[] { "created", "deleted" }), objectId);
            AssertRow(rows[1], table, objectId, "default_user_id", MasterKeyHash);
        }
    }

    [Test]
    public async Task SecretLookingValuesAreMaskedInAuditValues()
    {
        var (_, key) = await Api.CreateUser();
        var token = Api.Sha256Hex(key);
        await (await Service.App.Admin().PostJson("/key/update", new
        {
            key,
            metadata = new { api_key = "provider-secret-value-1234", nested = new { client_secret = "another-secret-5678" } },
        })).Expect(200);

        var rows = await RowsAscending($"object_id={token}");
        var after = rows[^1]["updated_values"]!;

        Assert.That(after["token"]!.GetValue<string>(), Is.EqualTo("****" + token[^4..]));
        Assert.That(after["metadata"]!["api_key"]!.GetValue<string>(), Is.EqualTo("****1234"));
        Assert.That(after["metadata"]!["nested"]!["client_secret"]!.GetValue<string>(), Is.EqualTo("****5678"));
        Assert.That(after["key_name"]!.GetValue<string>(), Is.EqualTo("sk-..." + key[^4..]), "public identifiers stay readable");
        var text = new JsonArray([.. rows.Select(r => r.DeepClone())]).ToJsonString();
        Api.AssertHoldsNone(text, "the audit log", "provider-secret-value", "another-secret", key[3..]);
    }

    [Test]
    public async Task FiltersNarrowByActionTableObjectAndAuthor()
    {
        var (userId, key) = await Api.CreateUser();
        var client = Service.App.ClientWith(key);
        var tokens = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var secret = (await Api.GenerateKey(client, new { }))["key"]!.GetValue<string>();
            tokens.Add(Api.Sha256Hex(secret));
            await (await client.PostJson("/key/update", new { key = secret, max_budget = i })).Expect(200);
        }

        var byAuthor = await RowsAscending($"changed_by={userId}");
        var updates = await RowsAscending($"changed_by={userId}&action=updated");
        var keyTable = await RowsAscending($"changed_by={userId}&table_name={Keys}");
        var userTable = await RowsAscending($"changed_by={userId}&table_name={Users}");
        var oneObject = await RowsAscending($"changed_by={userId}&object_id={tokens[1]}");
        var adminOnObject = await RowsAscending($"changed_by=default_user_id&object_id={userId}");

        Assert.That(byAuthor, Has.Count.EqualTo(6));
        Assert.That(byAuthor.Select(r => r["changed_by"]!.GetValue<string>()), Has.All.EqualTo(userId));
        Assert.That(updates.Select(r => r["object_id"]!.GetValue<string>()), Is.EqualTo(tokens));
        Assert.That(updates.Select(Action), Has.All.EqualTo("updated"));
        Assert.That(keyTable, Has.Count.EqualTo(6));
        Assert.That(userTable, Is.Empty);
        Assert.That(oneObject.Select(Action), Is.EqualTo(new[] { "created", "updated" }));
        Assert.That(adminOnObject.Select(Action), Is.EqualTo(new[] { "created" }));
    }

    [Test]
    public async Task AStartAndEndDateWindowIsInclusive()
    {
        var (userId, _) = await Api.CreateUser();
        for (var budget = 1; budget <= 3; budget++)
        {
            await (await Service.App.Admin().PostJson("/user/update", new { user_id = userId, max_budget = budget })).Expect(200);
        }

        var rows = await RowsAscending($"object_id={userId}");
        Assert.That(rows, Has.Count.EqualTo(4));
        var times = rows.Select(r => r["updated_at"]!.GetValue<string>()).ToList();

        var middle = await RowsAscending($"object_id={userId}&start_date={Uri.EscapeDataString(times[1])}&end_date={Uri.EscapeDataString(times[2])}");
        var fromThird = await RowsAscending($"object_id={userId}&start_date={Uri.EscapeDataString(times[2])}");
        var untilFirst = await RowsAscending($"object_id={userId}&end_date={Uri.EscapeDataString(times[0])}");
        var past = await RowsAscending($"object_id={userId}&end_date=2000-01-01T00:00:00Z");

        Assert.That(middle.Select(Id), Is.EqualTo(rows.Skip(1).Take(2).Select(Id)));
        Assert.That(fromThird.Select(Id), Is.EqualTo(rows.Skip(2).Select(Id)));
        Assert.That(untilFirst.Select(Id), Is.EqualTo(rows.Take(1).Select(Id)));
        Assert.That(past, Is.Empty);
    }

    [Test]
    public async Task AnEndDateBeforeTheStartDateIs400()
    {
        var body = await (await Service.App.Admin().GetAsync("/audit?start_date=2026-01-02T00:00:00Z&end_date=2026-01-01T00:00:00Z")).Expect(400);

        Assert.That(body.ErrorParam(), Is.EqualTo("end_date"));
    }

    [Test]
    public async Task SortOrderAscAndDescAreReversesAndDescIsTheDefault()
    {
        var (userId, _) = await Api.CreateUser();
        await (await Service.App.Admin().PostJson("/user/update", new { user_id = userId, max_budget = 1 })).Expect(200);
        await (await Service.App.Admin().PostJson("/user/update", new { user_id = userId, max_budget = 2 })).Expect(200);

        var asc = await Rows($"object_id={userId}&sort_order=asc");
        var desc = await Rows($"object_id={userId}&sort_order=desc");
        var byDefault = await Rows($"object_id={userId}");

        Assert.That(asc.Select(Action), Is.EqualTo(new[] { "created", "updated", "updated" }));
        Assert.That(desc.Select(Id), Is.EqualTo(asc.Select(Id).Reverse()));
        Assert.That(byDefault.Select(Id), Is.EqualTo(desc.Select(Id)));
        var times = asc.Select(r => DateTime.Parse(r["updated_at"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)).ToList();
        Assert.That(times, Is.Ordered);
    }

    [Test]
    public async Task TheListIsPaged()
    {
        var (userId, _) = await Api.CreateUser();
        for (var budget = 1; budget <= 4; budget++)
        {
            await (await Service.App.Admin().PostJson("/user/update", new { user_id = userId, max_budget = budget })).Expect(200);
        }

        var first = await (await Service.App.Admin().GetAsync($"/audit?object_id={userId}&page=1&page_size=2&sort_order=asc")).Expect(200);
        var third = await (await Service.App.Admin().GetAsync($"/audit?object_id={userId}&page=3&page_size=2&sort_order=asc")).Expect(200);

        Assert.That(first["total"]!.GetValue<int>(), Is.EqualTo(5));
        Assert.That(first["total_pages"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(first["page"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(first["page_size"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(first["audit_logs"]!.AsArray().Select(r => Action(r!.AsObject())), Is.EqualTo(new[] { "created", "updated" }));
        Assert.That(third["audit_logs"]!.AsArray(), Has.Count.EqualTo(1));
    }

    [TestCase("page_size=101", "page_size")]
    [TestCase("page_size=0", "page_size")]
    [TestCase("page=0", "page")]
    [TestCase("table_name=LiteLLM_Nope", "table_name")]
    [TestCase("action=exploded", "action")]
    [TestCase("sort_order=sideways", "sort_order")]
    [TestCase("start_date=yesterday", "start_date")]
    public async Task InvalidFiltersAre400(string query, string param)
    {
        var body = await (await Service.App.Admin().GetAsync($"/audit?{query}")).Expect(400);

        Assert.That(body.ErrorType(), Is.EqualTo("bad_request_error"));
        Assert.That(body.ErrorParam(), Is.EqualTo(param));
    }

    [Test]
    public async Task OneRowIsReadByItsIdAndAnUnknownIdIs404()
    {
        var (userId, _) = await Api.CreateUser();
        var row = (await RowsAscending($"object_id={userId}")).Single();

        var byId = await (await Service.App.Admin().GetAsync($"/audit/{Id(row)}")).Expect(200);
        var missing = await (await Service.App.Admin().GetAsync($"/audit/{Guid.NewGuid()}")).Expect(404);

        Assert.That(JsonNode.DeepEquals(byId, row), Is.True, byId.ToJsonString());
        Assert.That(missing.ErrorType(), Is.EqualTo("not_found_error"));
    }

    [Test]
    public async Task AnAdminViewerMayReadTheAuditLog()
    {
        var (_, viewerKey) = await Api.CreateUser("proxy_admin_viewer");
        var (userId, _) = await Api.CreateUser();
        var viewer = Service.App.ClientWith(viewerKey);

        var list = await (await viewer.GetAsync($"/audit?object_id={userId}")).Expect(200);
        var id = list["audit_logs"]!.AsArray().Single()!["id"]!.GetValue<string>();
        await (await viewer.GetAsync($"/audit/{id}")).Expect(200);
    }

    [Test]
    public async Task AnInternalUserMayNotReadTheAuditLog()
    {
        var (userId, key) = await Api.CreateUser();
        var row = (await RowsAscending($"object_id={userId}")).Single();
        var client = Service.App.ClientWith(key);

        var list = await (await client.GetAsync($"/audit?object_id={userId}")).Expect(403);
        var one = await (await client.GetAsync($"/audit/{Id(row)}")).Expect(403);

        Assert.That(list.ErrorType(), Is.EqualTo("permission_denied_error"));
        Assert.That(one.ErrorType(), Is.EqualTo("permission_denied_error"));
    }

    [Test]
    public async Task ARefusedWriteLeavesNoAuditRow()
    {
        var (userId, key) = await Api.CreateUser();
        var alias = Api.UniqueId("taken");
        await Api.GenerateKey(Service.App.Admin(), new { user_id = userId, key_alias = alias });
        var internalUser = Service.App.ClientWith(key);
        var before = await TotalRows();

        var admin = Service.App.Admin();
        var refusals = new (Func<Task<HttpResponseMessage>> Send, int Status)[]
        {
            (() => admin.PostJson("/user/new", new { user_id = userId }), 409),
            (() => admin.PostJson("/user/new", new { user_id = Api.UniqueId("bad"), max_budget = -1 }), 400),
            (() => admin.PostJson("/user/update", new { user_id = Api.UniqueId("ghost"), max_budget = 1 }), 404),
            (() => admin.PostJson("/user/update", new { user_id = userId, user_email = "nope" }), 400),
            (() => admin.PostJson("/user/delete", new { user_ids = new[] { userId, Api.UniqueId("ghost") } }), 404),
            (() => admin.PostJson("/key/generate", new { user_id = userId, key_alias = alias }), 409),
            (() => admin.PostJson("/key/generate", new { user_id = Api.UniqueId("ghost") }), 404),
            (() => admin.PostJson("/key/update", new { key, key_alias = alias }), 409),
            (() => admin.PostJson("/key/delete", new { keys = new[] { key, "sk-never-issued-zzzz" } }), 404),
            (() => admin.PostJson("/key/block", new { key = "sk-never-issued-zzzz" }), 404),
            (() => internalUser.PostJson("/key/block", new { key }), 403),
            (() => internalUser.PostJson("/user/update", new { user_id = userId, user_role = "proxy_admin" }), 403),
        };

        foreach (var (send, status) in refusals)
        {
            await (await send()).Expect(status);
        }

        Assert.That(await TotalRows(), Is.EqualTo(before));
        Assert.That(await Api.AuditRowsFor(userId), Has.Count.EqualTo(1), "only its creation");
        await (await internalUser.GetAsync("/key/info")).Expect(200);
    }

    private static async Task<int> TotalRows() =>
        (await (await Service.App.Admin().GetAsync("/audit?page_size=1")).Expect(200))["total"]!.GetValue<int>();

    private static async Task<List<JsonObject>> Rows(string query)
    {
        var body = await (await Service.App.Admin().GetAsync($"/audit?{query}&page_size=100")).Expect(200);
        var rows = body["audit_logs"]!.AsArray().Select(r => r!.AsObject()).ToList();
        Assert.That(body["total"]!.GetValue<int>(), Is.EqualTo(rows.Count), "every row fits on the page");
        return rows;
    }

    private static Task<List<JsonObject>> RowsAscending(string query) => Rows($"{query}&sort_order=asc");

    private static string Action(JsonObject row) => row["action"]!.GetValue<string>();

    private static string Id(JsonObject row) => row["id"]!.GetValue<string>();

    private static void AssertRow(JsonObject row, string table, string objectId, string changedBy, string changedByApiKey)
    {
        Assert.That(row["table_name"]!.GetValue<string>(), Is.EqualTo(table), row.ToJsonString());
        Assert.That(row["object_id"]!.GetValue<string>(), Is.EqualTo(objectId), row.ToJsonString());
        Assert.That(row["changed_by"]!.GetValue<string>(), Is.EqualTo(changedBy), row.ToJsonString());
        Assert.That(row["changed_by_api_key"]!.GetValue<string>(), Is.EqualTo(changedByApiKey), row.ToJsonString());
        Assert.That(Guid.TryParse(Id(row), out _), Is.True);
    }
}
