using Mediator;
using Moq;
using ProxyAdmin.Application.Common.Behaviours;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Idempotency;
using ProxyAdmin.Application.Common.Interfaces;
using ProxyAdmin.Application.Keys.Commands.GenerateKey;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Common;
using static ProxyAdmin.Application.UnitTests.Common.Behaviours.IdempotencyBehaviourTests;

namespace ProxyAdmin.Application.UnitTests.Common.Behaviours;

public sealed class IdempotencyRecordBehaviourTests
{
    private static readonly GenerateKeyCommand Request = new() { KeyAlias = "ci" };
    private static readonly Answer FirstAnswer = new("sk-first-answer-1234", 1);

    private IdempotencyFixture _fixture = null!;
    private Mock<IUnitOfWork> _unitOfWork = null!;
    private int _handled;

    [SetUp]
    public void SetUp()
    {
        _fixture = new IdempotencyFixture(TestCaller.InternalUser("alice"));
        _fixture.Request.Key = "retry-1";
        _unitOfWork = new Mock<IUnitOfWork>();
        _handled = 0;
    }

    [Test]
    public async Task ShouldRunTheCommandAndSaveItsAnswerSealedInTheSameTransaction()
    {
        _fixture.Conditional.AnswerWith("\"tag-7\"");

        var answer = await Behaviour().Handle(Request, Next(), CancellationToken.None);

        var record = _fixture.Records.All.Single();
        Assert.Multiple(() =>
        {
            Assert.That(answer, Is.EqualTo(new Answer("sk-new", 1)));
            Assert.That(record.CallerScope, Is.EqualTo(_fixture.Caller.ApiKeyHash), "the record is the caller's own");
            Assert.That(record.IdempotencyKey, Is.EqualTo("retry-1"));
            Assert.That(record.SealedResponse, Does.StartWith("salt-1:"), "sealed with the active salt key");
            Assert.That(record.SealedResponse, Does.Contain("sk-new"), "the readable stand-in shows what was sealed");
            Assert.That(record.EntityTag, Is.EqualTo("\"tag-7\""));
            Assert.That(record.ExpiresAt, Is.EqualTo(FixedClock.DefaultNow.UtcDateTime + IdempotencyFixture.Window));
        });
        _unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public void ShouldRollBackAndReplayWhenADuplicateCommittedFirst()
    {
        _fixture.Records.Add(Stored(_fixture.Responses(), Request, FirstAnswer));

        var replay = Assert.ThrowsAsync<IdempotentReplayException>(async () => await Behaviour().Handle(Request, Next(), CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(replay!.Response, Is.EqualTo(FirstAnswer));
            Assert.That(_handled, Is.Zero);
            Assert.That(_fixture.Request.Replayed, Is.True);
        });
        _unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Never);
        _fixture.Authenticator.Verify(
            a => a.ReauthenticateAsync(It.IsAny<Principal>(), It.IsAny<CancellationToken>()),
            Times.Never,
            "inside the transaction the caller was judged by the caller recheck already");
    }

    [Test]
    public void ShouldRefuseADuplicateKeyForAnotherRequestFoundUnderTheLock()
    {
        _fixture.Records.Add(Stored(_fixture.Responses(), Request, FirstAnswer));

        var refusal = Assert.ThrowsAsync<ConflictException>(async () =>
            await Behaviour().Handle(Request with { KeyAlias = "other" }, Next(), CancellationToken.None));

        Assert.That(refusal!.Param, Is.EqualTo("Idempotency-Key"));
        Assert.That(_handled, Is.Zero);
    }

    [Test]
    public async Task ShouldTakeAnExpiredRecordOverForTheNewAnswer()
    {
        var expired = Stored(_fixture.Responses(), Request, FirstAnswer);
        _fixture.Records.Add(expired);
        _fixture.Clock.Now += IdempotencyFixture.Window + TimeSpan.FromMinutes(1);

        var answer = await Behaviour().Handle(Request with { KeyAlias = "a new request" }, Next(), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(answer, Is.EqualTo(new Answer("sk-new", 1)));
            Assert.That(_fixture.Records.All.Single(), Is.SameAs(expired), "one record per caller and key, renewed");
            Assert.That(expired.SealedResponse, Does.Contain("sk-new"));
            Assert.That(expired.ExpiresAt, Is.EqualTo(_fixture.Clock.Now.UtcDateTime + IdempotencyFixture.Window));
        });
    }

    [Test]
    public void ShouldStoreNothingWhenTheCommandIsRefused()
    {
        MessageHandlerDelegate<GenerateKeyCommand, Answer> refused = (_, _) => throw new BadRequestException("max_budget must be positive.", "max_budget");

        Assert.ThrowsAsync<BadRequestException>(async () => await Behaviour().Handle(Request, refused, CancellationToken.None));

        Assert.That(_fixture.Records.All, Is.Empty, "a retry of a refused request runs again");
        _unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task ShouldStoreNothingWithoutAnIdempotencyKey()
    {
        _fixture.Request.Key = null;

        await Behaviour().Handle(Request, Next(), CancellationToken.None);

        Assert.That(_fixture.Records.All, Is.Empty);
        _unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Never);
    }

    private IdempotencyRecordBehaviour<GenerateKeyCommand, Answer> Behaviour() => new(_fixture.Responses(), _unitOfWork.Object);

    private MessageHandlerDelegate<GenerateKeyCommand, Answer> Next() => (_, _) =>
    {
        _handled++;
        return ValueTask.FromResult(new Answer("sk-new", _handled));
    };
}
