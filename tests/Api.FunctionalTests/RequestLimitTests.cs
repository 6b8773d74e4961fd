using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using ProxyAdmin.Api.Http;
using ProxyAdmin.Application.Common.Validation;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// How large a request may be, through the test server: the body (1 MiB by default, configurable), whether its length
/// is announced or not, and within it each free-form JSON value (64 KiB) and each list of members (1,000). Every
/// refusal is in the envelope, names the limit or the field, and stores nothing. The same limits through Kestrel, and
/// the URL and header limits, are in <see cref="TransportLimitTests"/>.
/// </summary>
public sealed class RequestLimitTests
{
    private const int SmallLimit = 4096;

    private ProxyAdminApp _small = null!;

    [OneTimeSetUp]
    public void StartAServiceWithASmallBodyLimit()
    {
        _small = new ProxyAdminApp(new Dictionary<string, string?> { ["ProxyAdmin:Limits:MaxRequestBodyBytes"] = SmallLimit.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        _ = _small.Server;
    }

    [OneTimeTearDown]
    public void Stop() => _small.Dispose();

    [TestCase(true)]
    [TestCase(false)]
    public async Task ABodyOverTheDefaultLimitIs413NamingItAndStoresNothing(bool announced)
    {
        var userId = Api.UniqueId("big");
        var body = UserWithBlob(userId, (int)RequestLimits.DefaultMaxRequestBodyBytes);

        var error = await (await Client(Service.App, announced).PostAsync("/user/new", Content(body, announced))).Expect(413);

        Assert.That(error.ErrorType(), Is.EqualTo("bad_request_error"));
        Assert.That(error.ErrorParam(), Is.Null);
        Assert.That(error.ErrorMessage(), Is.EqualTo("The request body is larger than the 1,048,576 bytes this service accepts."));
        await (await Service.App.Admin().GetAsync($"/user/info?user_id={userId}")).Expect(404);
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task TheLimitIsConfigurable(bool announced)
    {
        var refused = Api.UniqueId("big");
        var accepted = Api.UniqueId("small");

        var error = await (await Client(_small, announced).PostAsync("/user/new", Content(UserWithBlob(refused, SmallLimit), announced))).Expect(413);
        await (await Client(_small, announced).PostAsync("/user/new", Content(UserWithBlob(accepted, SmallLimit - 200), announced))).Expect(200);

        Assert.That(error.ErrorMessage(), Does.Contain("4,096 bytes"));
        await (await _small.Admin().GetAsync($"/user/info?user_id={refused}")).Expect(404);
        await (await _small.Admin().GetAsync($"/user/info?user_id={accepted}")).Expect(200);
    }

    /// <summary>The body is refused before authentication: a caller without a key learns nothing more, and costs no key lookup.</summary>
    [Test]
    public async Task AnOversizedBodyIsRefusedBeforeTheKeyIsLookedAt()
    {
        var response = await _small.ClientWith("sk-not-a-key").PostAsync("/user/new", Content(UserWithBlob("x", SmallLimit), announced: true));

        await response.Expect(413);
    }

    [TestCase("")]
    [TestCase("1048576")]
    [TestCase(" 2048 ")]
    public void AValidSettingIsRead(string value)
    {
        var limits = RequestLimits.Read(Configuration(value));

        Assert.That(limits.MaxRequestBodyBytes, Is.EqualTo(value.Trim().Length == 0 ? RequestLimits.DefaultMaxRequestBodyBytes : long.Parse(value.Trim(), System.Globalization.CultureInfo.InvariantCulture)));
    }

    [TestCase("0")]
    [TestCase("-1")]
    [TestCase("1MB")]
    [TestCase("1e6")]
    [TestCase("1073741825")]
    public void AnInvalidSettingStopsTheStart(string value)
    {
        var refusal = Assert.Throws<InvalidOperationException>(() => RequestLimits.Read(Configuration(value)));

        Assert.That(refusal!.Message, Does.Contain(RequestLimits.BodySettingName));
    }

    [TestCase("/user/new", "metadata")]
    [TestCase("/team/new", "metadata")]
    [TestCase("/team/new", "router_settings")]
    [TestCase("/key/generate", "config")]
    [TestCase("/key/generate", "model_max_budget")]
    [TestCase("/organization/new", "metadata")]
    public async Task AFreeFormValueOverItsBoundIs400NamingTheField(string route, string field)
    {
        var id = Api.UniqueId("bound");
        var body = route switch
        {
            "/user/new" => new JsonObject { ["user_id"] = id },
            "/team/new" => new JsonObject { ["team_id"] = id },
            "/organization/new" => new JsonObject { ["organization_id"] = id, ["organization_alias"] = id },
            _ => new JsonObject { ["key_alias"] = id },
        };
        body[field] = field == "model_max_budget" ? ModelBudgets(RequestBounds.MaxJsonBytes) : Blob(RequestBounds.MaxJsonBytes + 1);

        var error = await (await Service.App.Admin().PostJson(route, body)).Expect(400);

        Assert.That(error.ErrorParam(), Is.EqualTo(field));
        Assert.That(error.ErrorMessage(), Does.StartWith($"'{field}' must be at most 65,536 bytes as JSON"));
        await ExpectNothingStored(route, id);
    }

    [Test]
    public async Task AFreeFormValueAtItsBoundIsStored()
    {
        var userId = Api.UniqueId("bound");
        var metadata = Blob(RequestBounds.MaxJsonBytes);

        await (await Service.App.Admin().PostJson("/user/new", new JsonObject { ["user_id"] = userId, ["metadata"] = metadata })).Expect(200);

        var stored = await (await Service.App.Admin().GetAsync($"/user/info?user_id={userId}")).Expect(200);
        Assert.That(stored["user_info"]!["metadata"]!.ToJsonString(), Has.Length.EqualTo(RequestBounds.MaxJsonBytes));
    }

    [TestCase("litellm_params")]
    [TestCase("model_info")]
    public async Task AModelsParametersAndInfoAreBoundedOnEveryWrite(string field)
    {
        var name = Api.UniqueId("bounded-model");
        var oversized = Blob(RequestBounds.MaxJsonBytes + 1);
        var create = ModelApi.Body(name);
        if (field == "litellm_params")
        {
            oversized["model"] = "openai/gpt-4o";
        }

        create[field] = oversized.DeepClone();

        var created = await (await ModelApi.Admin.PostJson("/model/new", create)).Expect(400);
        var model = await ModelApi.Admin.AddModel(ModelApi.Body(name));
        var patched = await (await ModelApi.Admin.PatchModel(model.Id(), new JsonObject { [field] = oversized.DeepClone() })).Expect(400);
        var updateBody = new JsonObject { ["model_info"] = new JsonObject { ["id"] = model.Id() } };
        updateBody[field] = field == "model_info" ? WithId(oversized, model.Id()) : oversized.DeepClone();
        var updated = await (await ModelApi.Admin.PostJson("/model/update", updateBody)).Expect(400);

        Assert.That(new[] { created, patched, updated }.Select(e => e.ErrorParam()), Has.All.EqualTo(field));
        var stored = await (await ModelApi.Admin.GetAsync($"/model/info?litellm_model_id={Uri.EscapeDataString(model.Id())}")).Expect(200);
        Assert.That(stored.ToJsonString(), Does.Not.Contain("xxxxxxxxxx"), "neither update changed the model");
    }

    [Test]
    public async Task ACredentialsValuesAreBounded()
    {
        var name = Api.UniqueId("bounded-credential");

        var error = await (await Service.App.Admin().PostJson("/credentials", new JsonObject { ["credential_name"] = name, ["credential_values"] = Blob(RequestBounds.MaxJsonBytes + 1) })).Expect(400);

        Assert.That(error.ErrorParam(), Is.EqualTo("credential_values"));
        await (await Service.App.Admin().GetAsync($"/credentials/by_name/{name}")).Expect(404);
    }

    [Test]
    public async Task ATeamCreatedWithTooManyMembersIsRefusedWhole()
    {
        var teamId = Api.UniqueId("crowd");
        var firstMember = Api.UniqueId("member");
        var members = new JsonArray([.. Enumerable.Range(0, RequestBounds.MaxMembers + 1).Select(i => (JsonNode)new JsonObject { ["user_id"] = i == 0 ? firstMember : $"{firstMember}-{i}" })]);

        var error = await (await Service.App.Admin().PostJson("/team/new", new JsonObject { ["team_id"] = teamId, ["members_with_roles"] = members })).Expect(400);

        Assert.That(error.ErrorParam(), Is.EqualTo("members_with_roles"));
        Assert.That(error.ErrorMessage(), Does.Contain("1,000"));
        await (await Service.App.Admin().GetAsync($"/team/info?team_id={teamId}")).Expect(404);
        await (await Service.App.Admin().GetAsync($"/user/info?user_id={firstMember}")).Expect(404);
    }

    [TestCase("/team/member_add")]
    [TestCase("/organization/member_add")]
    public async Task AddingTooManyMembersAtOnceIsRefusedWhole(string route)
    {
        var firstMember = Api.UniqueId("member");
        var members = new JsonArray([.. Enumerable.Range(0, RequestBounds.MaxMembers + 1).Select(i => (JsonNode)new JsonObject { ["user_id"] = $"{firstMember}-{i}", ["role"] = route == "/team/member_add" ? "user" : "internal_user" })]);
        var body = route == "/team/member_add"
            ? new JsonObject { ["team_id"] = await ModelApi.NewTeam() }
            : new JsonObject { ["organization_id"] = OrganizationApi.OrgId(await OrganizationApi.NewOrganization()) };
        body["member"] = members;

        var error = await (await Service.App.Admin().PostJson(route, body)).Expect(400);

        Assert.That(error.ErrorParam(), Is.EqualTo("member"));
        await (await Service.App.Admin().GetAsync($"/user/info?user_id={firstMember}-0")).Expect(404);
    }

    private static async Task ExpectNothingStored(string route, string id)
    {
        var admin = Service.App.Admin();
        switch (route)
        {
            case "/user/new":
                await (await admin.GetAsync($"/user/info?user_id={id}")).Expect(404);
                break;
            case "/team/new":
                await (await admin.GetAsync($"/team/info?team_id={id}")).Expect(404);
                break;
            case "/organization/new":
                await (await admin.GetAsync($"/organization/info?organization_id={id}")).Expect(404);
                break;
            default:
                var keys = await (await admin.GetAsync($"/key/list?key_alias={id}")).Expect(200);
                Assert.That(keys["total_count"]!.GetValue<int>(), Is.Zero);
                break;
        }
    }

    /// <summary>A <c>/user/new</c> body one byte longer than <paramref name="bodyBytes"/>.</summary>
    private static byte[] UserWithBlob(string userId, int bodyBytes)
    {
        var empty = Encoding.UTF8.GetByteCount(new JsonObject { ["user_id"] = userId, ["metadata"] = new JsonObject { ["blob"] = string.Empty } }.ToJsonString());
        var body = new JsonObject { ["user_id"] = userId, ["metadata"] = new JsonObject { ["blob"] = new string('x', Math.Max(0, bodyBytes - empty + 1)) } };
        return Encoding.UTF8.GetBytes(body.ToJsonString());
    }

    /// <summary>An object exactly <paramref name="bytes"/> long as compact JSON: <c>{"blob":"xxx…"}</c>.</summary>
    private static JsonObject Blob(int bytes) => new() { ["blob"] = new string('x', bytes - "{\"blob\":\"\"}".Length) };

    private static JsonObject WithId(JsonObject info, string id)
    {
        var copy = info.DeepClone().AsObject();
        copy["id"] = id;
        return copy;
    }

    /// <summary>Valid per-model budgets, more than <paramref name="bytes"/> long as JSON.</summary>
    private static JsonObject ModelBudgets(int bytes)
    {
        var budgets = new JsonObject();
        for (var i = 0; budgets.ToJsonString().Length <= bytes; i++)
        {
            budgets[$"model-{i:D6}"] = 1.5;
        }

        return budgets;
    }

    /// <summary>
    /// An admin client; one that sends a body without announcing its length must not follow redirects, since the
    /// redirect handler buffers every body it sends (to send it again) and so announces its length.
    /// </summary>
    private static HttpClient Client(ProxyAdminApp app, bool announced) =>
        announced ? app.Admin() : app.ClientWith(ProxyAdminApp.MasterKey, followRedirects: false);

    private static HttpContent Content(byte[] body, bool announced)
    {
        HttpContent content = announced ? new ByteArrayContent(body) : new UnannouncedContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static IConfiguration Configuration(string value) =>
        new ConfigurationBuilder().AddInMemoryCollection([new KeyValuePair<string, string?>("ProxyAdmin:Limits:MaxRequestBodyBytes", value)]).Build();

    /// <summary>A body sent without a <c>Content-Length</c> (chunked on a socket): its size is known only once read.</summary>
    private sealed class UnannouncedContent(byte[] body) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(body).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
