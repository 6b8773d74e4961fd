using System.Text;

namespace ProxyAdmin.Api.FunctionalTests;

public sealed class ErrorEnvelopeTests
{
    /// <summary>What must never reach a caller: framework or service type names, exception names, stack frames.</summary>
    private static readonly string[] Leaks = ["System.", "ProxyAdmin.", "Microsoft.", "Exception", "   at ", ".cs:line", "LineNumber", "BytePosition"];

    [TestCase("{\"user_id\": \"x\",")]
    [TestCase("{user_id: 'x'}")]
    [TestCase("not json at all")]
    [TestCase("{\"user_id\": \"x\"} trailing")]
    public async Task MalformedJsonIs400ForTheBody(string json)
    {
        var body = await (await PostRaw("/user/new", json)).Expect(400);

        Assert.That(body.ErrorType(), Is.EqualTo("bad_request_error"));
        Assert.That(body.ErrorParam(), Is.Null);
        Assert.That(body["error"]!["errors"]!.AsArray().Select(e => e!["param"]!.GetValue<string>()), Is.EqualTo(new[] { "body" }));
    }

    [TestCase("/user/new", "{\"user_id\": \"x\", \"max_budget\": \"a lot\"}", "max_budget")]
    [TestCase("/user/new", "{\"user_id\": 42}", "user_id")]
    [TestCase("/user/new", "{\"models\": \"gpt-4o\"}", "models")]
    [TestCase("/user/new", "{\"metadata\": [1, 2]}", "metadata")]
    [TestCase("/user/new", "{\"user_role\": \"superuser\"}", "user_role")]
    [TestCase("/user/new", "{\"tpm_limit\": 1.5}", "tpm_limit")]
    [TestCase("/key/generate", "{\"blocked\": \"yes\"}", "blocked")]
    [TestCase("/key/generate", "{\"rpm_limit\": 1e40}", "rpm_limit")]
    [TestCase("/key/delete", "{\"keys\": \"sk-one\"}", "keys")]
    [TestCase("/user/delete", "{\"user_ids\": {\"a\": 1}}", "user_ids")]
    public async Task AWrongJsonTypeIs400NamingTheField(string path, string json, string param)
    {
        var body = await (await PostRaw(path, json)).Expect(400);

        Assert.That(body.ErrorType(), Is.EqualTo("bad_request_error"));
        Assert.That(body.ErrorParam(), Is.EqualTo(param));
        Assert.That(body["error"]!["errors"]!.AsArray().Select(e => e!["param"]!.GetValue<string>()), Does.Contain(param));
        Assert.That(body.ErrorMessage(), Does.Contain(param));
    }

    [TestCase("page=abc", "page")]
    [TestCase("page_size=ten", "page_size")]
    [TestCase("role=42.5", "role")]
    public async Task AWrongQueryTypeIs400NamingTheParameter(string query, string param)
    {
        var body = await (await Service.App.Admin().GetAsync($"/user/list?{query}")).Expect(400);

        Assert.That(body.ErrorParam(), Is.EqualTo(param));
    }

    [TestCase("")]
    [TestCase("null")]
    public async Task AMissingBodyIs400(string json)
    {
        var body = await (await PostRaw("/user/update", json)).Expect(400);

        Assert.That(body.ErrorType(), Is.EqualTo("bad_request_error"));
        Assert.That(body.ErrorMessage(), Is.EqualTo("A JSON request body is required."));
    }

    [TestCase("text/plain", "{\"user_id\": \"x\"}")]
    [TestCase("application/x-www-form-urlencoded", "user_id=x")]
    [TestCase("application/xml", "<user_id>x</user_id>")]
    public async Task ANonJsonContentTypeIs415InTheEnvelope(string contentType, string content)
    {
        var userId = Api.UniqueId("form");
        var response = await Service.App.Admin().PostAsync("/user/new", new StringContent(content.Replace("\"x\"", $"\"{userId}\"", StringComparison.Ordinal), Encoding.UTF8, contentType));

        var body = await response.Expect(415);

        Assert.That(body.ErrorMessage(), Does.Contain("application/json"));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/json"));
        await (await Service.App.Admin().GetAsync($"/user/info?user_id={userId}")).Expect(404);
    }

    [TestCase("/no/such/route")]
    [TestCase("/user/nope")]
    [TestCase("/audit/not-a-guid")]
    public async Task AnUnknownRouteIs404InTheEnvelope(string path)
    {
        var response = await Service.App.Admin().GetAsync(path);

        var body = await response.Expect(404);

        Assert.That(body.ErrorType(), Is.EqualTo("not_found_error"));
        Assert.That(body.ErrorMessage(), Does.Contain(path));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/json"));
    }

    [TestCase("GET", "/user/new")]
    [TestCase("DELETE", "/key/generate")]
    [TestCase("POST", "/user/info")]
    [TestCase("PUT", "/audit")]
    public async Task AWrongMethodIs405InTheEnvelope(string method, string path)
    {
        var response = await Service.App.Admin().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        var body = await response.Expect(405);

        Assert.That(body.ErrorType(), Is.EqualTo("method_not_allowed_error"));
        Assert.That(body.ErrorMessage(), Does.Contain(method));
    }

    [Test]
    public async Task NoErrorRevealsTypeNamesOrStackTraces()
    {
        var deepJson = "{\"metadata\": " + string.Concat(Enumerable.Repeat("{\"a\": ", 100)) + "1" + new string('}', 101);
        var admin = Service.App.Admin();
        var (_, internalKey) = await Api.CreateUser();
        var responses = new List<HttpResponseMessage>
        {
            await PostRaw("/user/new", "{\"user_id\": \"x\","),
            await PostRaw("/user/new", "{\"max_budget\": \"abc\", \"models\": [1, {\"x\": 2}]}"),
            await PostRaw("/user/new", "{\"user_role\": 7}"),
            await PostRaw("/user/new", deepJson),
            await PostRaw("/user/new", "[]"),
            await PostRaw("/user/new", "\"just a string\""),
            await PostRaw("/user/delete", "{}"),
            await PostRaw("/user/update", "{\"max_budget\": 1}"),
            await PostRaw("/user/update", ""),
            await PostRaw("/key/update", "{\"key\": null}"),
            await PostRaw("/key/generate", "{\"duration\": \"forever\", \"max_budget\": -1e308}"),
            await PostRaw("/key/generate", "{\"max_budget\": 1e400}"),
            await PostRaw("/key/delete", "{\"keys\": [null]}"),
            await admin.PostAsync("/user/new", new StringContent("x", Encoding.UTF8, "text/plain")),
            await admin.GetAsync("/user/list?page=99999999999999999999"),
            await admin.GetAsync("/audit?start_date=not-a-date&action=nope"),
            await admin.GetAsync("/audit/00000000-0000-0000-0000-000000000000"),
            await admin.GetAsync("/nowhere"),
            await admin.DeleteAsync("/user/new"),
            await admin.GetAsync($"/user/info?user_id={new string('x', 5000)}"),
            await Service.App.ClientWith(internalKey).GetAsync("/user/list"),
            await Service.App.ClientWith("sk-unknown-key-1234").GetAsync("/user/list"),
            await Service.App.ClientWith("not-even-an-sk-key").GetAsync("/user/list"),
            await Service.App.ClientWith(null).PostAsync("/user/new", null),
        };

        foreach (var response in responses)
        {
            var text = await response.Content.ReadAsStringAsync();
            var where = $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri!.PathAndQuery}";
            Assert.That((int)response.StatusCode, Is.InRange(400, 499), $"{where}: {text}");
            await response.Expect((int)response.StatusCode);
            foreach (var leak in Leaks)
            {
                Assert.That(text, Does.Not.Contain(leak), $"{where}: {text}");
            }
        }
    }

    private static Task<HttpResponseMessage> PostRaw(string path, string json) =>
        Service.App.Admin().PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
}
