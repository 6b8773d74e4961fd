using System.Text.Json.Nodes;

namespace ProxyAdmin.Api.FunctionalTests;

public sealed class UserTests
{
    [Test]
    public async Task CreatingAUserReturnsItWithAFirstKeyInPlainTextThatWorks()
    {
        var userId = Api.UniqueId("alice");

        var body = await (await Service.App.Admin().PostJson("/user/new", new { user_id = userId, user_email = "alice@example.com" })).Expect(200);

        Assert.That(body["user_id"]!.GetValue<string>(), Is.EqualTo(userId));
        Assert.That(body["user_email"]!.GetValue<string>(), Is.EqualTo("alice@example.com"));
        Assert.That(body["user_role"]!.GetValue<string>(), Is.EqualTo("internal_user"));
        var key = body["key"]!.GetValue<string>();
        Assert.That(key, Does.StartWith("sk-"));
        Assert.That(body["key_name"]!.GetValue<string>(), Is.EqualTo("sk-..." + key[^4..]));
        Assert.That(body["token_id"]!.GetValue<string>(), Is.EqualTo(Api.Sha256Hex(key)));

        var info = await (await Service.App.ClientWith(key).GetAsync("/key/info")).Expect(200);
        Assert.That(info["info"]!["user_id"]!.GetValue<string>(), Is.EqualTo(userId));
    }

    [Test]
    public async Task AutoCreateKeyFalseCreatesTheUserWithoutAKey()
    {
        var userId = Api.UniqueId("nokey");

        var body = await (await Service.App.Admin().PostJson("/user/new", new { user_id = userId, auto_create_key = false })).Expect(200);

        Assert.That(body["key"], Is.Null);
        Assert.That(body["token_id"], Is.Null);
        var info = await (await Service.App.Admin().GetAsync($"/user/info?user_id={userId}")).Expect(200);
        Assert.That(info["keys"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task WithoutAUserIdTheServiceChoosesAUuid()
    {
        var body = await (await Service.App.Admin().PostJson("/user/new", new { auto_create_key = false })).Expect(200);

        Assert.That(Guid.TryParse(body["user_id"]!.GetValue<string>(), out _), Is.True, body.ToJsonString());
    }

    [Test]
    public async Task ADuplicateUserIdIs409AndLeavesTheFirstUserAsItWas()
    {
        var userId = Api.UniqueId("dup");
        await (await Service.App.Admin().PostJson("/user/new", new { user_id = userId, user_email = "first@example.com" })).Expect(200);

        var body = await (await Service.App.Admin().PostJson("/user/new", new { user_id = userId, user_email = "second@example.com" })).Expect(409);

        Assert.That(body.ErrorType(), Is.EqualTo("conflict_error"));
        Assert.That(body.ErrorParam(), Is.EqualTo("user_id"));
        var info = await (await Service.App.Admin().GetAsync($"/user/info?user_id={userId}")).Expect(200);
        Assert.That(info["user_info"]!["user_email"]!.GetValue<string>(), Is.EqualTo("first@example.com"));
        Assert.That(info["keys"]!.AsArray(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task AnInvalidCreateListsEveryInvalidFieldAndCreatesNothing()
    {
        var userId = Api.UniqueId("invalid");

        var body = await (await Service.App.Admin().PostJson("/user/new", new
        {
            user_id = userId,
            max_budget = -1,
            user_email = "not-an-email",
            budget_duration = "3 days",
            tpm_limit = -5,
        })).Expect(400);

        Assert.That(body.ErrorType(), Is.EqualTo("bad_request_error"));
        var errors = body["error"]!["errors"]!.AsArray();
        Assert.That(errors.Select(e => e!["param"]!.GetValue<string>()), Is.EquivalentTo(new[] { "max_budget", "user_email", "budget_duration", "tpm_limit" }));
        Assert.That(errors.Select(e => e!["message"]!.GetValue<string>()), Has.All.Not.Empty);
        Assert.That(body.ErrorParam(), Is.AnyOf("max_budget", "user_email", "budget_duration", "tpm_limit"));
        await (await Service.App.Admin().GetAsync($"/user/info?user_id={userId}")).Expect(404);
    }

    [Test]
    public async Task UserInfoWithoutAUserIdIsTheCallersOwnRowWithItsKeys()
    {
        var (userId, key) = await Api.CreateUser();

        var body = await (await Service.App.ClientWith(key).GetAsync("/user/info")).Expect(200);

        Assert.That(body["user_id"]!.GetValue<string>(), Is.EqualTo(userId));
        Assert.That(body["user_info"]!["user_id"]!.GetValue<string>(), Is.EqualTo(userId));
        Assert.That(body["keys"]!.AsArray().Select(k => k!["token"]!.GetValue<string>()), Is.EqualTo(new[] { Api.Sha256Hex(key) }));
        Assert.That(body["teams"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task AnInternalUserMayNotReadAnotherUser()
    {
        var (_, key) = await Api.CreateUser();
        var (otherId, _) = await Api.CreateUser();

        var body = await (await Service.App.ClientWith(key).GetAsync($"/user/info?user_id={otherId}")).Expect(403);

        Assert.That(body.ErrorType(), Is.EqualTo("permission_denied_error"));
    }

    [Test]
    public async Task AnAdminViewerMayReadAnotherUser()
    {
        var (_, viewerKey) = await Api.CreateUser("proxy_admin_viewer");
        var (otherId, _) = await Api.CreateUser();

        var body = await (await Service.App.ClientWith(viewerKey).GetAsync($"/user/info?user_id={otherId}")).Expect(200);

        Assert.That(body["user_id"]!.GetValue<string>(), Is.EqualTo(otherId));
    }

    [Test]
    public async Task AnUnknownUserIs404()
    {
        var body = await (await Service.App.Admin().GetAsync($"/user/info?user_id={Api.UniqueId("ghost")}")).Expect(404);

        Assert.That(body.ErrorType(), Is.EqualTo("not_found_error"));
        Assert.That(body.ErrorParam(), Is.EqualTo("user_id"));
    }

    [Test]
    public async Task UserListPagesThroughEveryMatchingUserOnce()
    {
        var prefix = Api.UniqueId("page");
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            created.Add((await Api.CreateUser(userId: $"{prefix}-{i}")).UserId);
        }

        var seen = new List<string>();
        for (var page = 1; page <= 3; page++)
        {
            var body = await (await Service.App.Admin().GetAsync($"/user/list?search={prefix}&page={page}&page_size=2")).Expect(200);
            Assert.That(body["total"]!.GetValue<int>(), Is.EqualTo(5));
            Assert.That(body["total_pages"]!.GetValue<int>(), Is.EqualTo(3));
            Assert.That(body["page"]!.GetValue<int>(), Is.EqualTo(page));
            Assert.That(body["page_size"]!.GetValue<int>(), Is.EqualTo(2));
            var users = body["users"]!.AsArray();
            Assert.That(users, Has.Count.EqualTo(page < 3 ? 2 : 1));
            seen.AddRange(users.Select(u => u!["user_id"]!.GetValue<string>()));
        }

        Assert.That(seen, Is.EqualTo(created), "oldest first, each user exactly once");
        var beyond = await (await Service.App.Admin().GetAsync($"/user/list?search={prefix}&page=4&page_size=2")).Expect(200);
        Assert.That(beyond["users"]!.AsArray(), Is.Empty);
    }

    [TestCase("page_size=101", "page_size")]
    [TestCase("page_size=0", "page_size")]
    [TestCase("page=0", "page")]
    [TestCase("page=-1", "page")]
    public async Task UserListRefusesPagesOutOfRange(string query, string param)
    {
        var body = await (await Service.App.Admin().GetAsync($"/user/list?{query}")).Expect(400);

        Assert.That(body.ErrorParam(), Is.EqualTo(param));
        Assert.That(body["error"]!["errors"]!.AsArray().Select(e => e!["param"]!.GetValue<string>()), Is.EqualTo(new[] { param }));
    }

    [Test]
    public async Task UserListFiltersByRoleSpelledAsOnTheWire()
    {
        var prefix = Api.UniqueId("role");
        var (customerId, _) = await Api.CreateUser("customer", $"{prefix}-c");
        await Api.CreateUser("internal_user", $"{prefix}-i");
        var (viewerId, _) = await Api.CreateUser("proxy_admin_viewer", $"{prefix}-v");

        var customers = await (await Service.App.Admin().GetAsync($"/user/list?search={prefix}&role=customer")).Expect(200);
        var viewers = await (await Service.App.Admin().GetAsync($"/user/list?search={prefix}&role=proxy_admin_viewer")).Expect(200);
        var everyViewer = await (await Service.App.Admin().GetAsync("/user/list?role=proxy_admin_viewer&page_size=100")).Expect(200);

        Assert.That(customers["users"]!.AsArray().Select(u => u!["user_id"]!.GetValue<string>()), Is.EqualTo(new[] { customerId }));
        Assert.That(customers["total"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(viewers["users"]!.AsArray().Select(u => u!["user_id"]!.GetValue<string>()), Is.EqualTo(new[] { viewerId }));
        Assert.That(everyViewer["users"]!.AsArray().Select(u => u!["user_role"]!.GetValue<string>()), Has.All.EqualTo("proxy_admin_viewer"));
    }

    [Test]
    public async Task AnUnknownRoleFilterIs400()
    {
        var body = await (await Service.App.Admin().GetAsync("/user/list?role=superuser")).Expect(400);

        Assert.That(body.ErrorParam(), Is.EqualTo("role"));
    }

    [Test]
    public async Task UserUpdateChangesOnlyTheFieldsSentAndMergesMetadata()
    {
        var userId = Api.UniqueId("upd");
        await (await Service.App.Admin().PostJson("/user/new", new
        {
            user_id = userId,
            user_email = "before@example.com",
            user_alias = "Before",
            max_budget = 5.0,
            models = new[] { "gpt-4o" },
            metadata = new { team = "red", region = "eu", tier = 1 },
        })).Expect(200);

        var response = await (await Service.App.Admin().PostJson("/user/update", new JsonObject
        {
            ["user_id"] = userId,
            ["max_budget"] = 10.5,
            ["metadata"] = new JsonObject { ["region"] = null, ["tier"] = 2, ["owner"] = "ops" },
        })).Expect(200);

        // LiteLLM's shape: {"user_id", "data": <the row>}.
        Assert.That(response["user_id"]!.GetValue<string>(), Is.EqualTo(userId));
        var updated = response["data"]!.AsObject();
        Assert.That(updated["user_id"]!.GetValue<string>(), Is.EqualTo(userId));

        var info = await (await Service.App.Admin().GetAsync($"/user/info?user_id={userId}")).Expect(200);
        foreach (var user in new[] { updated, info["user_info"]!.AsObject() })
        {
            Assert.That(user["max_budget"]!.GetValue<double>(), Is.EqualTo(10.5));
            Assert.That(user["user_email"]!.GetValue<string>(), Is.EqualTo("before@example.com"));
            Assert.That(user["user_alias"]!.GetValue<string>(), Is.EqualTo("Before"));
            Assert.That(user["user_role"]!.GetValue<string>(), Is.EqualTo("internal_user"));
            Assert.That(user["models"]!.AsArray().Select(m => m!.GetValue<string>()), Is.EqualTo(new[] { "gpt-4o" }));
            Assert.That(
                JsonNode.DeepEquals(user["metadata"], new JsonObject { ["team"] = "red", ["tier"] = 2, ["owner"] = "ops" }),
                Is.True,
                user["metadata"]!.ToJsonString());
        }
    }

    [Test]
    public async Task UpdatingAnUnknownUserIs404()
    {
        var body = await (await Service.App.Admin().PostJson("/user/update", new { user_id = Api.UniqueId("ghost"), max_budget = 1 })).Expect(404);

        Assert.That(body.ErrorType(), Is.EqualTo("not_found_error"));
    }

    [Test]
    public async Task AnInvalidUpdateIs400AndChangesNothing()
    {
        var (userId, _) = await Api.CreateUser();

        var body = await (await Service.App.Admin().PostJson("/user/update", new { user_id = userId, user_role = "proxy_admin", max_budget = -3 })).Expect(400);

        Assert.That(body["error"]!["errors"]!.AsArray().Select(e => e!["param"]!.GetValue<string>()), Is.EqualTo(new[] { "max_budget" }));
        var info = await (await Service.App.Admin().GetAsync($"/user/info?user_id={userId}")).Expect(200);
        Assert.That(info["user_info"]!["user_role"]!.GetValue<string>(), Is.EqualTo("internal_user"));
    }

    [Test]
    public async Task DeletingUsersDeletesTheirKeysWhichStopAuthenticating()
    {
        var (firstId, firstKey) = await Api.CreateUser();
        var secondKey = (await Api.GenerateKey(Service.App.Admin(), new { user_id = firstId }))["key"]!.GetValue<string>();
        var (otherId, otherKey) = await Api.CreateUser();

        var body = await (await Service.App.Admin().PostJson("/user/delete", new { user_ids = new[] { firstId, otherId } })).Expect(200);

        Assert.That(body["deleted_users"]!.AsArray().Select(u => u!.GetValue<string>()), Is.EquivalentTo(new[] { firstId, otherId }));
        Assert.That(
            body["deleted_keys"]!.AsArray().Select(k => k!.GetValue<string>()),
            Is.EquivalentTo(new[] { firstKey, secondKey, otherKey }.Select(Api.Sha256Hex)));
        foreach (var key in new[] { firstKey, secondKey, otherKey })
        {
            await (await Service.App.ClientWith(key).GetAsync("/key/info")).Expect(401);
            await (await Service.App.Admin().GetAsync($"/key/info?key={Api.Sha256Hex(key)}")).Expect(404);
        }

        await (await Service.App.Admin().GetAsync($"/user/info?user_id={firstId}")).Expect(404);
        await (await Service.App.Admin().GetAsync($"/user/info?user_id={otherId}")).Expect(404);
    }

    [Test]
    public async Task DeletingWithAnyUnknownIdIs404AndDeletesNothing()
    {
        var (userId, key) = await Api.CreateUser();
        var ghost = Api.UniqueId("ghost");

        var body = await (await Service.App.Admin().PostJson("/user/delete", new { user_ids = new[] { userId, ghost } })).Expect(404);

        Assert.That(body.ErrorMessage(), Does.Contain(ghost));
        await (await Service.App.Admin().GetAsync($"/user/info?user_id={userId}")).Expect(200);
        await (await Service.App.ClientWith(key).GetAsync("/key/info")).Expect(200);
    }

    [TestCase("internal_user")]
    [TestCase("proxy_admin_viewer")]
    public async Task OnlyAProxyAdminMayWriteUsers(string role)
    {
        var (callerId, key) = await Api.CreateUser(role);
        var (targetId, targetKey) = await Api.CreateUser();
        var caller = Service.App.ClientWith(key);
        var newId = Api.UniqueId("refused");

        var refusals = new[]
        {
            await caller.PostJson("/user/new", new { user_id = newId }),
            await caller.PostJson("/user/update", new { user_id = targetId, user_role = "proxy_admin" }),
            await caller.PostJson("/user/update", new { user_id = callerId, user_role = "proxy_admin" }),
            await caller.PostJson("/user/delete", new { user_ids = new[] { targetId } }),
        };

        foreach (var response in refusals)
        {
            Assert.That((await response.Expect(403)).ErrorType(), Is.EqualTo("permission_denied_error"));
        }

        await (await Service.App.Admin().GetAsync($"/user/info?user_id={newId}")).Expect(404);
        var target = await (await Service.App.Admin().GetAsync($"/user/info?user_id={targetId}")).Expect(200);
        Assert.That(target["user_info"]!["user_role"]!.GetValue<string>(), Is.EqualTo("internal_user"));
        var self = await (await Service.App.Admin().GetAsync($"/user/info?user_id={callerId}")).Expect(200);
        Assert.That(self["user_info"]!["user_role"]!.GetValue<string>(), Is.EqualTo(role));
        await (await Service.App.ClientWith(targetKey).GetAsync("/key/info")).Expect(200);
    }

    [Test]
    public async Task AnInternalUserMayNotListUsers()
    {
        var (_, key) = await Api.CreateUser();

        var body = await (await Service.App.ClientWith(key).GetAsync("/user/list")).Expect(403);

        Assert.That(body.ErrorType(), Is.EqualTo("permission_denied_error"));
    }
}
