using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ProxyAdmin.Application.Encryption;

namespace ProxyAdmin.Infrastructure.Encryption;

/// <summary>
/// This replica's share of a rotation: at start (to resume a run a crash or a restart cut short), when woken by
/// <c>POST /encryption/rotate</c>, and every <see cref="EncryptionRotationSettings.PollInterval"/>, it runs batches
/// (<see cref="EncryptionRotator"/>) until none is left. Every replica runs one; the write lock each batch takes makes
/// them share the work without doing any row twice.
/// </summary>
internal sealed partial class EncryptionRotationRunner(
    IServiceScopeFactory scopes,
    EncryptionRotationSettings settings,
    ILogger<EncryptionRotationRunner> logger) : BackgroundService, IEncryptionRotationSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);
    private bool _toldOtherKey;

    public void Wake()
    {
        // At most one pending wake: a burst of starts is one more look.
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunWhileThereIsWorkAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // A batch that failed rolled back; the next look starts from the last committed one.
                LogBatchFailed(logger, exception.GetType().Name);
            }

            try
            {
                await _wake.WaitAsync(settings.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    private async Task RunWhileThereIsWorkAsync(CancellationToken stoppingToken)
    {
        for (var batches = 0; ; batches++)
        {
            RotationBatchOutcome outcome;
            await using (var scope = scopes.CreateAsyncScope())
            {
                outcome = await scope.ServiceProvider.GetRequiredService<EncryptionRotator>().RunBatchAsync(settings.BatchSize, stoppingToken);
            }

            switch (outcome)
            {
                case RotationBatchOutcome.Completed:
                    LogCompleted(logger, batches + 1);
                    return;
                case RotationBatchOutcome.OtherKey:
                    if (!_toldOtherKey)
                    {
                        _toldOtherKey = true;
                        LogOtherKey(logger);
                    }

                    return;
                case RotationBatchOutcome.Idle:
                    return;
            }

            _toldOtherKey = false;
            await Task.Delay(settings.Pause, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Encryption rotation completed; this replica ran the last {Batches} batch(es)")]
    private static partial void LogCompleted(ILogger logger, int batches);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An encryption rotation is running under a salt key that is not this replica's active key (ProxyAdmin__ActiveSaltKeyId); this replica leaves it to the replicas that have it active")]
    private static partial void LogOtherKey(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An encryption rotation batch failed ({Failure}) and was rolled back; it is tried again at the next look")]
    private static partial void LogBatchFailed(ILogger logger, string failure);
}
