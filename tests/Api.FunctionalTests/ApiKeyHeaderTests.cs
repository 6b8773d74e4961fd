namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// Every header LiteLLM takes a key from works over HTTP, and when several are sent the one LiteLLM reads wins:
/// <c>/user/list</c> answers 200 to the master key and 403 to a plain user's key, so its status tells which key acted.
/// </summary>
public sealed class ApiKeyHeaderTests
{
    private static string _userKey = string.Empty;

    [OneTimeSetUp]
    public async Task CreateAPlainUser() => (_, _userKey) = await Api.CreateUser();

    [TestCase("x-litellm-api-key", "Bearer ")]
    [TestCase("x-litellm-api-key", "")]
    [TestCase("Authorization", "Bearer ")]
    [TestCase("Authorization", "bearer ")]
    [TestCase("api-key", "")]
    [TestCase("x-api-key", "")]
    [TestCase("x-goog-api-key", "")]
    [TestCase("Ocp-Apim-Subscription-Key", "")]
    public async Task EachHeaderAuthenticatesTheMasterKey(string header, string prefix)
    {
        var response = await Send("/user/list", (header, prefix + ProxyAdminApp.MasterKey));

        await response.Expect(200);
    }

    [TestCase("x-litellm-api-key")]
    [TestCase("api-key")]
    [TestCase("x-api-key")]
    [TestCase("x-goog-api-key")]
    [TestCase("Ocp-Apim-Subscription-Key")]
    public async Task EachHeaderAuthenticatesAVirtualKeyAsItsUser(string header)
    {
        var (userId, key) = await Api.CreateUser();

        var info = await (await Send("/key/info", (header, key))).Expect(200);
        var refused = await (await Send("/user/list", (header, key))).Expect(403);

        Assert.That(info["info"]!["user_id"]!.GetValue<string>(), Is.EqualTo(userId));
        Assert.That(refused.ErrorType(), Is.EqualTo("permission_denied_error"));
    }

    [TestCase("api-key")]
    [TestCase("x-api-key")]
    [TestCase("x-goog-api-key")]
    [TestCase("Ocp-Apim-Subscription-Key")]
    public async Task TheBareKeyHeadersDoNotStripABearerPrefix(string header)
    {
        var body = await (await Send("/user/list", (header, "Bearer " + ProxyAdminApp.MasterKey))).Expect(401);

        Assert.That(body.ErrorType(), Is.EqualTo("auth_error"));
    }

    [Test]
    public async Task TheLiteLlmHeaderWinsOverAuthorization()
    {
        await (await Send("/user/list", ("x-litellm-api-key", _userKey), ("Authorization", "Bearer " + ProxyAdminApp.MasterKey))).Expect(403);
        await (await Send("/user/list", ("x-litellm-api-key", ProxyAdminApp.MasterKey), ("Authorization", "Bearer " + _userKey))).Expect(200);
    }

    [Test]
    public async Task TheLiteLlmHeaderIsUsedEvenWhenAuthorizationIsMalformed() =>
        await (await Send("/user/list", ("x-litellm-api-key", ProxyAdminApp.MasterKey), ("Authorization", "Basic bm90LWEta2V5"))).Expect(200);

    [TestCase("Authorization", "Bearer ", "api-key")]
    [TestCase("api-key", "", "x-api-key")]
    [TestCase("x-api-key", "", "x-goog-api-key")]
    [TestCase("x-goog-api-key", "", "Ocp-Apim-Subscription-Key")]
    public async Task EachHeaderWinsOverTheOnesAfterIt(string earlier, string prefix, string later)
    {
        await (await Send("/user/list", (earlier, prefix + _userKey), (later, ProxyAdminApp.MasterKey))).Expect(403);
        await (await Send("/user/list", (earlier, prefix + ProxyAdminApp.MasterKey), (later, _userKey))).Expect(200);
    }

    [Test]
    public async Task AMalformedAuthorizationIsRefusedEvenWithAGoodKeyInALaterHeader()
    {
        var body = await (await Send("/user/list", ("Authorization", ProxyAdminApp.MasterKey), ("x-api-key", ProxyAdminApp.MasterKey))).Expect(401);

        Assert.That(body.ErrorMessage(), Is.EqualTo("Malformed API Key passed in. Ensure Key has `Bearer ` prefix."));
        Api.AssertHoldsNone(body.ToJsonString(), "the 401 body", ProxyAdminApp.MasterKey);
    }

    [Test]
    public async Task AnEmptyLiteLlmHeaderFallsThroughToAuthorization() =>
        await (await Send("/user/list", ("x-litellm-api-key", string.Empty), ("Authorization", "Bearer " + ProxyAdminApp.MasterKey))).Expect(200);

    [TestCase("x-litellm-api-key", "Bearer ")]
    [TestCase("Authorization", "Bearer ")]
    [TestCase("api-key", "")]
    [TestCase("x-api-key", "")]
    [TestCase("x-goog-api-key", "")]
    [TestCase("Ocp-Apim-Subscription-Key", "")]
    public async Task AnUnknownKeyInAnyHeaderIsNeitherEchoedNorLogged(string header, string prefix)
    {
        var unknown = "sk-unknown-" + Guid.NewGuid().ToString("N");

        var response = await Send("/key/info", (header, prefix + unknown));
        var body = await response.Expect(401);

        Assert.That(body.ErrorMessage(), Does.Contain("sk-..." + unknown[^4..]));
        Api.AssertHoldsNone(body.ToJsonString(), "the 401 body", unknown);
        Api.AssertHoldsNone(response.Headers.ToString(), "the 401 headers", unknown);
        Api.AssertHoldsNone(string.Join(Environment.NewLine, Service.App.Logs.Lines), "the service's log", unknown);
    }

    private static async Task<HttpResponseMessage> Send(string path, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        foreach (var (name, value) in headers)
        {
            Assert.That(request.Headers.TryAddWithoutValidation(name, value), Is.True, $"the client refused to send {name}");
        }

        return await Service.App.ClientWith(null).SendAsync(request);
    }
}
