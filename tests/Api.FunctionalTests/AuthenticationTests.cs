using System.Net.Http.Headers;

namespace ProxyAdmin.Api.FunctionalTests;

public sealed class AuthenticationTests
{
    [Test]
    public async Task AMissingKeyIs401InTheEnvelope()
    {
        var body = await (await Service.App.ClientWith(null).GetAsync("/user/list")).Expect(401);

        Assert.That(body.ErrorType(), Is.EqualTo("auth_error"));
        Assert.That(body.ErrorMessage(), Is.EqualTo("No api key passed in."));
    }

    [Test]
    public async Task AnUnknownKeyIs401AndTheMessageShowsOnlyItsLastFourCharacters()
    {
        const string unknown = "sk-this-key-does-not-exist-wxyz";
        var body = await (await Service.App.ClientWith(unknown).GetAsync("/key/info")).Expect(401);

        Assert.That(body.ErrorType(), Is.EqualTo("auth_error"));
        Assert.That(body.ErrorMessage(), Does.Contain("sk-...wxyz"));
        Assert.That(body.ToJsonString(), Does.Not.Contain(unknown));
    }

    [Test]
    public async Task AHeaderWithoutTheBearerPrefixIs401()
    {
        var client = Service.App.ClientWith(null);
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", ProxyAdminApp.MasterKey);

        var body = await (await client.GetAsync("/user/list")).Expect(401);

        Assert.That(body.ErrorMessage(), Does.Contain("Bearer"));
    }

    [Test]
    public async Task TheLiteLlmKeyHeaderIsAccepted()
    {
        var client = Service.App.ClientWith(null);
        client.DefaultRequestHeaders.Add("x-litellm-api-key", ProxyAdminApp.MasterKey);

        await (await client.GetAsync("/user/list")).Expect(200);
    }

    [Test]
    public async Task AVirtualKeyActsWithItsUsersRole()
    {
        var (_, viewerKey) = await Api.CreateUser("proxy_admin_viewer");
        var viewer = Service.App.ClientWith(viewerKey);

        await (await viewer.GetAsync("/user/list")).Expect(200);
        var refused = await (await viewer.PostJson("/user/new", new { user_id = Api.UniqueId("nope") })).Expect(403);
        Assert.That(refused.ErrorType(), Is.EqualTo("permission_denied_error"));
    }

    [Test]
    public async Task ABlockedKeyStopsWorkingAtOnceAndWorksAgainWhenUnblocked()
    {
        var (_, key) = await Api.CreateUser();
        var owner = Service.App.ClientWith(key);
        await (await owner.GetAsync("/key/info")).Expect(200);

        await (await Service.App.Admin().PostJson("/key/block", new { key })).Expect(200);
        var blocked = await (await owner.GetAsync("/key/info")).Expect(401);
        Assert.That(blocked.ErrorMessage(), Does.Contain("blocked"));

        await (await Service.App.Admin().PostJson("/key/unblock", new { key })).Expect(200);
        await (await owner.GetAsync("/key/info")).Expect(200);
    }

    [Test]
    public async Task ADeletedKeyStopsWorkingAtOnce()
    {
        var (_, key) = await Api.CreateUser();
        var owner = Service.App.ClientWith(key);
        await (await owner.GetAsync("/key/info")).Expect(200);

        await (await Service.App.Admin().PostJson("/key/delete", new { keys = new[] { key } })).Expect(200);

        await (await owner.GetAsync("/key/info")).Expect(401);
    }

    [Test]
    public async Task ARotatedKeysOldSecretDiesAtOnceAndTheNewOneWorks()
    {
        var (_, key) = await Api.CreateUser();
        var owner = Service.App.ClientWith(key);
        await (await owner.GetAsync("/key/info")).Expect(200);

        var rotated = await (await owner.PostJson("/key/regenerate", new { key })).Expect(200);
        var newKey = rotated["key"]!.GetValue<string>();

        Assert.That(newKey, Is.Not.EqualTo(key));
        await (await owner.GetAsync("/key/info")).Expect(401);
        await (await Service.App.ClientWith(newKey).GetAsync("/key/info")).Expect(200);
    }

    [Test]
    public async Task AnExpiredKeyIs401()
    {
        var (userId, _) = await Api.CreateUser();
        var generated = await Api.GenerateKey(Service.App.Admin(), new { user_id = userId, duration = "1s" });
        var shortLived = Service.App.ClientWith(generated["key"]!.GetValue<string>());

        await Task.Delay(TimeSpan.FromSeconds(1.5));

        var body = await (await shortLived.GetAsync("/key/info")).Expect(401);
        Assert.That(body.ErrorMessage(), Does.Contain("Expired Key"));
    }

    [Test]
    public async Task ARoleChangeAppliesToTheUsersKeysAtOnce()
    {
        var (userId, key) = await Api.CreateUser("proxy_admin_viewer");
        var client = Service.App.ClientWith(key);
        await (await client.GetAsync("/user/list")).Expect(200);

        await (await Service.App.Admin().PostJson("/user/update", new { user_id = userId, user_role = "internal_user" })).Expect(200);

        await (await client.GetAsync("/user/list")).Expect(403);
    }
}
