using ProxyAdmin.Application.Keys.Commands.GenerateKey;
using ProxyAdmin.Application.Keys.Commands.RegenerateKey;
using ProxyAdmin.Application.UnitTests.TestSupport;

namespace ProxyAdmin.Application.UnitTests.Common.Idempotency;

public sealed class IdempotentResponsesTests
{
    [Test]
    public void ShouldScopeTheAttemptToTheCallersKeyAndFingerprintTheRequest()
    {
        var fixture = Sent("retry-1");

        var attempt = fixture.Responses().AttemptOf(new GenerateKeyCommand { KeyAlias = "ci" })!;

        Assert.Multiple(() =>
        {
            Assert.That(attempt.CallerScope, Is.EqualTo(fixture.Caller.ApiKeyHash));
            Assert.That(attempt.Key, Is.EqualTo("retry-1"));
            Assert.That(attempt.Fingerprint, Has.Length.EqualTo(64).And.Matches("^[0-9a-f]+$"));
        });
    }

    [Test]
    public void ShouldFingerprintTheSameRequestAlikeAndAnyOtherContentOrMessageApart()
    {
        var responses = Sent("retry-1").Responses();

        var first = responses.AttemptOf(new GenerateKeyCommand { KeyAlias = "ci" })!.Fingerprint;

        Assert.Multiple(() =>
        {
            Assert.That(responses.AttemptOf(new GenerateKeyCommand { KeyAlias = "ci" })!.Fingerprint, Is.EqualTo(first));
            Assert.That(responses.AttemptOf(new GenerateKeyCommand { KeyAlias = "cd" })!.Fingerprint, Is.Not.EqualTo(first));
            Assert.That(responses.AttemptOf(new GenerateKeyCommand { KeyAlias = "ci", Models = ["gpt-4o"] })!.Fingerprint, Is.Not.EqualTo(first));
            Assert.That(responses.AttemptOf(new RegenerateKeyCommand { KeyAlias = "ci" })!.Fingerprint, Is.Not.EqualTo(first), "another route with the same fields");
        });
    }

    [Test]
    public void ShouldNotApplyToARequestWithoutAKeyOrWithoutACaller()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Sent(null).Responses().AttemptOf(new GenerateKeyCommand()), Is.Null);
            Assert.That(new IdempotencyFixture(TestCaller.Anonymous) { Request = { Key = "retry-1" } }.Responses().AttemptOf(new GenerateKeyCommand()), Is.Null);
        });
    }

    [Test]
    public void ShouldNotApplyToADryRunWhichNeitherReplaysNorIsKept()
    {
        var fixture = Sent("retry-1");
        fixture.DryRun.IsDryRun = true;

        Assert.That(fixture.Responses().AttemptOf(new GenerateKeyCommand { KeyAlias = "ci" }), Is.Null);
    }

    private static IdempotencyFixture Sent(string? key)
    {
        var fixture = new IdempotencyFixture(TestCaller.InternalUser("alice"));
        fixture.Request.Key = key;
        return fixture;
    }
}
