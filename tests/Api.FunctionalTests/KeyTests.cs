using System.Text.Json.Nodes;

namespace ProxyAdmin.Api.FunctionalTests;

public sealed class KeyTests
{
    [Test]
    public async Task AnInternalUserGeneratesKeysForItselfWhenUserIdIsOmitted()
    {
        var (userId, key) = await Api.CreateUser();

        var body = await Api.GenerateKey(Service.App.ClientWith(key), new { key_alias = Api.UniqueId("own") });

        var secret = body["key"]!.GetValue<string>();
        Assert.That(secret, Does.StartWith("sk-"));
        Assert.That(body["user_id"]!.GetValue<string>(), Is.EqualTo(userId));
        Assert.That(body["created_by"]!.GetValue<string>(), Is.EqualTo(userId));
        Assert.That(body["token"]!.GetValue<string>(), Is.EqualTo(Api.Sha256Hex(secret)));
        Assert.That(body["token_id"]!.GetValue<string>(), Is.EqualTo(body["token"]!.GetValue<string>()));
        var info = await (await Service.App.ClientWith(secret).GetAsync("/key/info")).Expect(200);
        Assert.That(info["info"]!["user_id"]!.GetValue<string>(), Is.EqualTo(userId));
    }

    [Test]
    public async Task AnInternalUserMayNotGenerateAKeyForSomeoneElse()
    {
        var (_, key) = await Api.CreateUser();
        var (otherId, _) = await Api.CreateUser();

        var body = await (await Service.App.ClientWith(key).PostJson("/key/generate", new { user_id = otherId })).Expect(403);

        Assert.That(body.ErrorType(), Is.EqualTo("permission_denied_error"));
        var other = await (await Service.App.Admin().GetAsync($"/user/info?user_id={otherId}")).Expect(200);
        Assert.That(other["keys"]!.AsArray(), Has.Count.EqualTo(1), "only the first key");
    }

    [Test]
    public async Task AnAdminGeneratingForAnUnknownUserIs404()
    {
        var ghost = Api.UniqueId("ghost");

        var body = await (await Service.App.Admin().PostJson("/key/generate", new { user_id = ghost })).Expect(404);

        Assert.That(body.ErrorType(), Is.EqualTo("not_found_error"));
        Assert.That(body.ErrorParam(), Is.EqualTo("user_id"));
        await (await Service.App.Admin().GetAsync($"/user/info?user_id={ghost}")).Expect(404);
    }

    [Test]
    public async Task ADuplicateKeyAliasIs409()
    {
        var (userId, _) = await Api.CreateUser();
        var alias = Api.UniqueId("alias");
        await Api.GenerateKey(Service.App.Admin(), new { user_id = userId, key_alias = alias });

        var body = await (await Service.App.Admin().PostJson("/key/generate", new { user_id = userId, key_alias = alias })).Expect(409);

        Assert.That(body.ErrorType(), Is.EqualTo("conflict_error"));
        Assert.That(body.ErrorParam(), Is.EqualTo("key_alias"));
        var list = await (await Service.App.Admin().GetAsync($"/key/list?key_alias={alias}")).Expect(200);
        Assert.That(list["total_count"]!.GetValue<int>(), Is.EqualTo(1));
    }

    [Test]
    public async Task ADurationSetsExpiresAndNoDurationMeansNoExpiry()
    {
        var (userId, _) = await Api.CreateUser();
        var before = DateTime.UtcNow;

        var thirtyDays = await Api.GenerateKey(Service.App.Admin(), new { user_id = userId, duration = "30d" });
        var forever = await Api.GenerateKey(Service.App.Admin(), new { user_id = userId });

        var expires = thirtyDays["expires"]!.GetValue<DateTime>().ToUniversalTime();
        Assert.That(expires, Is.InRange(before.AddDays(30), DateTime.UtcNow.AddDays(30)));
        Assert.That(forever["expires"], Is.Null);
        var info = await (await Service.App.Admin().GetAsync($"/key/info?key={thirtyDays["token"]!.GetValue<string>()}")).Expect(200);
        Assert.That(info["info"]!["expires"]!.GetValue<DateTime>().ToUniversalTime(), Is.EqualTo(expires));
    }

    [Test]
    public async Task AnInvalidDurationIs400()
    {
        var (_, key) = await Api.CreateUser();

        var body = await (await Service.App.ClientWith(key).PostJson("/key/generate", new { duration = "30 days" })).Expect(400);

        Assert.That(body.ErrorParam(), Is.EqualTo("duration"));
    }

    [Test]
    public async Task KeyInfoFindsAKeyByItsSecretAndByItsHashWithoutEchoingTheSecret()
    {
        var (userId, key) = await Api.CreateUser();
        var hash = Api.Sha256Hex(key);

        var bySecret = await (await Service.App.Admin().GetAsync($"/key/info?key={Uri.EscapeDataString(key)}")).Expect(200);
        var byHash = await (await Service.App.Admin().GetAsync($"/key/info?key={hash}")).Expect(200);
        var own = await (await Service.App.ClientWith(key).GetAsync("/key/info")).Expect(200);

        Assert.That(bySecret["key"]!.GetValue<string>(), Is.EqualTo("sk-..." + key[^4..]));
        Assert.That(byHash["key"]!.GetValue<string>(), Is.EqualTo(hash));
        foreach (var body in new[] { bySecret, byHash, own })
        {
            Assert.That(body["info"]!["token"]!.GetValue<string>(), Is.EqualTo(hash));
            Assert.That(body["info"]!["user_id"]!.GetValue<string>(), Is.EqualTo(userId));
            Assert.That(body["info"]!["key_name"]!.GetValue<string>(), Is.EqualTo("sk-..." + key[^4..]));
        }
    }

    [Test]
    public async Task AnInternalUserCannotSeeAnotherUsersKeyWhichLooksMissing()
    {
        var (_, key) = await Api.CreateUser();
        var (_, otherKey) = await Api.CreateUser();
        var client = Service.App.ClientWith(key);

        var otherHash = Api.Sha256Hex(otherKey);
        var unknownHash = Api.Sha256Hex("sk-never-issued");

        var bySecret = await (await client.GetAsync($"/key/info?key={Uri.EscapeDataString(otherKey)}")).Expect(404);
        var byHash = await (await client.GetAsync($"/key/info?key={otherHash}")).Expect(404);
        var unknown = await (await client.GetAsync($"/key/info?key={unknownHash}")).Expect(404);

        Assert.That(bySecret.ErrorType(), Is.EqualTo("not_found_error"));
        Api.AssertHoldsNone(bySecret.ToJsonString(), "key info", otherKey);
        Assert.That(
            byHash.ToJsonString().Replace(otherHash, "<key>", StringComparison.Ordinal),
            Is.EqualTo(unknown.ToJsonString().Replace(unknownHash, "<key>", StringComparison.Ordinal)),
            "another user's key answers exactly as a key that does not exist");
    }

    [TestCase("proxy_admin")]
    [TestCase("proxy_admin_viewer")]
    public async Task AdminsAndAdminViewersReadAnyKey(string role)
    {
        var (_, readerKey) = await Api.CreateUser(role);
        var (ownerId, ownerKey) = await Api.CreateUser();

        var body = await (await Service.App.ClientWith(readerKey).GetAsync($"/key/info?key={Api.Sha256Hex(ownerKey)}")).Expect(200);

        Assert.That(body["info"]!["user_id"]!.GetValue<string>(), Is.EqualTo(ownerId));
    }

    [Test]
    public async Task KeyListPagesThroughAnInternalUsersOwnKeysOnly()
    {
        var (userId, key) = await Api.CreateUser();
        var client = Service.App.ClientWith(key);
        var tokens = new List<string> { Api.Sha256Hex(key) };
        for (var i = 0; i < 2; i++)
        {
            tokens.Add((await Api.GenerateKey(client, new { }))["token"]!.GetValue<string>());
        }

        await Api.CreateUser();

        var seen = new List<string>();
        for (var page = 1; page <= 2; page++)
        {
            var body = await (await client.GetAsync($"/key/list?page={page}&size=2")).Expect(200);
            Assert.That(body["total_count"]!.GetValue<int>(), Is.EqualTo(3));
            Assert.That(body["current_page"]!.GetValue<int>(), Is.EqualTo(page));
            Assert.That(body["total_pages"]!.GetValue<int>(), Is.EqualTo(2));
            var keys = body["keys"]!.AsArray();
            Assert.That(keys, Has.Count.EqualTo(page == 1 ? 2 : 1));
            Assert.That(keys.Select(k => k!["user_id"]!.GetValue<string>()), Has.All.EqualTo(userId));
            seen.AddRange(keys.Select(k => k!["token"]!.GetValue<string>()));
        }

        Assert.That(seen, Is.EquivalentTo(tokens));
    }

    [Test]
    public async Task AnInternalUserMayNotListAnotherUsersKeys()
    {
        var (_, key) = await Api.CreateUser();
        var (otherId, _) = await Api.CreateUser();

        await (await Service.App.ClientWith(key).GetAsync($"/key/list?user_id={otherId}")).Expect(403);
    }

    [Test]
    public async Task AnAdminListsAnyUsersKeys()
    {
        var (userId, _) = await Api.CreateUser();
        await Api.GenerateKey(Service.App.Admin(), new { user_id = userId });

        var body = await (await Service.App.Admin().GetAsync($"/key/list?user_id={userId}")).Expect(200);

        Assert.That(body["total_count"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(body["keys"]!.AsArray().Select(k => k!["user_id"]!.GetValue<string>()), Has.All.EqualTo(userId));
    }

    [TestCase("size=101", "size")]
    [TestCase("page=0", "page")]
    public async Task KeyListRefusesPagesOutOfRange(string query, string param)
    {
        var body = await (await Service.App.Admin().GetAsync($"/key/list?{query}")).Expect(400);

        Assert.That(body.ErrorParam(), Is.EqualTo(param));
    }

    [Test]
    public async Task KeyUpdateChangesOnlyTheFieldsSentAndMergesMetadata()
    {
        var (_, key) = await Api.CreateUser();
        var client = Service.App.ClientWith(key);
        var alias = Api.UniqueId("keep");
        var generated = await Api.GenerateKey(client, new
        {
            key_alias = alias,
            max_budget = 5.0,
            models = new[] { "gpt-4o" },
            tpm_limit = 1000,
            metadata = new { env = "dev", owner = "alice", tier = 1 },
        });
        var secret = generated["key"]!.GetValue<string>();

        var updated = await (await client.PostJson("/key/update", new JsonObject
        {
            ["key"] = secret,
            ["max_budget"] = 7.5,
            ["metadata"] = new JsonObject { ["owner"] = null, ["tier"] = 2, ["cost_center"] = "42" },
        })).Expect(200);

        var info = (await (await client.GetAsync($"/key/info?key={Api.Sha256Hex(secret)}")).Expect(200))["info"]!.AsObject();
        var mergedMetadata = new JsonObject { ["env"] = "dev", ["tier"] = 2, ["cost_center"] = "42" };
        Assert.That(info["max_budget"]!.GetValue<double>(), Is.EqualTo(7.5));
        Assert.That(info["key_alias"]!.GetValue<string>(), Is.EqualTo(alias));
        Assert.That(info["tpm_limit"]!.GetValue<long>(), Is.EqualTo(1000));
        Assert.That(info["models"]!.AsArray().Select(m => m!.GetValue<string>()), Is.EqualTo(new[] { "gpt-4o" }));
        Assert.That(info["blocked"]!.GetValue<bool>(), Is.False);
        Assert.That(JsonNode.DeepEquals(info["metadata"], mergedMetadata), Is.True, info["metadata"]!.ToJsonString());

        // LiteLLM's answer: the key (a secret shortened), its hash, metadata, and only the fields updated.
        Assert.That(updated.Select(p => p.Key).Order(), Is.EqualTo(new[] { "key", "max_budget", "metadata", "token" }), updated.ToJsonString());
        Assert.That(updated["key"]!.GetValue<string>(), Is.EqualTo("sk-..." + secret[^4..]));
        Assert.That(updated["token"]!.GetValue<string>(), Is.EqualTo(Api.Sha256Hex(secret)));
        Assert.That(updated["max_budget"]!.GetValue<double>(), Is.EqualTo(7.5));
        Assert.That(JsonNode.DeepEquals(updated["metadata"], mergedMetadata), Is.True, updated["metadata"]!.ToJsonString());

        await (await Service.App.ClientWith(secret).GetAsync("/key/info")).Expect(200);
    }

    [Test]
    public async Task AnInternalUserCannotMoveItsKeyToAnotherUser()
    {
        var (userId, key) = await Api.CreateUser();
        var (otherId, _) = await Api.CreateUser();

        var body = await (await Service.App.ClientWith(key).PostJson("/key/update", new { key, user_id = otherId })).Expect(403);

        Assert.That(body.ErrorType(), Is.EqualTo("permission_denied_error"));
        var info = await (await Service.App.Admin().GetAsync($"/key/info?key={Api.Sha256Hex(key)}")).Expect(200);
        Assert.That(info["info"]!["user_id"]!.GetValue<string>(), Is.EqualTo(userId));
    }

    [Test]
    public async Task AnInternalUserCannotUnblockItsKeyButMayBlockIt()
    {
        var (_, key) = await Api.CreateUser();
        var client = Service.App.ClientWith(key);
        var second = (await Api.GenerateKey(client, new { }))["key"]!.GetValue<string>();
        await (await Service.App.Admin().PostJson("/key/block", new { key = second })).Expect(200);

        var refused = await (await client.PostJson("/key/update", new { key = second, blocked = false })).Expect(403);

        Assert.That(refused.ErrorType(), Is.EqualTo("permission_denied_error"));
        await (await Service.App.ClientWith(second).GetAsync("/key/info")).Expect(401);
        var third = (await Api.GenerateKey(client, new { }))["key"]!.GetValue<string>();
        var blocked = await (await client.PostJson("/key/update", new { key = third, blocked = true })).Expect(200);
        Assert.That(blocked["blocked"]!.GetValue<bool>(), Is.True);
        await (await Service.App.ClientWith(third).GetAsync("/key/info")).Expect(401);
    }

    [Test]
    public async Task AnInternalUserCannotUpdateAnotherUsersKey()
    {
        var (_, key) = await Api.CreateUser();
        var (_, otherKey) = await Api.CreateUser();

        await (await Service.App.ClientWith(key).PostJson("/key/update", new { key = otherKey, max_budget = 1 })).Expect(404);

        var info = await (await Service.App.Admin().GetAsync($"/key/info?key={Api.Sha256Hex(otherKey)}")).Expect(200);
        Assert.That(info["info"]!["max_budget"], Is.Null);
    }

    [Test]
    public async Task KeysAreDeletedBySecretByHashAndByAlias()
    {
        var (userId, first) = await Api.CreateUser();
        var second = (await Api.GenerateKey(Service.App.Admin(), new { user_id = userId }))["key"]!.GetValue<string>();
        var alias = Api.UniqueId("bye");
        var third = (await Api.GenerateKey(Service.App.Admin(), new { user_id = userId, key_alias = alias }))["key"]!.GetValue<string>();
        var survivor = (await Api.GenerateKey(Service.App.Admin(), new { user_id = userId }))["key"]!.GetValue<string>();

        var body = await (await Service.App.Admin().PostJson("/key/delete", new
        {
            keys = new[] { first, Api.Sha256Hex(second) },
            key_aliases = new[] { alias },
        })).Expect(200);

        var deleted = body["deleted_keys"]!.AsArray().Select(k => k!.GetValue<string>());
        Assert.That(deleted, Is.EquivalentTo(new[] { "sk-..." + first[^4..], Api.Sha256Hex(second), alias }), "a secret is never echoed whole");
        foreach (var gone in new[] { first, second, third })
        {
            await (await Service.App.ClientWith(gone).GetAsync("/key/info")).Expect(401);
        }

        await (await Service.App.ClientWith(survivor).GetAsync("/key/info")).Expect(200);
    }

    [Test]
    public async Task AnInternalUserDeletesItsOwnKey()
    {
        var (_, key) = await Api.CreateUser();
        var client = Service.App.ClientWith(key);
        var second = (await Api.GenerateKey(client, new { }))["key"]!.GetValue<string>();

        await (await client.PostJson("/key/delete", new { keys = new[] { second } })).Expect(200);

        await (await Service.App.ClientWith(second).GetAsync("/key/info")).Expect(401);
        await (await client.GetAsync("/key/info")).Expect(200);
    }

    [Test]
    public async Task DeletingWithNeitherKeysNorAliasesIs400()
    {
        foreach (var payload in new object[] { new { }, new { keys = Array.Empty<string>(), key_aliases = Array.Empty<string>() } })
        {
            var body = await (await Service.App.Admin().PostJson("/key/delete", payload)).Expect(400);

            Assert.That(body.ErrorMessage(), Is.EqualTo("At least one of 'keys' or 'key_aliases' must be provided."));
            Assert.That(body.ErrorType(), Is.EqualTo("bad_request_error"));
        }
    }

    [Test]
    public async Task DeletingAnUnknownKeyIs404AndAMixedRequestDeletesNothing()
    {
        var (_, key) = await Api.CreateUser();
        var alias = Api.UniqueId("stay");
        var aliased = (await Api.GenerateKey(Service.App.ClientWith(key), new { key_alias = alias }))["key"]!.GetValue<string>();
        const string unknown = "sk-this-key-was-never-issued-abcd";

        var onlyUnknown = await (await Service.App.Admin().PostJson("/key/delete", new { keys = new[] { unknown } })).Expect(404);
        var mixed = await (await Service.App.Admin().PostJson("/key/delete", new { keys = new[] { key, unknown } })).Expect(404);
        var mixedAliases = await (await Service.App.Admin().PostJson("/key/delete", new { keys = new[] { key }, key_aliases = new[] { alias, Api.UniqueId("nope") } })).Expect(404);

        Assert.That(onlyUnknown.ErrorType(), Is.EqualTo("not_found_error"));
        Assert.That(mixed.ErrorMessage(), Does.Contain("sk-...abcd").And.Not.Contain(unknown));
        Assert.That(mixedAliases.ErrorParam(), Is.EqualTo("key_aliases"));
        await (await Service.App.ClientWith(key).GetAsync("/key/info")).Expect(200);
        await (await Service.App.ClientWith(aliased).GetAsync("/key/info")).Expect(200);
    }

    [Test]
    public async Task AnInternalUserCannotDeleteAnotherUsersKey()
    {
        var (_, key) = await Api.CreateUser();
        var (_, otherKey) = await Api.CreateUser();

        await (await Service.App.ClientWith(key).PostJson("/key/delete", new { keys = new[] { key, otherKey } })).Expect(404);

        await (await Service.App.ClientWith(otherKey).GetAsync("/key/info")).Expect(200);
        await (await Service.App.ClientWith(key).GetAsync("/key/info")).Expect(200);
    }

    [TestCase("/key/block")]
    [TestCase("/key/unblock")]
    public async Task OnlyAProxyAdminMayBlockOrUnblock(string path)
    {
        var (_, key) = await Api.CreateUser();
        var (_, viewerKey) = await Api.CreateUser("proxy_admin_viewer");

        var own = await (await Service.App.ClientWith(key).PostJson(path, new { key })).Expect(403);
        await (await Service.App.ClientWith(viewerKey).PostJson(path, new { key })).Expect(403);

        Assert.That(own.ErrorType(), Is.EqualTo("permission_denied_error"));
        var info = await (await Service.App.Admin().GetAsync($"/key/info?key={Api.Sha256Hex(key)}")).Expect(200);
        Assert.That(info["info"]!["blocked"]!.GetValue<bool>(), Is.False);
    }

    [Test]
    public async Task BlockAndUnblockReturnTheKeyInItsNewState()
    {
        var (_, key) = await Api.CreateUser();

        var blocked = await (await Service.App.Admin().PostJson("/key/block", new { key = Api.Sha256Hex(key) })).Expect(200);
        var unblocked = await (await Service.App.Admin().PostJson("/key/unblock", new { key })).Expect(200);

        Assert.That(blocked["blocked"]!.GetValue<bool>(), Is.True);
        Assert.That(unblocked["blocked"]!.GetValue<bool>(), Is.False);
        Assert.That(unblocked["token"]!.GetValue<string>(), Is.EqualTo(Api.Sha256Hex(key)));
        await (await Service.App.Admin().PostJson("/key/block", new { key = "sk-never-issued-key" })).Expect(404);
    }

    [Test]
    public async Task ThePathFormOfRegenerateRotatesTheKey()
    {
        var (userId, key) = await Api.CreateUser();

        var rotated = await (await Service.App.Admin().PostAsync($"/key/{Uri.EscapeDataString(key)}/regenerate", null)).Expect(200);

        var newKey = rotated["key"]!.GetValue<string>();
        Assert.That(newKey, Does.StartWith("sk-").And.Not.EqualTo(key));
        Assert.That(rotated["token"]!.GetValue<string>(), Is.EqualTo(Api.Sha256Hex(newKey)));
        Assert.That(rotated["user_id"]!.GetValue<string>(), Is.EqualTo(userId));
        Assert.That(rotated["rotation_count"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(rotated["last_rotation_at"], Is.Not.Null);
        await (await Service.App.ClientWith(key).GetAsync("/key/info")).Expect(401);
        await (await Service.App.ClientWith(newKey).GetAsync("/key/info")).Expect(200);

        var again = await (await Service.App.Admin().PostAsync($"/key/{Api.Sha256Hex(newKey)}/regenerate", null)).Expect(200);
        Assert.That(again["rotation_count"]!.GetValue<int>(), Is.EqualTo(2));
        await (await Service.App.ClientWith(newKey).GetAsync("/key/info")).Expect(401);
    }

    [Test]
    public async Task AnInternalUserCannotRegenerateAnotherUsersKey()
    {
        var (_, key) = await Api.CreateUser();
        var (_, otherKey) = await Api.CreateUser();

        await (await Service.App.ClientWith(key).PostJson("/key/regenerate", new { key = otherKey })).Expect(404);
        await (await Service.App.ClientWith(key).PostAsync($"/key/{Api.Sha256Hex(otherKey)}/regenerate", null)).Expect(404);

        await (await Service.App.ClientWith(otherKey).GetAsync("/key/info")).Expect(200);
    }

    [Test]
    public async Task TheSecretNeverAppearsInReadsOrTheAuditLog()
    {
        var (userId, firstKey) = await Api.CreateUser();
        var owner = Service.App.ClientWith(firstKey);
        var generated = await Api.GenerateKey(owner, new { key_alias = Api.UniqueId("secret"), metadata = new { purpose = "leak-check" } });
        var secret = generated["key"]!.GetValue<string>();
        var token = Api.Sha256Hex(secret);
        await (await owner.PostJson("/key/update", new { key = secret, max_budget = 3 })).Expect(200);
        await (await Service.App.Admin().PostJson("/key/block", new { key = secret })).Expect(200);
        await (await Service.App.Admin().PostJson("/key/unblock", new { key = secret })).Expect(200);

        var reads = new[]
        {
            await Service.App.Admin().GetAsync($"/key/info?key={Uri.EscapeDataString(secret)}"),
            await Service.App.Admin().GetAsync($"/key/info?key={token}"),
            await Service.App.ClientWith(secret).GetAsync("/key/info"),
            await Service.App.Admin().GetAsync($"/key/list?user_id={userId}&size=100"),
            await owner.GetAsync("/key/list?size=100"),
            await Service.App.Admin().GetAsync($"/user/info?user_id={userId}"),
            await owner.GetAsync("/user/info"),
            await Service.App.Admin().GetAsync($"/audit?object_id={token}&page_size=100"),
            await Service.App.Admin().GetAsync($"/audit?changed_by={userId}&page_size=100"),
            await Service.App.Admin().GetAsync("/audit?page_size=100"),
        };

        foreach (var response in reads)
        {
            var text = (await response.Expect(200)).ToJsonString();
            foreach (var plaintext in new[] { secret, firstKey })
            {
                Api.AssertHoldsNone(text, response.RequestMessage!.RequestUri!.AbsolutePath, plaintext[3..]);
            }
        }

        var audit = await Api.AuditRowsFor(token);
        Assert.That(audit, Has.Count.EqualTo(4), "the reads above are not audited; the four writes are");
    }
}
