using Microsoft.Extensions.Logging;

namespace ProxyAdmin.Application.UnitTests.TestSupport;

/// <summary>Keeps everything that reaches the logger: formatted messages, structured values, scopes and exceptions.</summary>
public sealed class CapturingLogger<T> : ILogger<T>
{
    public List<string> Messages { get; } = [];

    /// <summary>Every piece of text a log sink could write.</summary>
    public List<string> AllOutput { get; } = [];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull
    {
        AllOutput.Add(state.ToString() ?? string.Empty);
        return null;
    }

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var message = formatter(state, exception);
        Messages.Add(message);
        AllOutput.Add(message);
        if (state is IEnumerable<KeyValuePair<string, object?>> values)
        {
            AllOutput.AddRange(values.Select(pair => $"{pair.Key}={pair.Value}"));
        }

        if (exception is not null)
        {
            AllOutput.Add(exception.ToString());
        }
    }
}
