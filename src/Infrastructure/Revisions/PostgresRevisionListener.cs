using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using ProxyAdmin.Infrastructure.Data;

namespace ProxyAdmin.Infrastructure.Revisions;

/// <summary>
/// On PostgreSQL, the push next to the poll: one connection of its own that <c>LISTEN</c>s on
/// <see cref="RevisionCounter.Channel"/>, so a commit through any replica reaches this one's tracker as soon as the
/// server delivers it rather than at the next poll. Whenever the connection is (re)established the key cache is dropped
/// whole and the row is read at once, since nothing says what was committed while nobody listened; when it is lost,
/// the cache is dropped too, and the poll carries on alone until the listener is back. A connection that stays quiet
/// is checked every <see cref="Heartbeat"/>, so a silently dead one is noticed.
/// </summary>
internal sealed partial class PostgresRevisionListener(
    DatabaseSettings database,
    RevisionTracker tracker,
    ILogger<PostgresRevisionListener> logger) : BackgroundService
{
    public const string ApplicationName = "proxyadmin-revision-listener";

    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);

    private int _connections;
    private bool _lost;

    /// <summary>How many times the listener has (re)connected; tests wait on it.</summary>
    public int Connections => Volatile.Read(ref _connections);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                tracker.Forget();
                if (!_lost)
                {
                    _lost = true;
                    LogLost(logger, exception.GetType().Name);
                }
            }

            try
            {
                await Task.Delay(ReconnectDelay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        // Outside the pool: a pooled connection is reset (UNLISTEN *) whenever it goes back.
        var connectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false, ApplicationName = ApplicationName };
        await using var connection = new NpgsqlConnection(connectionString.ConnectionString);
        connection.Notification += (_, notification) =>
        {
            if (long.TryParse(notification.Payload, NumberStyles.None, CultureInfo.InvariantCulture, out var revision))
            {
                tracker.Notified(revision);
            }
        };
        await connection.OpenAsync(stoppingToken);
        await using (var listen = new NpgsqlCommand($"LISTEN {RevisionCounter.Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        tracker.Forget();
        tracker.RequestPoll();
        Interlocked.Increment(ref _connections);
        if (_lost)
        {
            _lost = false;
            LogReconnected(logger);
        }

        while (true)
        {
            if (!await connection.WaitAsync(Heartbeat, stoppingToken))
            {
                await using var ping = new NpgsqlCommand("SELECT 1", connection);
                await ping.ExecuteScalarAsync(stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The revision listener lost its connection ({Failure}); the key cache was dropped and the poll carries on alone")]
    private static partial void LogLost(ILogger logger, string failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "The revision listener is connected again; the key cache was dropped")]
    private static partial void LogReconnected(ILogger logger);
}
