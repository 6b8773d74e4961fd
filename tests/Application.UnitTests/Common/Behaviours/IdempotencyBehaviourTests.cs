using Mediator;
using Moq;
using ProxyAdmin.Application.Common.Behaviours;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Idempotency;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Keys.Commands.GenerateKey;
using ProxyAdmin.Application.Teams.Commands.UpdateTeam;
using ProxyAdmin.Application.UnitTests.Encryption;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Idempotency;

namespace ProxyAdmin.Application.UnitTests.Common.Behaviours;

public sealed class IdempotencyBehaviourTests
{
    private static readonly GenerateKeyCommand Request = new() { KeyAlias = "ci" };
    private static readonly Answer FirstAnswer = new("sk-first-answer-1234", 1);

    private IdempotencyFixture _fixture = null!;
    private int _handled;

    [SetUp]
    public void SetUp()
    {
        _fixture = new IdempotencyFixture(TestCaller.InternalUser("alice"));
        _handled = 0;
    }

    [Test]
    public async Task ShouldRunTheCommandWhenNoIdempotencyKeyWasSent()
    {
        var answer = await Behaviour<GenerateKeyCommand>().Handle(Request, Next<GenerateKeyCommand>(), CancellationToken.None);

        Assert.That(answer, Is.EqualTo(new Answer("sk-new", 1)));
        Assert.That(_fixture.Request.Replayed, Is.False);
    }

    [Test]
    public async Task ShouldReplayTheFirstAnswerOfALiveRecordWithoutRunningTheCommand()
    {
        _fixture.Request.Key = "retry-1";
        _fixture.Records.Add(Stored(_fixture.Responses(), Request, FirstAnswer, entityTag: "\"tag-1\""));

        var answer = await Behaviour<GenerateKeyCommand>().Handle(Request, Next<GenerateKeyCommand>(), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(answer, Is.EqualTo(FirstAnswer));
            Assert.That(_handled, Is.Zero, "the command does not run again");
            Assert.That(_fixture.Request.Replayed, Is.True, "the answer is marked a replay");
            Assert.That(_fixture.Conditional.Answered, Is.EqualTo(new[] { "\"tag-1\"" }), "the first answer's entity tag is answered again");
        });
    }

    [Test]
    public async Task ShouldJudgeTheCallerFromTheDatabaseBeforeReplaying()
    {
        _fixture.Request.Key = "retry-1";
        _fixture.Records.Add(Stored(_fixture.Responses(), Request, FirstAnswer));
        _fixture.Authenticator.Setup(a => a.ReauthenticateAsync(It.IsAny<Principal>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(AuthenticationOutcome.Fail("Authentication Error, Key is blocked."));

        var refusal = Assert.ThrowsAsync<UnauthenticatedException>(async () =>
            await Behaviour<GenerateKeyCommand>().Handle(Request, Next<GenerateKeyCommand>(), CancellationToken.None));

        Assert.That(refusal!.Message, Does.Contain("blocked"));
        Assert.That(_fixture.Request.Replayed, Is.False, "nothing is given back to a revoked key");
    }

    [Test]
    public void ShouldRefuseTheKeyUsedForAnotherRequestWithA409NamingTheHeader()
    {
        _fixture.Request.Key = "retry-1";
        _fixture.Records.Add(Stored(_fixture.Responses(), Request, FirstAnswer));

        var refusal = Assert.ThrowsAsync<ConflictException>(async () =>
            await Behaviour<GenerateKeyCommand>().Handle(Request with { KeyAlias = "other" }, Next<GenerateKeyCommand>(), CancellationToken.None));

        Assert.That(refusal!.Param, Is.EqualTo("Idempotency-Key"));
        Assert.That(refusal.Message, Does.Contain("24 hour(s)"));
        Assert.That(_handled, Is.Zero);
    }

    [Test]
    public async Task ShouldRunTheCommandAgainOnceTheWindowHasClosed()
    {
        _fixture.Request.Key = "retry-1";
        _fixture.Records.Add(Stored(_fixture.Responses(), Request, FirstAnswer));
        _fixture.Clock.Now += IdempotencyFixture.Window;

        var answer = await Behaviour<GenerateKeyCommand>().Handle(Request, Next<GenerateKeyCommand>(), CancellationToken.None);

        Assert.That(answer, Is.EqualTo(new Answer("sk-new", 1)));
        Assert.That(_fixture.Request.Replayed, Is.False);
    }

    [Test]
    public async Task ShouldAnswerTheConcurrentDuplicatesAnswerTheTransactionFoundUnderTheLock()
    {
        _fixture.Request.Key = "retry-1";
        MessageHandlerDelegate<GenerateKeyCommand, Answer> foundUnderTheLock = (_, _) => throw new IdempotentReplayException(FirstAnswer);

        var answer = await Behaviour<GenerateKeyCommand>().Handle(Request, foundUnderTheLock, CancellationToken.None);

        Assert.That(answer, Is.EqualTo(FirstAnswer));
    }

    [Test]
    public async Task ShouldIgnoreTheHeaderOnACommandNotMarkedIdempotent()
    {
        _fixture.Request.Key = "retry-1";
        var update = new UpdateTeamCommand { TeamId = "team-a" };

        await Behaviour<UpdateTeamCommand>().Handle(update, Next<UpdateTeamCommand>(), CancellationToken.None);
        await Behaviour<UpdateTeamCommand>().Handle(update, Next<UpdateTeamCommand>(), CancellationToken.None);

        Assert.That(_handled, Is.EqualTo(2));
    }

    [Test]
    public async Task ShouldLeaveAnUnauthenticatedRequestToTheAuthorizationGate()
    {
        _fixture = new IdempotencyFixture(TestCaller.Anonymous);
        _fixture.Request.Key = "retry-1";

        await Behaviour<GenerateKeyCommand>().Handle(Request, Next<GenerateKeyCommand>(), CancellationToken.None);

        Assert.That(_handled, Is.EqualTo(1));
        Assert.That(_fixture.Records.All, Is.Empty);
    }

    /// <summary>A record as the transaction would have staged it for <paramref name="answer"/> to <paramref name="message"/>.</summary>
    internal static IdempotencyRecord Stored<TMessage>(IdempotentResponses responses, TMessage message, Answer answer, string? entityTag = null)
        where TMessage : notnull
    {
        var attempt = responses.AttemptOf(message)!;
        var sealedAnswer = new KeyedSecretProtector("salt-1", "salt-1").Protect(new TestWireJson().Serialize(answer, typeof(Answer)));
        return IdempotencyRecord.Record(
            attempt.CallerScope, attempt.Key, attempt.Fingerprint, sealedAnswer, entityTag, FixedClock.DefaultNow.UtcDateTime, IdempotencyFixture.Window);
    }

    private IdempotencyBehaviour<TMessage, Answer> Behaviour<TMessage>()
        where TMessage : IBaseCommand => new(_fixture.Responses());

    private MessageHandlerDelegate<TMessage, Answer> Next<TMessage>()
        where TMessage : IMessage => (_, _) =>
        {
            _handled++;
            return ValueTask.FromResult(new Answer("sk-new", _handled));
        };

    /// <summary>A command's answer, as the wire would carry it.</summary>
    public sealed record Answer(string Key, int Number);
}
