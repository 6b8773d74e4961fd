using Microsoft.Extensions.Configuration;
using ProxyAdmin.Api.Http;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>Reading <c>ProxyAdmin:Cors:Origins</c> in both of configuration's forms, and refusing what can never match.</summary>
public sealed class CorsSettingsTests
{
    [Test]
    public void NoSettingAllowsAnyOrigin()
    {
        var settings = Read();

        Assert.That(settings.AnyOrigin, Is.True);
        Assert.That(settings.Origins, Is.Empty);
    }

    [TestCase("")]
    [TestCase(" , ; ")]
    public void AnEmptySettingAllowsAnyOrigin(string value) => Assert.That(Read(("ProxyAdmin:Cors:Origins", value)).AnyOrigin, Is.True);

    [TestCase("*")]
    [TestCase(" * ")]
    [TestCase("*,*")]
    public void AStarAllowsAnyOrigin(string value) => Assert.That(Read(("ProxyAdmin:Cors:Origins", value)).AnyOrigin, Is.True);

    [TestCase("https://app.example.com,http://localhost:3000")]
    [TestCase("https://app.example.com; http://localhost:3000")]
    [TestCase(" https://app.example.com ,; http://localhost:3000 ;")]
    public void OneValueListsOriginsSeparatedByCommasOrSemicolons(string value)
    {
        var settings = Read(("ProxyAdmin:Cors:Origins", value));

        Assert.That(settings.AnyOrigin, Is.False);
        Assert.That(settings.Origins, Is.EqualTo(new[] { "https://app.example.com", "http://localhost:3000" }));
    }

    [Test]
    public void TheIndexedFormListsOriginsAndMayItselfHoldSeparatedValues()
    {
        var settings = Read(
            ("ProxyAdmin:Cors:Origins:0", "https://app.example.com"),
            ("ProxyAdmin:Cors:Origins:1", "http://localhost:3000;http://127.0.0.1:5173"));

        Assert.That(settings.Origins, Is.EqualTo(new[] { "https://app.example.com", "http://localhost:3000", "http://127.0.0.1:5173" }));
    }

    [TestCase("HTTPS://App.Example.COM", "https://app.example.com")]
    [TestCase("https://app.example.com/", "https://app.example.com")]
    [TestCase("https://app.example.com:443", "https://app.example.com")]
    [TestCase("http://app.example.com:80", "http://app.example.com")]
    [TestCase("https://app.example.com:8443", "https://app.example.com:8443")]
    [TestCase("http://[::1]:3000", "http://[::1]:3000")]
    [TestCase("https://bücher.example", "https://xn--bcher-kva.example")]
    public void OriginsAreWrittenAsBrowsersSendThem(string configured, string expected) =>
        Assert.That(Read(("ProxyAdmin:Cors:Origins", configured)).Origins, Is.EqualTo(new[] { expected }));

    [Test]
    public void AnOriginGivenTwiceIsListedOnce() =>
        Assert.That(Read(("ProxyAdmin:Cors:Origins", "https://app.example.com,https://APP.example.com/")).Origins, Is.EqualTo(new[] { "https://app.example.com" }));

    [TestCase("app.example.com")]
    [TestCase("localhost:3000")]
    [TestCase("ftp://files.example.com")]
    [TestCase("https://app.example.com/ui")]
    [TestCase("https://app.example.com/?a=1")]
    [TestCase("https://app.example.com/#top")]
    [TestCase("https://user@app.example.com")]
    [TestCase("https://*.example.com")]
    [TestCase("/relative")]
    public void AnythingButAnAbsoluteHttpOriginStopsTheStart(string origin)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Read(("ProxyAdmin:Cors:Origins", "https://ok.example.com," + origin)));

        Assert.That(refused!.Message, Does.StartWith("ProxyAdmin refuses to start: ProxyAdmin__Cors__Origins holds \"" + origin + "\""));
    }

    [Test]
    public void AStarAmongOriginsStopsTheStart()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Read(("ProxyAdmin:Cors:Origins:0", "*"), ("ProxyAdmin:Cors:Origins:1", "https://app.example.com")));

        Assert.That(refused!.Message, Is.EqualTo("ProxyAdmin refuses to start: ProxyAdmin__Cors__Origins lists \"*\" together with other origins; give either \"*\" or the origins."));
    }

    private static CorsSettings Read(params (string Key, string Value)[] settings) =>
        CorsSettings.Read(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build());
}
