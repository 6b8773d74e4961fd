using ProxyAdmin.Domain.Keys;

namespace ProxyAdmin.Domain.UnitTests.Keys;

public sealed class KeyRoutesTests
{
    [Test]
    public void AKeyWithoutAllowedRoutesMayCallAnyRoute() =>
        Assert.That(KeyRoutes.Allows([], "/team/new"), Is.True);

    [TestCase("/key/info", "/key/info", true)]
    [TestCase("/team", "/team/info", true)]
    [TestCase("/team", "/teams", false)]
    [TestCase("/key/*", "/key/generate", true)]
    [TestCase("/key/*", "/team/new", false)]
    [TestCase("/key/generate", "/key/update", false)]
    public void AnEntryAllowsItsRoutePathsBelowItAndWhatItsWildcardCovers(string entry, string path, bool allowed) =>
        Assert.That(KeyRoutes.Allows([entry], path), Is.EqualTo(allowed));

    [TestCase("info_routes", "/key/info", true)]
    [TestCase("info_routes", "/team/list", true)]
    [TestCase("info_routes", "/key/generate", false)]
    [TestCase("info_routes", "/project/info", false)]
    [TestCase("llm_api_routes", "/v1/models", true)]
    [TestCase("llm_api_routes", "/key/info", false)]
    [TestCase("management_routes", "/team/new", true)]
    [TestCase("management_routes", "/key/generate", true)]
    [TestCase("management_routes", "/team/member_add", false)]
    [TestCase("key_management_routes", "/key/0123abcd/regenerate", true)]
    [TestCase("key_management_routes", "/key/0123abcd/other", false)]
    [TestCase("admin_viewer_routes", "/audit/5e0c7f0e-1b5a-4f1e-9f3c-2f7a0b5c9d11", true)]
    [TestCase("spend_tracking_routes", "/key/info", false)]
    public void ARouteGroupAllowsTheRoutesLiteLlmPutsInIt(string group, string path, bool allowed) =>
        Assert.That(KeyRoutes.Allows([group], path), Is.EqualTo(allowed));

    [Test]
    public void TheRefusalIsLiteLlmsAndNeverRepeatsASecretFromThePath()
    {
        var refusal = KeyRoutes.Refusal(["info_routes"], "/key/sk-the-secret-1234/regenerate");

        Assert.That(refusal, Is.EqualTo("Virtual key is not allowed to call this route. Only allowed to call routes: ['info_routes']. Tried to call route: /key/sk-...1234/regenerate"));
    }
}
