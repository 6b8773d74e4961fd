using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using ProxyAdmin.Api.Http;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>The header reader on its own: LiteLLM's <c>get_api_key</c> order and its per-header <c>Bearer </c> handling.</summary>
public sealed class PresentedApiKeyTests
{
    private const string Key = "sk-reader-test-key";

    [Test]
    public void NoKeyHeaderIsNoKey() =>
        Assert.That(PresentedApiKey.Read(Headers(("Content-Type", "application/json"))), Is.Null);

    [TestCase("x-litellm-api-key", "Bearer " + Key)]
    [TestCase("x-litellm-api-key", Key)]
    [TestCase("Authorization", "Bearer " + Key)]
    [TestCase("Authorization", "bearer " + Key)]
    [TestCase("Authorization", "BEARER " + Key)]
    [TestCase("api-key", Key)]
    [TestCase("API-Key", Key)]
    [TestCase("x-api-key", Key)]
    [TestCase("x-goog-api-key", Key)]
    [TestCase("Ocp-Apim-Subscription-Key", Key)]
    [TestCase("ocp-apim-subscription-key", Key)]
    public void EachHeaderCarriesTheKey(string header, string value) =>
        Assert.That(PresentedApiKey.Read(Headers((header, value))), Is.EqualTo(Key));

    [TestCase("Authorization", "Bearer   " + Key + "  ")]
    [TestCase("x-litellm-api-key", "  Bearer " + Key)]
    [TestCase("x-api-key", " " + Key + " ")]
    public void SurroundingWhitespaceIsNotPartOfTheKey(string header, string value) =>
        Assert.That(PresentedApiKey.Read(Headers((header, value))), Is.EqualTo(Key));

    [TestCase("api-key")]
    [TestCase("x-api-key")]
    [TestCase("x-goog-api-key")]
    [TestCase("Ocp-Apim-Subscription-Key")]
    public void TheBareKeyHeadersKeepABearerPrefixAsPartOfTheKey(string header) =>
        Assert.That(PresentedApiKey.Read(Headers((header, "Bearer " + Key))), Is.EqualTo("Bearer " + Key));

    [TestCase("Basic " + Key)]
    [TestCase(Key)]
    [TestCase("Bearer")]
    [TestCase("Bearer    ")]
    public void AnAuthorizationWithoutABearerKeyIsMalformed(string value) =>
        Assert.That(PresentedApiKey.Read(Headers(("Authorization", value))), Is.Empty);

    [Test]
    public void TheLiteLlmHeaderWinsOverEveryOther() =>
        Assert.That(PresentedApiKey.Read(Headers(
            ("Ocp-Apim-Subscription-Key", "sk-sixth"), ("x-goog-api-key", "sk-fifth"), ("x-api-key", "sk-fourth"),
            ("api-key", "sk-third"), ("Authorization", "Bearer sk-second"), ("x-litellm-api-key", "sk-first"))), Is.EqualTo("sk-first"));

    [TestCase("Authorization", "Bearer sk-winner", "api-key")]
    [TestCase("api-key", "sk-winner", "x-api-key")]
    [TestCase("x-api-key", "sk-winner", "x-goog-api-key")]
    [TestCase("x-goog-api-key", "sk-winner", "Ocp-Apim-Subscription-Key")]
    public void EachHeaderWinsOverTheOnesAfterIt(string earlier, string value, string later) =>
        Assert.That(PresentedApiKey.Read(Headers((later, "sk-loser"), (earlier, value))), Is.EqualTo("sk-winner"));

    [Test]
    public void AMalformedAuthorizationIsNotRescuedByALaterHeader() =>
        Assert.That(PresentedApiKey.Read(Headers(("Authorization", "Basic abc"), ("x-api-key", Key))), Is.Empty);

    [TestCase("")]
    [TestCase("   ")]
    public void AnEmptyHeaderCountsAsAbsent(string empty) =>
        Assert.That(PresentedApiKey.Read(Headers(("x-litellm-api-key", empty), ("Authorization", empty), ("x-api-key", Key))), Is.EqualTo(Key));

    [Test]
    public void ARepeatedHeaderGivesItsFirstValueNotTheValuesJoined()
    {
        var headers = new HeaderDictionary { ["x-api-key"] = new StringValues([Key, "sk-second"]) };

        Assert.That(PresentedApiKey.Read(headers), Is.EqualTo(Key));
    }

    [Test]
    public void TheHeaderListIsLiteLlmsOrder() =>
        Assert.That(PresentedApiKey.HeaderNames, Is.EqualTo(new[]
        {
            "x-litellm-api-key", "Authorization", "api-key", "x-api-key", "x-goog-api-key", "Ocp-Apim-Subscription-Key",
        }));

    private static HeaderDictionary Headers(params (string Name, string Value)[] headers)
    {
        var dictionary = new HeaderDictionary();
        foreach (var (name, value) in headers)
        {
            dictionary[name] = value;
        }

        return dictionary;
    }
}
