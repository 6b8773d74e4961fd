using Microsoft.Extensions.Logging;

namespace ProxyAdmin.Benchmarks.Sockets;

/// <summary>
/// Stands in for the console: every message the service's configured levels let through is formatted, as a console
/// logger would format it, and then dropped, so the figures include logging's cost but the terminal carries only figures.
/// </summary>
internal sealed class DiscardingLoggerProvider : ILoggerProvider
{
    private long _formattedCharacters;

    /// <summary>How much was formatted: a service that logs per request shows it here.</summary>
    public long FormattedCharacters => Interlocked.Read(ref _formattedCharacters);

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(DiscardingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Interlocked.Add(ref owner._formattedCharacters, formatter(state, exception).Length);
    }
}
