using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace ProxyAdmin.Application.Common.Behaviours;

/// <summary>
/// Logs each message by name with the caller's id and the outcome. Never the message body: bodies carry
/// provider credentials and key secrets.
/// </summary>
public sealed partial class LoggingBehaviour<TMessage, TResponse>(ILogger<LoggingBehaviour<TMessage, TResponse>> logger, ICurrentCaller caller)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    private static readonly string MessageName = typeof(TMessage).Name;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var callerId = caller.IsAuthenticated ? caller.Principal.Id : "anonymous";
        try
        {
            var response = await next(message, cancellationToken);
            var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            LogSucceeded(logger, MessageName, callerId, elapsedMs);
            return response;
        }
        catch (ProxyAdminException exception)
        {
            var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var failure = exception.GetType().Name;
            LogRefused(logger, MessageName, callerId, failure, elapsedMs);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Message} by {Caller} succeeded in {ElapsedMs:F1} ms")]
    private static partial void LogSucceeded(ILogger logger, string message, string caller, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Message} by {Caller} refused with {Failure} in {ElapsedMs:F1} ms")]
    private static partial void LogRefused(ILogger logger, string message, string caller, string failure, double elapsedMs);
}
