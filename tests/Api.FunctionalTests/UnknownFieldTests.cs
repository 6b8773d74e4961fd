using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// A field neither LiteLLM nor ProxyAdmin knows is refused on every JSON body route with a 400 that names it, and the
/// request changes nothing: a typo such as <c>max_budgt</c> must never pass silently.
/// </summary>
public sealed class UnknownFieldTests
{
    private const string Typo = "max_budgt";

    private static HttpClient Admin => Service.App.Admin();

    private static async Task ExpectRefused(HttpMethod method, string path, JsonObject body, string field = Typo)
    {
        if (field == Typo)
        {
            body[Typo] = 1;
        }

        var response = await Admin.SendAsync(new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) });
        var error = await response.Expect(400);

        Assert.That(error.ErrorParam(), Is.EqualTo(field), error.ToJsonString());
        Assert.That(error.ErrorMessage(), Does.StartWith($"Unknown field '{field}'"));
        Assert.That(error.ErrorType(), Is.EqualTo("bad_request_error"));
        Assert.That(error.ToJsonString(), Does.Not.Contain("ProxyAdmin.").And.Not.Contain(".NET member"), "no framework or type names");
    }

    private static async Task<(string UserId, string Secret, string Hash)> NewKey(object? extra = null)
    {
        var (userId, _) = await Api.CreateUser();
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(extra ?? new { }))!.AsObject();
        body["user_id"] = userId;
        var secret = (await Api.GenerateKey(Admin, body))["key"]!.GetValue<string>();
        return (userId, secret, Api.Sha256Hex(secret));
    }

    private static async Task<JsonObject> KeyInfo(string hash) =>
        (await (await Admin.GetAsync($"/key/info?key={hash}")).Expect(200))["info"]!.AsObject();

    private static async Task<JsonObject> TeamInfo(string teamId) =>
        (await (await Admin.GetAsync($"/team/info?team_id={teamId}")).Expect(200))["team_info"]!.AsObject();

    // ---------------------------------------------------------------- keys

    [Test]
    public async Task KeyGenerate()
    {
        var alias = Api.UniqueId("typo");
        await ExpectRefused(HttpMethod.Post, "/key/generate", new JsonObject { ["key_alias"] = alias });
        var list = await (await Admin.GetAsync($"/key/list?key_alias={alias}")).Expect(200);
        Assert.That(list["total_count"]!.GetValue<int>(), Is.Zero);
    }

    [Test]
    public async Task KeyUpdate()
    {
        var (_, _, hash) = await NewKey();
        await ExpectRefused(HttpMethod.Post, "/key/update", new JsonObject { ["key"] = hash, ["key_alias"] = "changed" });
        Assert.That((await KeyInfo(hash))["key_alias"], Is.Null);
    }

    [Test]
    public async Task KeyDelete()
    {
        var (_, _, hash) = await NewKey();
        await ExpectRefused(HttpMethod.Post, "/key/delete", new JsonObject { ["keys"] = new JsonArray(hash) });
        await KeyInfo(hash);
    }

    [Test]
    public async Task KeyBlockAndUnblock()
    {
        var (_, _, hash) = await NewKey();
        await ExpectRefused(HttpMethod.Post, "/key/block", new JsonObject { ["key"] = hash });
        Assert.That((await KeyInfo(hash))["blocked"]!.GetValue<bool>(), Is.False);

        await (await Admin.PostJson("/key/block", new { key = hash })).Expect(200);
        await ExpectRefused(HttpMethod.Post, "/key/unblock", new JsonObject { ["key"] = hash });
        Assert.That((await KeyInfo(hash))["blocked"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public async Task KeyRegenerateInBothForms()
    {
        var (_, secret, hash) = await NewKey();
        await ExpectRefused(HttpMethod.Post, "/key/regenerate", new JsonObject { ["key"] = hash });
        await ExpectRefused(HttpMethod.Post, $"/key/{hash}/regenerate", []);
        await (await Service.App.ClientWith(secret).GetAsync("/key/info")).Expect(200);
    }

    [Test]
    public async Task ANestedTypoIsNamedByItsPath()
    {
        var alias = Api.UniqueId("nested");
        var body = new JsonObject { ["key_alias"] = alias, ["object_permission"] = new JsonObject { ["vector_store"] = new JsonArray("vs") } };

        await ExpectRefused(HttpMethod.Post, "/key/generate", body, "object_permission.vector_store");

        var list = await (await Admin.GetAsync($"/key/list?key_alias={alias}")).Expect(200);
        Assert.That(list["total_count"]!.GetValue<int>(), Is.Zero);
    }

    [Test]
    public async Task ATypoInsideAMemberIsRefusedToo()
    {
        var teamId = await ProjectApi.NewTeam();

        var error = await (await Admin.PostJson("/team/member_add", new JsonObject { ["team_id"] = teamId, ["member"] = new JsonObject { ["user_idd"] = "x", ["role"] = "user" } })).Expect(400);

        Assert.That(error.ErrorParam(), Does.EndWith("user_idd"), error.ToJsonString());
        Assert.That((await TeamInfo(teamId))["members"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task FreeFormMapsStayOpen()
    {
        var (_, _, hash) = await NewKey(new { metadata = new { max_budgt = 1 }, config = new { anything = new { goes = true } } });

        var info = await KeyInfo(hash);

        Assert.That(info["metadata"]!["max_budgt"]!.GetValue<int>(), Is.EqualTo(1), "metadata keys are the caller's");
        Assert.That(info["config"]!["anything"]!["goes"]!.GetValue<bool>(), Is.True);
    }

    // ---------------------------------------------------------------- teams

    [Test]
    public async Task TeamNew()
    {
        var teamId = Api.UniqueId("typo");
        await ExpectRefused(HttpMethod.Post, "/team/new", new JsonObject { ["team_id"] = teamId });
        await (await Admin.GetAsync($"/team/info?team_id={teamId}")).Expect(404);
    }

    [Test]
    public async Task TeamUpdate()
    {
        var teamId = await ProjectApi.NewTeam(new { team_alias = "before" });
        await ExpectRefused(HttpMethod.Post, "/team/update", new JsonObject { ["team_id"] = teamId, ["team_alias"] = "after" });
        Assert.That((await TeamInfo(teamId))["team_alias"]!.GetValue<string>(), Is.EqualTo("before"));
    }

    [Test]
    public async Task TeamMemberAddUpdateAndDelete()
    {
        var teamId = await ProjectApi.NewTeam();
        var (userId, _) = await Api.CreateUser();
        await ExpectRefused(HttpMethod.Post, "/team/member_add", new JsonObject { ["team_id"] = teamId, ["member"] = new JsonObject { ["user_id"] = userId, ["role"] = "user" } });
        Assert.That((await TeamInfo(teamId))["members"]!.AsArray(), Is.Empty);

        await ProjectApi.AddMember(teamId, userId, "user");
        await ExpectRefused(HttpMethod.Post, "/team/member_update", new JsonObject { ["team_id"] = teamId, ["user_id"] = userId, ["role"] = "admin" });
        await ExpectRefused(HttpMethod.Post, "/team/member_delete", new JsonObject { ["team_id"] = teamId, ["user_id"] = userId });
        var team = await TeamInfo(teamId);
        Assert.That(team["members"]!.AsArray().Select(m => m!.GetValue<string>()), Is.EqualTo(new[] { userId }), "still a member, still a user");
    }

    [Test]
    public async Task TeamModelAddAndDelete()
    {
        var teamId = await ProjectApi.NewTeam(new { models = new[] { "gpt-4o" } });
        await ExpectRefused(HttpMethod.Post, "/team/model/add", new JsonObject { ["team_id"] = teamId, ["models"] = new JsonArray("claude-3") });
        await ExpectRefused(HttpMethod.Post, "/team/model/delete", new JsonObject { ["team_id"] = teamId, ["models"] = new JsonArray("gpt-4o") });
        Assert.That((await TeamInfo(teamId))["models"]!.ToJsonString(), Is.EqualTo("""["gpt-4o"]"""));
    }

    [Test]
    public async Task TeamBlockUnblockAndDelete()
    {
        var teamId = await ProjectApi.NewTeam();
        await ExpectRefused(HttpMethod.Post, "/team/block", new JsonObject { ["team_id"] = teamId });
        Assert.That((await TeamInfo(teamId))["blocked"]!.GetValue<bool>(), Is.False);

        await (await Admin.PostJson("/team/block", new { team_id = teamId })).Expect(200);
        await ExpectRefused(HttpMethod.Post, "/team/unblock", new JsonObject { ["team_id"] = teamId });
        await ExpectRefused(HttpMethod.Post, "/team/delete", new JsonObject { ["team_ids"] = new JsonArray(teamId) });
        Assert.That((await TeamInfo(teamId))["blocked"]!.GetValue<bool>(), Is.True);
    }

    // ---------------------------------------------------------------- projects

    [Test]
    public async Task ProjectNewUpdateAndDelete()
    {
        var teamId = await ProjectApi.NewTeam();
        var projectId = Api.UniqueId("typo");
        await ExpectRefused(HttpMethod.Post, "/project/new", new JsonObject { ["team_id"] = teamId, ["project_id"] = projectId });
        await ProjectApi.ExpectMissing(projectId);

        var existing = await ProjectApi.NewProjectId(teamId);
        await ExpectRefused(HttpMethod.Post, "/project/update", new JsonObject { ["project_id"] = existing, ["project_alias"] = "changed" });
        await ExpectRefused(HttpMethod.Delete, "/project/delete", new JsonObject { ["project_ids"] = new JsonArray(existing) });
        Assert.That((await ProjectApi.Info(existing))["project_alias"], Is.Null);
    }

    // ---------------------------------------------------------------- models

    [Test]
    public async Task ModelNewUpdatePatchAndDelete()
    {
        var modelId = Api.UniqueId("typo-model");
        var body = ModelApi.Body("typo-model", modelInfo: new JsonObject { ["id"] = modelId });
        await ExpectRefused(HttpMethod.Post, "/model/new", body);
        await (await Admin.GetAsync($"/model/info?litellm_model_id={modelId}")).Expect(404);

        var existing = ModelApi.Id(await Admin.AddModel(ModelApi.Body(Api.UniqueId("model"))));
        await ExpectRefused(HttpMethod.Post, "/model/update", new JsonObject { ["model_info"] = new JsonObject { ["id"] = existing }, ["model_name"] = "renamed" });
        await ExpectRefused(HttpMethod.Patch, $"/model/{existing}/update", new JsonObject { ["model_name"] = "renamed" });
        await ExpectRefused(HttpMethod.Post, "/model/delete", new JsonObject { ["id"] = existing });
        var info = await (await Admin.GetAsync($"/model/info?litellm_model_id={existing}")).Expect(200);
        Assert.That(info.ToJsonString(), Does.Not.Contain("renamed"));
    }

    // ---------------------------------------------------------------- users

    [Test]
    public async Task UserNewUpdateAndDelete()
    {
        var userId = Api.UniqueId("typo");
        await ExpectRefused(HttpMethod.Post, "/user/new", new JsonObject { ["user_id"] = userId });
        await (await Admin.GetAsync($"/user/info?user_id={userId}")).Expect(404);

        var (existing, _) = await Api.CreateUser();
        await ExpectRefused(HttpMethod.Post, "/user/update", new JsonObject { ["user_id"] = existing, ["user_alias"] = "changed" });
        await ExpectRefused(HttpMethod.Post, "/user/delete", new JsonObject { ["user_ids"] = new JsonArray(existing) });
        var user = await (await Admin.GetAsync($"/user/info?user_id={existing}")).Expect(200);
        Assert.That(user["user_info"]!["user_alias"], Is.Null);
    }

    [Test]
    public async Task TheLiteLlmFieldsUserRoutesDoNotStoreYetAreAcceptedNotRefused()
    {
        var userId = Api.UniqueId("litellm");

        await (await Admin.PostJson("/user/new", new { user_id = userId, send_invite_email = false, aliases = new { a = "b" }, teams = new[] { "x" } })).Expect(200);
        await (await Admin.PostJson("/user/update", new { user_id = userId, config = new { } , spend = 0 })).Expect(200);
    }

    // ---------------------------------------------------------------- the document

    [Test]
    public async Task TheDocumentSaysEveryRequestBodyRefusesUnknownFields()
    {
        var document = (await (await Admin.GetAsync("/openapi.json")).Expect(200)).AsObject();
        var schemas = document["components"]!["schemas"]!.AsObject();
        var bodies = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(op => (Name: $"{op.Key} {path.Key}", Body: op.Value!["requestBody"])))
            .Where(op => op.Body is not null)
            .ToList();

        Assert.That(bodies, Has.Count.GreaterThanOrEqualTo(27), "every JSON body route");
        foreach (var (name, body) in bodies)
        {
            var reference = body!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>();
            foreach (var part in Parts(schemas, reference.Split('/')[^1]))
            {
                Assert.That(part["additionalProperties"]?.GetValue<bool>(), Is.False, $"{name}: {part["description"]}");
            }
        }

        var createUser = schemas["CreateUserCommand"]!["properties"]!.AsObject();
        Assert.That(createUser.ContainsKey("send_invite_email") && createUser.ContainsKey("teams"), Is.True, "accepted LiteLLM fields are documented");
    }

    /// <summary>The object schemas a request body is made of: the schema and the bases of its <c>allOf</c>, nested objects included.</summary>
    private static IEnumerable<JsonObject> Parts(JsonObject schemas, string name, HashSet<string>? seen = null)
    {
        seen ??= [];
        if (!seen.Add(name))
        {
            yield break;
        }

        var schema = schemas[name]!.AsObject();
        var parts = schema["allOf"]?.AsArray().Select(p => p!.AsObject()).ToList() ?? [schema];
        foreach (var part in parts)
        {
            if (part["$ref"] is { } reference)
            {
                foreach (var inner in Parts(schemas, reference.GetValue<string>().Split('/')[^1], seen))
                {
                    yield return inner;
                }

                continue;
            }

            yield return part;
            foreach (var property in part["properties"]?.AsObject() ?? [])
            {
                var nested = property.Value?["$ref"] ?? property.Value?["items"]?["$ref"] ?? property.Value?["oneOf"]?[0]?["$ref"];
                if (nested is not null && schemas[nested.GetValue<string>().Split('/')[^1]]?["enum"] is null)
                {
                    foreach (var inner in Parts(schemas, nested.GetValue<string>().Split('/')[^1], seen))
                    {
                        yield return inner;
                    }
                }
            }
        }
    }
}
