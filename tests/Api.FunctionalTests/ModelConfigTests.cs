using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Hosting;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>A service instance of its own, configured through the settings an operator would set.</summary>
internal sealed class ConfiguredProxyAdminApp(IReadOnlyDictionary<string, string> settings) : ProxyAdminApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (name, value) in settings)
        {
            builder.UseSetting(name, value);
        }
    }

    public async Task<long> CountRows(string sql) => (long)(await Database.Scalar(sql))!;
}

internal static class ConfigFiles
{
    public const string ConfigSecret = "sk-config-file-provider-secret-CF01";
    public const string ConfigAwsSecret = "aws-config-file-secret-abcdef-CF02";

    /// <summary>Two config models: one with an id and a team-free public name, one without an id (it gets a stable one).</summary>
    public static string Write()
    {
        var path = Path.Combine(Path.GetTempPath(), $"proxyadmin-models-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, $"""
            model_list:
              - model_name: cfg-gpt
                litellm_params:
                  model: openai/gpt-4o-mini
                  api_key: {ConfigSecret}
                  api_base: https://config.example.test/v1
                  rpm: 60
                  tpm: 6000
                model_info:
                  id: cfg-gpt-1
                  mode: chat
                  owner: platform
              - model_name: cfg-bedrock
                litellm_params:
                  model: bedrock/anthropic.claude-3
                  aws_secret_access_key: "{ConfigAwsSecret}"
                  aws_region_name: eu-west-1
            """);
        return path;
    }
}

/// <summary>Config models (<c>ProxyAdmin__ConfigFile</c>) beside DB models, and the model-added webhook.</summary>
[NonParallelizable]
public sealed class ConfigModelFixtureTests
{
    private readonly Channel<JsonObject> _webhookCalls = Channel.CreateUnbounded<JsonObject>();
    private string _configFile = null!;
    private HttpListener _listener = null!;
    private ConfiguredProxyAdminApp _app = null!;
    private string _dbModelId = null!;

    private HttpClient Admin => _app.Admin();

    [OneTimeSetUp]
    public async Task Start()
    {
        _configFile = ConfigFiles.Write();
        var port = FreePort();
        _listener = new HttpListener();
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/hook/");
        _listener.Start();
        _ = Task.Run(ReceiveWebhooks);

        _app = new ConfiguredProxyAdminApp(new Dictionary<string, string>
        {
            ["ProxyAdmin:ConfigFile"] = _configFile,
            ["ProxyAdmin:Alerting:WebhookUrl"] = $"http://127.0.0.1:{port}/hook/",
        });
        _dbModelId = (await (await Admin.PostJson("/model/new", new { model_name = "db-beside-config", litellm_params = new { model = "openai/gpt-4o", rpm = 5 } })).Expect(200))["model_id"]!.GetValue<string>();
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _app?.Dispose();
        _listener?.Close();
        File.Delete(_configFile);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>Records every call and answers 500, so the service sees its webhook fail.</summary>
    private async Task ReceiveWebhooks()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using (var reader = new StreamReader(context.Request.InputStream))
            {
                var body = JsonNode.Parse(await reader.ReadToEndAsync()) as JsonObject ?? [];
                body["__method"] = context.Request.HttpMethod;
                await _webhookCalls.Writer.WriteAsync(body);
            }

            context.Response.StatusCode = 500;
            context.Response.Close();
        }
    }

    private static string IdOf(JsonNode model) => model["model_id"]!.GetValue<string>();

    [Test]
    public async Task ConfigModelsAreListedWithDbModelsOnEveryReadRoute()
    {
        var info = (await (await Admin.GetAsync("/model/info")).Expect(200))["data"]!.AsArray().Select(m => m!).ToList();
        var v1 = (await (await Admin.GetAsync("/v1/model/info")).Expect(200))["data"]!.AsArray().Select(m => m!).ToList();

        Assert.That(info.Select(m => m.Name()), Is.SupersetOf(new[] { "cfg-gpt", "cfg-bedrock", "db-beside-config" }));
        Assert.That(v1.Select(IdOf), Is.EqualTo(info.Select(IdOf)));
        var cfg = info.Single(m => m.Name() == "cfg-gpt");
        var bedrock = info.Single(m => m.Name() == "cfg-bedrock");
        Assert.Multiple(() =>
        {
            Assert.That(IdOf(cfg), Is.EqualTo("cfg-gpt-1"));
            Assert.That(cfg["model_info"]!["db_model"]!.GetValue<bool>(), Is.False);
            Assert.That(cfg["model_info"]!["id"]!.GetValue<string>(), Is.EqualTo("cfg-gpt-1"));
            Assert.That(cfg["model_info"]!["owner"]!.GetValue<string>(), Is.EqualTo("platform"));
            Assert.That(cfg["litellm_params"]!["api_base"]!.GetValue<string>(), Is.EqualTo("https://config.example.test/v1"));
            ModelApi.AssertMasked(cfg["litellm_params"]!["api_key"], ConfigFiles.ConfigSecret, "config api_key");
            ModelApi.AssertMasked(bedrock["litellm_params"]!["aws_secret_access_key"], ConfigFiles.ConfigAwsSecret, "config aws_secret_access_key");
            Assert.That(IdOf(bedrock), Does.Match("^[0-9a-f]{32}$"), "an id-less config model gets a stable id");
            Assert.That(bedrock["model_info"]!["db_model"]!.GetValue<bool>(), Is.False);
            Assert.That(info.Single(m => m.Name() == "db-beside-config")["model_info"]!["db_model"]!.GetValue<bool>(), Is.True);
        });

        var byId = (await (await Admin.GetAsync($"/model/info?litellm_model_id={IdOf(bedrock)}")).Expect(200))["data"]!.AsArray().Single()!;
        Assert.That(byId.ToJsonString(), Is.EqualTo(bedrock.ToJsonString()));

        var paged = await (await Admin.GetAsync("/v2/model/info?size=1")).Expect(200);
        Assert.That(paged["total_count"]!.GetValue<int>(), Is.EqualTo(info.Count), "config and DB models are counted together");
        var allPages = new List<string>();
        for (var page = 1; page <= paged["total_pages"]!.GetValue<int>(); page++)
        {
            allPages.AddRange((await (await Admin.GetAsync($"/v2/model/info?size=1&page={page}")).Expect(200))["data"]!.AsArray().Select(m => IdOf(m!)));
        }

        Assert.That(allPages, Is.EquivalentTo(info.Select(IdOf)), "paging walks config and DB models once each");
        var searched = await (await Admin.GetAsync("/v2/model/info?search=cfg-")).Expect(200);
        Assert.That(searched["data"]!.AsArray().Select(m => m!.Name()), Is.EquivalentTo(new[] { "cfg-gpt", "cfg-bedrock" }));

        var openAi = (await (await Admin.GetAsync("/v1/models")).Expect(200))["data"]!.AsArray().Select(m => m!["id"]!.GetValue<string>());
        Assert.That(openAi, Is.SupersetOf(new[] { "cfg-gpt", "cfg-bedrock", "db-beside-config" }));
        var groups = (await (await Admin.GetAsync("/model_group/info")).Expect(200))["data"]!.AsArray();
        var group = groups.Single(g => g!["model_group"]!.GetValue<string>() == "cfg-gpt")!;
        Assert.That((group["rpm"]!.GetValue<long>(), group["tpm"]!.GetValue<long>()), Is.EqualTo((60L, 6000L)));
        Assert.That(groups.Single(g => g!["model_group"]!.GetValue<string>() == "cfg-bedrock")!["providers"].Strings(), Is.EqualTo(new[] { "bedrock" }));
    }

    [Test]
    public async Task ConfigModelsAreReadOnlyAndNeverStored()
    {
        var update = await (await Admin.PostJson("/model/update", new { model_info = new { id = "cfg-gpt-1" }, litellm_params = new { rpm = 1 } })).Expect(400);
        Assert.That(update.ErrorMessage(), Is.EqualTo("Cannot edit config-based model. Store model in DB via /model/new first."));
        var delete = await (await Admin.PostJson("/model/delete", new { id = "cfg-gpt-1" })).Expect(400);
        Assert.That(delete.ErrorMessage(), Does.Contain("config"));
        var patch = await (await Admin.PatchModel("cfg-gpt-1", new JsonObject { ["blocked"] = true })).Expect(400);
        Assert.That(patch.ErrorMessage(), Is.EqualTo("Cannot edit config-based model. Store model in DB via /model/new first."));

        Assert.That(await _app.CountRows("""SELECT COUNT(*) FROM "ModelDeployments" WHERE "ModelName" LIKE 'cfg-%'"""), Is.EqualTo(0));
        var cfg = (await (await Admin.GetAsync("/model/info?litellm_model_id=cfg-gpt-1")).Expect(200))["data"]!.AsArray().Single()!;
        Assert.That(cfg["litellm_params"]!["rpm"]!.GetValue<int>(), Is.EqualTo(60), "nothing changed");
    }

    [Test]
    public async Task ANonAdminSeesTheConfigModelsItsKeyAllows()
    {
        var userId = Api.UniqueId("cfg-user");
        await (await Admin.PostJson("/user/new", new { user_id = userId, user_role = "internal_user" })).Expect(200);
        var key = (await (await Admin.PostJson("/key/generate", new { user_id = userId, models = new[] { "cfg-gpt", "db-beside-config" } })).Expect(200))["key"]!.GetValue<string>();
        var client = _app.ClientWith(key);

        var names = (await (await client.GetAsync("/model/info")).Expect(200))["data"]!.AsArray().Select(m => m!.Name());

        Assert.That(names, Is.EquivalentTo(new[] { "cfg-gpt", "db-beside-config" }));
        await (await client.GetAsync("/model/info?litellm_model_id=cfg-gpt-1")).Expect(200);
        var hiddenId = (await (await Admin.GetAsync("/v2/model/info?search=cfg-bedrock")).Expect(200))["data"]![0]!["model_id"]!.GetValue<string>();
        await (await client.GetAsync($"/model/info?litellm_model_id={hiddenId}")).Expect(404);
    }

    [Test]
    public async Task TheWebhookIsCalledAfterAModelIsAddedAndItsFailureNeverFailsTheRequest()
    {
        const string secret = "sk-webhook-must-not-see-this-WH01";
        await (await Admin.PostJson("/model/new", new { model_name = "dup", litellm_params = new { model = "openai/x" }, model_info = new { id = _dbModelId } })).Expect(409);

        var created = await (await Admin.PostJson("/model/new", new { model_name = "announced", litellm_params = new { model = "openai/gpt-4o", api_key = secret } })).Expect(200);

        var calls = new List<JsonObject>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!calls.Any(c => c["model_id"]?.GetValue<string>() == IdOf(created)))
        {
            calls.Add(await _webhookCalls.Reader.ReadAsync(timeout.Token));
        }

        var call = calls.Single(c => c["model_id"]?.GetValue<string>() == IdOf(created));
        Assert.Multiple(() =>
        {
            Assert.That(call["__method"]!.GetValue<string>(), Is.EqualTo("POST"));
            Assert.That(call["event"]!.GetValue<string>(), Is.EqualTo("model_added"));
            Assert.That(call["model_name"]!.GetValue<string>(), Is.EqualTo("announced"));
            Assert.That(calls.Count(c => c["model_id"]?.GetValue<string>() == _dbModelId), Is.LessThanOrEqualTo(1), "a refused create with an existing id announces nothing");
        });
        ModelApi.AssertNoSecret(call.ToJsonString(), secret, "the webhook payload");

        // The webhook answered 500; the model is there all the same.
        await (await Admin.GetAsync($"/model/info?litellm_model_id={IdOf(created)}")).Expect(200);
    }
}

/// <summary><c>ProxyAdmin__StoreModelInDb=false</c>: every model write is refused, reads still serve the config models.</summary>
[NonParallelizable]
public sealed class StoreModelInDbOffTests
{
    private string _configFile = null!;
    private ConfiguredProxyAdminApp _app = null!;

    private HttpClient Admin => _app.Admin();

    [OneTimeSetUp]
    public void Start()
    {
        _configFile = ConfigFiles.Write();
        _app = new ConfiguredProxyAdminApp(new Dictionary<string, string>
        {
            ["ProxyAdmin:ConfigFile"] = _configFile,
            ["ProxyAdmin:StoreModelInDb"] = "false",
        });
        _ = _app.Server;
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _app?.Dispose();
        File.Delete(_configFile);
    }

    [Test]
    public async Task EveryModelWriteIsRefusedWithA400()
    {
        var create = await (await Admin.PostJson("/model/new", new { model_name = "nope", litellm_params = new { model = "openai/gpt-4o" } })).Expect(400);
        Assert.That(create.ErrorMessage(), Is.EqualTo("Model writes are disabled: ProxyAdmin__StoreModelInDb is false, so only config models exist."));
        var patch = await (await Admin.PatchModel("cfg-gpt-1", new JsonObject { ["model_name"] = "x" })).Expect(400);
        Assert.That(patch.ErrorMessage(), Does.StartWith("Model updates only supported for DB-stored models"));
        await (await Admin.PatchModel("no-such-model", new JsonObject { ["model_name"] = "x" })).Expect(400);
        var update = await (await Admin.PostJson("/model/update", new { model_info = new { id = "cfg-gpt-1" }, litellm_params = new { rpm = 1 } })).Expect(400);
        Assert.That(update.ErrorMessage(), Does.StartWith("Model updates only supported for DB-stored models"));
        var delete = await (await Admin.PostJson("/model/delete", new { id = "cfg-gpt-1" })).Expect(400);
        Assert.That(delete.ErrorMessage(), Does.StartWith("Model writes are disabled"));

        Assert.That(await _app.CountRows("""SELECT COUNT(*) FROM "ModelDeployments" """), Is.EqualTo(0));
        Assert.That(await _app.CountRows("""SELECT COUNT(*) FROM "AuditLogs" WHERE "TableName" = 'LiteLLM_ProxyModelTable'"""), Is.EqualTo(0));
    }

    [Test]
    public async Task ReadsStillServeTheConfigModels()
    {
        var info = (await (await Admin.GetAsync("/model/info")).Expect(200))["data"]!.AsArray();
        Assert.That(info.Select(m => m!.Name()), Is.EquivalentTo(new[] { "cfg-gpt", "cfg-bedrock" }));
        Assert.That(info.All(m => m!["model_info"]!["db_model"]!.GetValue<bool>() == false), Is.True);
        var openAi = (await (await Admin.GetAsync("/models")).Expect(200))["data"]!.AsArray().Select(m => m!["id"]!.GetValue<string>());
        Assert.That(openAi, Is.EquivalentTo(new[] { "cfg-bedrock", "cfg-gpt" }));
        var paged = await (await Admin.GetAsync("/v2/model/info")).Expect(200);
        Assert.That(paged["total_count"]!.GetValue<int>(), Is.EqualTo(2));
    }
}
