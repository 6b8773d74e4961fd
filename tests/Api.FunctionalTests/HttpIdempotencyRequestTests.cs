using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using ProxyAdmin.Api.Http;
using ProxyAdmin.Application.Common.Exceptions;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// The Idempotency-Key header as the transport reads it, on requests a test client cannot send as such (an empty value,
/// the header twice): a key is 1 to 255 visible ASCII characters, sent once; an empty value is no key (generated
/// clients send one for an absent argument); anything else is a 400 naming the header.
/// </summary>
public sealed class HttpIdempotencyRequestTests
{
    [TestCase("3f2b8c1e-7d4a-4b8e-9c11-0a1b2c3d4e5f")]
    [TestCase("!")]
    [TestCase("~key.with/punctuation:and=signs~")]
    public void AWellFormedKeyIsReadAsSent(string key) =>
        Assert.That(Read(new StringValues(key)), Is.EqualTo(key));

    [Test]
    public void AKeyOf255CharactersIsReadAndOneOf256IsRefused()
    {
        Assert.That(Read(new StringValues(new string('k', 255))), Has.Length.EqualTo(255));
        Assert.That(Refusal(new StringValues(new string('k', 256))).Param, Is.EqualTo("Idempotency-Key"));
    }

    [TestCase(" leading-space")]
    [TestCase("del\u007f")]
    [TestCase("caf\u00e9")]
    public void AMalformedKeyIsA400NamingTheHeader(string key)
    {
        var refusal = Refusal(new StringValues(key));

        Assert.That(refusal.Param, Is.EqualTo("Idempotency-Key"));
        Assert.That(refusal.Message, Does.Contain("visible ASCII"));
    }

    [Test]
    public void TheHeaderSentTwiceIsA400()
    {
        var refusal = Refusal(new StringValues(["retry-1", "retry-2"]));

        Assert.That(refusal.Message, Does.Contain("more than once"));
    }

    [Test]
    public void NoHeaderIsNoKey() => Assert.That(new HttpIdempotencyRequest(Accessor(null)).Key, Is.Null);

    [TestCase("")]
    [TestCase("   ")]
    public void AnEmptyValueIsNoKeyAsAnEmptyIfMatchIsNoCondition(string empty) =>
        Assert.That(Read(new StringValues(empty)), Is.Null);

    [Test]
    public void AReplayIsMarkedOnTheAnswer()
    {
        var accessor = Accessor(null);

        new HttpIdempotencyRequest(accessor).MarkReplayed();

        Assert.That(accessor.HttpContext!.Response.Headers["Idempotent-Replayed"].ToString(), Is.EqualTo("true"));
    }

    private static string? Read(StringValues values) => new HttpIdempotencyRequest(Accessor(values)).Key;

    private static BadRequestException Refusal(StringValues values) =>
        Assert.Throws<BadRequestException>(() => _ = Read(values))!;

    private static HttpContextAccessor Accessor(StringValues? values)
    {
        var context = new DefaultHttpContext();
        if (values is { } sent)
        {
            context.Request.Headers["Idempotency-Key"] = sent;
        }

        return new HttpContextAccessor { HttpContext = context };
    }
}
