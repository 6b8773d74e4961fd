namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// The admin UI's files at <c>/ui</c> (README, "Admin UI"): served from the committed build without a key, under a
/// content security policy that allows nothing but the service's own origin; the page is revalidated on every load, the
/// hashed assets kept. Its behaviour in a browser is tested by <c>clients/admin-ui/test</c>.
/// </summary>
public sealed class AdminUiTests
{
    [Test]
    public async Task TheBarePathRedirectsToThePage()
    {
        using var client = Service.App.ClientWith(null, followRedirects: false);

        using var response = await client.GetAsync("/ui");

        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(302));
            Assert.That(response.Headers.Location?.ToString(), Is.EqualTo("/ui/"));
        });
    }

    [Test]
    public async Task ThePageIsServedWithoutAKeyUnderAStrictPolicyAndRevalidated()
    {
        using var client = Service.App.ClientWith(null);

        using var response = await client.GetAsync("/ui/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(200));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
            Assert.That(html, Does.Contain("<div id=\"root\"></div>").And.Contain("/ui/assets/"));
            Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Does.StartWith("default-src 'self'; script-src 'self'"));
            Assert.That(response.Headers.GetValues("X-Frame-Options").Single(), Is.EqualTo("DENY"));
            Assert.That(response.Headers.CacheControl?.NoCache, Is.True, "index.html names the current assets: always revalidated");
        });
    }

    [Test]
    public async Task TheHashedAssetsMayBeKeptAndAMissingOneIsNoFile()
    {
        using var client = Service.App.ClientWith(null);
        var html = await (await client.GetAsync("/ui/")).Content.ReadAsStringAsync();
        var script = System.Text.RegularExpressions.Regex.Match(html, "src=\"(/ui/assets/[^\"]+\\.js)\"").Groups[1].Value;

        using var asset = await client.GetAsync(script);
        using var missing = await client.GetAsync("/ui/assets/index-missing.js");

        Assert.Multiple(async () =>
        {
            Assert.That((int)asset.StatusCode, Is.EqualTo(200));
            Assert.That(asset.Headers.GetValues("Cache-Control").Single(), Is.EqualTo("public, max-age=31536000, immutable"));
            Assert.That((int)missing.StatusCode, Is.Not.EqualTo(200));
            Assert.That(await missing.Content.ReadAsStringAsync(), Does.Contain("\"error\""), "the envelope, not a page");
        });
    }
}
