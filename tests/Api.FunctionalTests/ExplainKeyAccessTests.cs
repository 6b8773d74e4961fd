using System.Text.Json.Nodes;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// Explained access (README, "Explained access"): <c>GET /key/explain</c> lists what a key may call exactly as
/// <c>/models</c> answers that key, shows every level above it with its models and budget, and names the first rule that
/// denies a model and its level; it is for the key's owner, its team's admins, proxy admins and viewers, and a 404 to
/// anyone else; it never shows a secret.
/// </summary>
public sealed class ExplainKeyAccessTests
{
    private static HttpClient Admin => Service.App.Admin();

    [Test]
    public async Task TheEffectiveModelsAreWhatModelsAnswersTheKeyWhateverNarrowsIt()
    {
        var world = await World.Create();
        var keys = new Dictionary<string, string>
        {
            ["names and a wildcard"] = await KeyOf(world.UserId, new JsonObject { ["models"] = new JsonArray(world.Plain, world.Prefix + "/*") }),
            ["an access group"] = await KeyOf(world.UserId, new JsonObject { ["models"] = new JsonArray(world.Group) }),
            ["a team with models and a project"] = await KeyOf(world.MemberId, new JsonObject { ["team_id"] = world.TeamId, ["project_id"] = world.ProjectId }),
            ["all-team-models"] = await KeyOf(world.MemberId, new JsonObject { ["team_id"] = world.TeamId, ["models"] = new JsonArray("all-team-models") }),
            ["a restricted user"] = await KeyOf(world.RestrictedUserId, new JsonObject()),
        };

        foreach (var (what, key) in keys)
        {
            var listed = (await (await Service.App.ClientWith(key).GetAsync("/models")).Expect(200))["data"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
            var explained = await Explain(Admin, key);
            var effective = explained["effective_models"]!.AsArray().Select(m => m!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();

            Assert.That(effective, Is.EqualTo(listed), $"{what}: /key/explain and /models agree");
        }

        Assert.Multiple(async () =>
        {
            var narrowed = (await Explain(Admin, keys["names and a wildcard"]))["effective_models"]!.AsArray().Select(m => m!.GetValue<string>()).ToList();
            Assert.That(narrowed, Is.EquivalentTo(new[] { world.Plain, world.Prefixed }), "a name and a wildcard, nothing else");
            var grouped = (await Explain(Admin, keys["an access group"]))["effective_models"]!.AsArray().Select(m => m!.GetValue<string>()).ToList();
            Assert.That(grouped, Is.EqualTo(new[] { world.Grouped }), "the deployments of the access group");
            var teamKey = (await Explain(Admin, keys["a team with models and a project"]))["effective_models"]!.AsArray().Select(m => m!.GetValue<string>()).ToList();
            Assert.That(teamKey, Does.Contain(world.TeamModelPublicName).And.Contain(world.Plain).And.Not.Contain(world.Grouped), "the team's model, and the team's list narrowed by the project's");
        });
    }

    [Test]
    public async Task TheVerdictNamesTheRuleThatAllowsOrTheFirstThatDeniesAndItsLevel()
    {
        var world = await World.Create();
        var key = await KeyOf(world.UserId, new JsonObject { ["models"] = new JsonArray(world.Plain, world.Prefix + "/*", world.Group) });
        var teamKey = await KeyOf(world.MemberId, new JsonObject { ["team_id"] = world.TeamId, ["project_id"] = world.ProjectId });

        var wildcard = await Explain(Admin, key, world.Prefixed);
        var group = await Explain(Admin, key, world.Grouped);
        var listed = await Explain(Admin, key, world.Plain);
        var notListed = await Explain(Admin, key, world.Other);
        var missing = await Explain(Admin, key, Api.UniqueId("no-such-model"));
        var byProject = await Explain(Admin, teamKey, world.Grouped);
        var teamModel = await Explain(Admin, teamKey, world.TeamModelPublicName);

        Assert.Multiple(() =>
        {
            Assert.That(Allowance(wildcard, "key"), Is.EqualTo(("wildcard", world.Prefix + "/*")));
            Assert.That(wildcard["verdict"]!["allowed"]!.GetValue<bool>(), Is.True);
            Assert.That(wildcard["verdict"]!["denied_by"], Is.Null);
            Assert.That(Allowance(group, "key"), Is.EqualTo(("access_group", world.Group)));
            Assert.That(Allowance(listed, "key"), Is.EqualTo(("listed", world.Plain)));
            Assert.That(Verdict(notListed), Is.EqualTo((false, "key", "not_listed")));
            Assert.That(notListed["verdict"]!["message"]!.GetValue<string>(), Does.StartWith("key not allowed to access model.").And.Contain(world.Other));
            Assert.That(Verdict(missing), Is.EqualTo((false, "model", "model_not_found")));
            Assert.That(Verdict(byProject), Is.EqualTo((false, "project", "not_listed")), "the team lists it; its project does not");
            Assert.That(Allowance(byProject, "team"), Is.EqualTo(("listed", world.Grouped)));
            Assert.That(Allowance(byProject, "key").Rule, Is.EqualTo("unrestricted"));
            Assert.That(Verdict(teamModel), Is.EqualTo((true, (string?)null, (string?)null)), "a team model of the key's own team");
        });
    }

    [Test]
    public async Task AKeyOrRowThatStopsEveryCallDeniesFirstInAuthenticationsOrder()
    {
        var world = await World.Create();
        var blockedKey = await KeyOf(world.UserId, new JsonObject());
        await (await Admin.PostJson("/key/block", new { key = blockedKey })).Expect(200);
        var teamKey = await KeyOf(world.MemberId, new JsonObject { ["team_id"] = world.TeamId });
        var spentKey = await KeyOf(world.UserId, new JsonObject { ["max_budget"] = 0 });

        var blocked = await Explain(Admin, blockedKey, world.Plain);
        var spent = await Explain(Admin, spentKey, world.Plain);
        await (await Admin.PostJson("/team/block", new { team_id = world.TeamId })).Expect(200);
        var teamBlocked = await Explain(Admin, teamKey, world.Plain);

        Assert.Multiple(() =>
        {
            Assert.That(Verdict(blocked), Is.EqualTo((false, "key", "key_blocked")));
            Assert.That(blocked["verdict"]!["message"]!.GetValue<string>(), Does.Contain("Key is blocked"));
            Assert.That(Verdict(teamBlocked), Is.EqualTo((false, "team", "team_blocked")));
            Assert.That(Verdict(spent), Is.EqualTo((false, "key", "budget_exceeded")));
            Assert.That(Level(spent, "key")["budget_remaining"]!.GetValue<double>(), Is.Zero);
        });
    }

    [Test]
    public async Task EveryLevelShowsItsModelsAndWhatIsLeftOfItsBudget()
    {
        var world = await World.Create();
        var key = await KeyOf(world.MemberId, new JsonObject { ["team_id"] = world.TeamId, ["project_id"] = world.ProjectId, ["max_budget"] = 5 });

        var explained = await Explain(Admin, key);
        var levels = explained["levels"]!.AsArray().Select(l => l!["level"]!.GetValue<string>()).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(levels, Is.EqualTo(new[] { "key", "team", "project", "user" }), "the levels the key has, in the order they are checked");
            Assert.That(Level(explained, "key")["max_budget"]!.GetValue<double>(), Is.EqualTo(5));
            Assert.That(Level(explained, "key")["budget_remaining"]!.GetValue<double>(), Is.EqualTo(5));
            Assert.That(Level(explained, "team")["max_budget"]!.GetValue<double>(), Is.EqualTo(100));
            Assert.That(Level(explained, "team")["models"]!.AsArray().Select(m => m!.GetValue<string>()), Is.EquivalentTo(new[] { world.Plain, world.Grouped, world.TeamModelPublicName }), "a team model's name joins its team's list");
            Assert.That(Level(explained, "project")["models"]!.AsArray().Select(m => m!.GetValue<string>()), Is.EqualTo(new[] { world.Plain }));
            Assert.That(explained["verdict"], Is.Null, "no model, no verdict");
            Assert.That(explained["token"]!.GetValue<string>(), Is.EqualTo(Api.Sha256Hex(key)));
            Assert.That(explained.ToJsonString(), Does.Not.Contain(key), "the secret is never shown");
        });
    }

    [Test]
    public async Task TheOwnerTheTeamsAdminsAndTheAdminRolesMayExplainAKeyAndNobodyElse()
    {
        var world = await World.Create();
        var memberKey = await KeyOf(world.MemberId, new JsonObject { ["team_id"] = world.TeamId });
        var (_, viewerKey) = await Api.CreateUser("proxy_admin_viewer");
        var (_, strangerKey) = await Api.CreateUser();

        using var owner = Service.App.ClientWith(memberKey);
        using var teamAdmin = Service.App.ClientWith(world.TeamAdminKey);
        using var viewer = Service.App.ClientWith(viewerKey);
        using var stranger = Service.App.ClientWith(strangerKey);

        var own = await (await owner.GetAsync("/key/explain")).Expect(200);
        await (await teamAdmin.GetAsync($"/key/explain?key={Uri.EscapeDataString(memberKey)}")).Expect(200);
        await (await viewer.GetAsync($"/key/explain?key={Api.Sha256Hex(memberKey)}")).Expect(200);
        var refused = await (await stranger.GetAsync($"/key/explain?key={Uri.EscapeDataString(memberKey)}")).Expect(404);
        var unknown = await (await stranger.GetAsync("/key/explain?key=sk-never-issued-0000")).Expect(404);

        Assert.Multiple(() =>
        {
            Assert.That(own["token"]!.GetValue<string>(), Is.EqualTo(Api.Sha256Hex(memberKey)), "without key, the caller's own");
            Assert.That(refused["error"]!["message"]!.GetValue<string>(), Is.EqualTo($"Key not found: sk-...{memberKey[^4..]}."), "another's key is told what an unknown key is told");
            Assert.That(refused["error"]!["message"]!.GetValue<string>(), Does.Not.Contain(memberKey));
            Assert.That(unknown.ErrorParam(), Is.EqualTo("key"));
        });
    }

    private static async Task<JsonObject> Explain(HttpClient client, string key, string? model = null) =>
        await (await client.GetAsync($"/key/explain?key={Uri.EscapeDataString(key)}" + (model is null ? string.Empty : $"&model={Uri.EscapeDataString(model)}"))).Expect(200);

    private static async Task<string> KeyOf(string userId, JsonObject body)
    {
        body["user_id"] = userId;
        return (await (await Admin.PostJson("/key/generate", body)).Expect(200))["key"]!.GetValue<string>();
    }

    private static JsonNode Level(JsonObject explained, string level) => explained["levels"]!.AsArray().Single(l => l!["level"]!.GetValue<string>() == level)!;

    private static (string Rule, string? Via) Allowance(JsonObject explained, string level)
    {
        var allowance = Level(explained, level)["model_allowance"]!;
        return (allowance["rule"]!.GetValue<string>(), allowance["via"]?.GetValue<string>());
    }

    private static (bool Allowed, string? DeniedBy, string? Rule) Verdict(JsonObject explained)
    {
        var verdict = explained["verdict"]!;
        return (verdict["allowed"]!.GetValue<bool>(), verdict["denied_by"]?.GetValue<string>(), verdict["rule"]?.GetValue<string>());
    }

    /// <summary>
    /// Deployments of unique names: a plain one, one under a provider prefix, one in an access group, another; a team
    /// (models: the plain and the grouped one, budget 100) with a team model, an admin and a member, and a project in it
    /// allowing the plain one only; a user, and a user whose own list allows only the plain one.
    /// </summary>
    private sealed record World(
        string Plain,
        string Prefix,
        string Prefixed,
        string Group,
        string Grouped,
        string Other,
        string TeamId,
        string TeamModelPublicName,
        string TeamAdminKey,
        string ProjectId,
        string UserId,
        string MemberId,
        string RestrictedUserId)
    {
        public static async Task<World> Create()
        {
            var plain = Api.UniqueId("explain-plain");
            var prefix = Api.UniqueId("explain-provider");
            var prefixed = prefix + "/gpt-4o";
            var group = Api.UniqueId("explain-group");
            var grouped = Api.UniqueId("explain-grouped");
            var other = Api.UniqueId("explain-other");
            await Admin.AddModel(ModelApi.Body(plain));
            await Admin.AddModel(ModelApi.Body(prefixed));
            await Admin.AddModel(ModelApi.Body(grouped, modelInfo: new JsonObject { ["access_groups"] = new JsonArray(group) }));
            await Admin.AddModel(ModelApi.Body(other));

            var (adminId, adminKey) = await Api.CreateUser();
            var (memberId, _) = await Api.CreateUser();
            var (userId, _) = await Api.CreateUser();
            var restrictedUserId = Api.UniqueId("explain-user");
            await (await Admin.PostJson("/user/new", new { user_id = restrictedUserId, models = new[] { plain } })).Expect(200);

            var teamId = Api.UniqueId("explain-team");
            await (await Admin.PostJson("/team/new", new
            {
                team_id = teamId,
                models = new[] { plain, grouped },
                max_budget = 100,
                members_with_roles = new object[] { new { user_id = adminId, role = "admin" }, new { user_id = memberId, role = "user" } },
            })).Expect(200);
            var teamModelPublicName = Api.UniqueId("explain-team-gpt");
            await Admin.AddModel(ModelApi.Body(teamModelPublicName, modelInfo: new JsonObject { ["team_id"] = teamId }));
            var projectId = (await (await Admin.PostJson("/project/new", new { team_id = teamId, project_alias = Api.UniqueId("explain-project"), models = new[] { plain } })).Expect(200))["project_id"]!.GetValue<string>();

            return new World(plain, prefix, prefixed, group, grouped, other, teamId, teamModelPublicName, adminKey, projectId, userId, memberId, restrictedUserId);
        }
    }
}
