using Mediator;
using Moq;
using ProxyAdmin.Application.Common.Behaviours;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Interfaces;
using ProxyAdmin.Application.Common.Telemetry;
using ProxyAdmin.Application.Keys.Commands.BlockKey;
using ProxyAdmin.Application.UnitTests.TestSupport;

namespace ProxyAdmin.Application.UnitTests.Common.Behaviours;

public sealed class TransactionBehaviourTests
{
    private static readonly BlockKeyCommand Command = new("sk-some-key-1234");

    private List<string> _trace = null!;
    private Mock<IUnitOfWork> _unitOfWork = null!;
    private TransactionBehaviour<BlockKeyCommand, string> _behaviour = null!;
    private RecordedMeasurements _measurements = null!;
    private TestDryRunRequest _dryRun = null!;

    [SetUp]
    public void SetUp()
    {
        _trace = [];
        var transaction = new Mock<ITransaction>();
        transaction.Setup(t => t.CommitAsync(It.IsAny<CancellationToken>())).Callback(() => _trace.Add("commit")).Returns(Task.CompletedTask);
        transaction.Setup(t => t.DisposeAsync()).Callback(() => _trace.Add("dispose")).Returns(ValueTask.CompletedTask);
        _unitOfWork = new Mock<IUnitOfWork>();
        _unitOfWork.Setup(u => u.BeginTransactionAsync(It.IsAny<CancellationToken>()))
            .Callback(() => _trace.Add("begin"))
            .ReturnsAsync(transaction.Object);
        _unitOfWork.Setup(u => u.Reset()).Callback(() => _trace.Add("reset"));
        _measurements = new RecordedMeasurements();
        _dryRun = new TestDryRunRequest();
        _behaviour = new TransactionBehaviour<BlockKeyCommand, string>(_unitOfWork.Object, _dryRun, new WriteMetrics(_measurements));
    }

    [TearDown]
    public void TearDown() => _measurements.Dispose();

    [Test]
    public async Task ShouldRunTheHandlerInsideOneCommittedTransaction()
    {
        var response = await _behaviour.Handle(Command, Handler("handled"), CancellationToken.None);

        Assert.That(response, Is.EqualTo("handled"));
        Assert.That(_trace, Is.EqualTo(new[] { "begin", "handler", "commit", "dispose" }));
        Assert.That(_dryRun.Marked, Is.False);
        Assert.That(_measurements.Of("proxyadmin.writes.dry_runs"), Is.Empty);
    }

    [Test]
    public async Task ShouldAnswerADryRunWithTheHandlersAnswerAndRollItBack()
    {
        _dryRun.IsDryRun = true;

        var response = await _behaviour.Handle(Command, Handler("would be handled"), CancellationToken.None);

        Assert.That(response, Is.EqualTo("would be handled"));
        Assert.That(_trace, Is.EqualTo(new[] { "begin", "handler", "dispose" }), "disposed without a commit: rolled back");
        Assert.That(_dryRun.Marked, Is.True);
        Assert.That(_measurements.Of("proxyadmin.writes.dry_runs", ("command", nameof(BlockKeyCommand))), Is.EqualTo(new[] { 1d }));
    }

    [Test]
    public void ShouldRefuseADryRunAsTheWriteWouldBeRefusedAndMarkNothing()
    {
        _dryRun.IsDryRun = true;

        Assert.ThrowsAsync<NotFoundException>(async () => await _behaviour.Handle(Command, Handler(new NotFoundException("gone")), CancellationToken.None));

        Assert.That(_trace, Is.EqualTo(new[] { "begin", "handler", "dispose" }));
        Assert.That(_dryRun.Marked, Is.False, "a refusal is not a dry run's answer");
        Assert.That(_measurements.Of("proxyadmin.writes.dry_runs"), Is.Empty);
    }

    [Test]
    public async Task ShouldRunADryRunAgainAfterAConcurrentChangeAndStillNotCommit()
    {
        _dryRun.IsDryRun = true;
        var attempts = 0;
        ValueTask<string> FailsOnce(BlockKeyCommand message, CancellationToken cancellationToken)
        {
            _trace.Add("handler");
            return ++attempts == 1 ? throw new ConcurrencyConflictException("changed meanwhile") : ValueTask.FromResult("would be handled");
        }

        var response = await _behaviour.Handle(Command, FailsOnce, CancellationToken.None);

        Assert.That(response, Is.EqualTo("would be handled"));
        Assert.That(_trace, Is.EqualTo(new[] { "begin", "handler", "dispose", "reset", "begin", "handler", "dispose" }));
        Assert.That(_measurements.Of("proxyadmin.writes.dry_runs"), Is.EqualTo(new[] { 1d }));
    }

    [Test]
    public void ShouldRefuseAMalformedDryRunBeforeOpeningATransaction()
    {
        var malformed = new Mock<IDryRunRequest>();
        malformed.SetupGet(d => d.IsDryRun).Throws(new BadRequestException("dry_run must be true or false.", "dry_run"));
        var behaviour = new TransactionBehaviour<BlockKeyCommand, string>(_unitOfWork.Object, malformed.Object);

        var refusal = Assert.ThrowsAsync<BadRequestException>(async () => await behaviour.Handle(Command, Handler("handled"), CancellationToken.None));

        Assert.That(refusal!.Param, Is.EqualTo("dry_run"));
        Assert.That(_trace, Is.Empty);
    }

    [Test]
    public void ShouldNotCommitWhenTheHandlerFailsButStillDisposeTheTransaction()
    {
        var failing = Handler(new NotFoundException("gone"));

        Assert.ThrowsAsync<NotFoundException>(async () => await _behaviour.Handle(Command, failing, CancellationToken.None));

        Assert.That(_trace, Is.EqualTo(new[] { "begin", "handler", "dispose" }));
        _unitOfWork.Verify(u => u.Reset(), Times.Never);
    }

    [Test]
    public async Task ShouldRunTheCommandAgainFromACleanSlateAfterAConcurrentChange()
    {
        var attempts = 0;
        ValueTask<string> FailsOnce(BlockKeyCommand message, CancellationToken cancellationToken)
        {
            _trace.Add("handler");
            return ++attempts == 1 ? throw new ConcurrencyConflictException("changed meanwhile") : ValueTask.FromResult("second time lucky");
        }

        var response = await _behaviour.Handle(Command, FailsOnce, CancellationToken.None);

        Assert.That(response, Is.EqualTo("second time lucky"));
        Assert.That(_trace, Is.EqualTo(new[] { "begin", "handler", "dispose", "reset", "begin", "handler", "commit", "dispose" }));
        Assert.That(_measurements.Of("proxyadmin.writes.retried", ("command", nameof(BlockKeyCommand)), ("reason", "conflict")), Is.EqualTo(new[] { 1d }));
        Assert.That(_measurements.Of("proxyadmin.writes.refused"), Is.Empty);
    }

    [Test]
    public void ShouldGiveUpWithTheConflictAfterTheLastAttempt()
    {
        Assert.ThrowsAsync<ConcurrencyConflictException>(async () =>
            await _behaviour.Handle(Command, Handler(new ConcurrencyConflictException("always changed")), CancellationToken.None));

        Assert.That(_trace.Count(step => step == "handler"), Is.EqualTo(TransactionBehaviour<BlockKeyCommand, string>.MaxAttempts));
        Assert.That(_trace, Does.Not.Contain("commit"));
        _unitOfWork.Verify(u => u.Reset(), Times.Exactly(TransactionBehaviour<BlockKeyCommand, string>.MaxAttempts - 1));
        Assert.That(_measurements.Of("proxyadmin.writes.retried", ("reason", "conflict")), Has.Count.EqualTo(TransactionBehaviour<BlockKeyCommand, string>.MaxAttempts - 1));
        Assert.That(_measurements.Of("proxyadmin.writes.refused", ("command", nameof(BlockKeyCommand)), ("reason", "conflict")), Is.EqualTo(new[] { 1d }));
    }

    [Test]
    public void ShouldNotRetryOtherConflicts()
    {
        Assert.ThrowsAsync<ConflictException>(async () =>
            await _behaviour.Handle(Command, Handler(new ConflictException("duplicate alias")), CancellationToken.None));

        Assert.That(_trace.Count(step => step == "handler"), Is.EqualTo(1));
        Assert.That(_measurements.Of("proxyadmin.writes.retried"), Is.Empty);
        Assert.That(_measurements.Of("proxyadmin.writes.refused"), Is.Empty, "a duplicate is the caller's conflict, not a write given up");
    }

    [Test]
    public async Task ShouldRunTheCommandAgainWhenTheDatabaseWasBusy()
    {
        var busy = new TimeoutException("database is locked");
        _unitOfWork.Setup(u => u.IsTransientFailure(busy)).Returns(true);
        var attempts = 0;
        ValueTask<string> BusyOnce(BlockKeyCommand message, CancellationToken cancellationToken)
        {
            _trace.Add("handler");
            return ++attempts == 1 ? throw busy : ValueTask.FromResult("written");
        }

        var response = await _behaviour.Handle(Command, BusyOnce, CancellationToken.None);

        Assert.That(response, Is.EqualTo("written"));
        Assert.That(_trace, Is.EqualTo(new[] { "begin", "handler", "dispose", "reset", "begin", "handler", "commit", "dispose" }));
        Assert.That(_measurements.Of("proxyadmin.writes.retried", ("command", nameof(BlockKeyCommand)), ("reason", "busy")), Is.EqualTo(new[] { 1d }));
    }

    [Test]
    public void ShouldAnswerServiceBusyWhenTheDatabaseStaysBusy()
    {
        var busy = new TimeoutException("database is locked");
        _unitOfWork.Setup(u => u.IsTransientFailure(busy)).Returns(true);

        Assert.ThrowsAsync<ServiceBusyException>(async () => await _behaviour.Handle(Command, Handler(busy), CancellationToken.None));

        Assert.That(_trace.Count(step => step == "handler"), Is.EqualTo(TransactionBehaviour<BlockKeyCommand, string>.MaxAttempts));
        Assert.That(_trace, Does.Not.Contain("commit"));
        Assert.That(_measurements.Of("proxyadmin.writes.retried", ("reason", "busy")), Has.Count.EqualTo(TransactionBehaviour<BlockKeyCommand, string>.MaxAttempts - 1));
        Assert.That(_measurements.Of("proxyadmin.writes.refused", ("command", nameof(BlockKeyCommand)), ("reason", "busy")), Is.EqualTo(new[] { 1d }));
    }

    [Test]
    public void ShouldNotRetryAFailureTheDatabaseDoesNotCallTransient()
    {
        Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await _behaviour.Handle(Command, Handler(new InvalidOperationException("a bug")), CancellationToken.None));

        Assert.That(_trace.Count(step => step == "handler"), Is.EqualTo(1));
    }

    private MessageHandlerDelegate<BlockKeyCommand, string> Handler(string response) => (_, _) =>
    {
        _trace.Add("handler");
        return ValueTask.FromResult(response);
    };

    private MessageHandlerDelegate<BlockKeyCommand, string> Handler(Exception failure) => (_, _) =>
    {
        _trace.Add("handler");
        return ValueTask.FromException<string>(failure);
    };
}
