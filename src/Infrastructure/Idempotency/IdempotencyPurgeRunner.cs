using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ProxyAdmin.Application.Common.Idempotency;

namespace ProxyAdmin.Infrastructure.Idempotency;

/// <summary>
/// This replica's purge of expired idempotency records: at start and every <see cref="IdempotencySettings.PurgeInterval"/>,
/// batches (<see cref="IdempotencyPurger"/>) until none is left. Every replica runs one; the write lock each batch takes
/// keeps them from deleting the same row twice.
/// </summary>
internal sealed partial class IdempotencyPurgeRunner(
    IServiceScopeFactory scopes,
    IdempotencySettings settings,
    ILogger<IdempotencyPurgeRunner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PurgeWhileThereIsWorkAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // A batch that failed rolled back; the next look deletes what it would have.
                LogPurgeFailed(logger, exception.GetType().Name);
            }

            try
            {
                await Task.Delay(settings.PurgeInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task PurgeWhileThereIsWorkAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var deleted = await scope.ServiceProvider.GetRequiredService<IdempotencyPurger>().PurgeBatchAsync(IdempotencySettings.PurgeBatchSize, stoppingToken);
            if (deleted < IdempotencySettings.PurgeBatchSize)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging expired idempotency records failed ({Failure}) and was rolled back; it is tried again at the next look")]
    private static partial void LogPurgeFailed(ILogger logger, string failure);
}
