using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ProxyAdmin.Infrastructure.Data;

namespace ProxyAdmin.Infrastructure.Revisions;

/// <summary>
/// Reads the revision row every <see cref="RevisionSettings.PollInterval"/> (sooner when a request waits for a
/// revision) and hands it to the <see cref="RevisionTracker"/>. It works on every provider, and it is how several
/// processes on one SQLite file, or replicas on SQL Server, learn of each other's commits; where the database can
/// push, it is the fallback that keeps working while the push channel is down. One warning when reads start failing,
/// one note when they recover: a database outage does not flood the log ten times a second.
/// </summary>
internal sealed partial class RevisionPoller(
    IServiceScopeFactory scopes,
    RevisionTracker tracker,
    TimeProvider clock,
    ILogger<RevisionPoller> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            var startedAt = clock.GetTimestamp();
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ProxyAdminDbContext>();
                tracker.Observed(await RevisionCounter.ReadAsync(db, stoppingToken), startedAt);
                if (failing)
                {
                    failing = false;
                    LogRecovered(logger);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                if (!failing)
                {
                    failing = true;
                    LogFailing(logger, exception.GetType().Name);
                }
            }

            try
            {
                await tracker.PauseBeforeNextPollAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The revision row cannot be read ({Failure}); once the last successful read is older than the cache trust, every request asks the database")]
    private static partial void LogFailing(ILogger logger, string failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "The revision row can be read again")]
    private static partial void LogRecovered(ILogger logger);
}
