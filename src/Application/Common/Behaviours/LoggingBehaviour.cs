using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace ProxyAdmin.Application.Common.Behaviours;

/// <summary>
/// Logs each message by name with the caller's id and the outcome. Never the message body: bodies carry
/// provider credentials and key secrets.
/// </summary>
public sealed class LoggingBehaviour<TMessage, TResponse>(ILogger<LoggingBehaviour<TMessage, TResponse>> logger, ICurrentCaller caller)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var callerId = caller.IsAuthenticated ? caller.UserId : "anonymous";
        try
        {
            var response = await next(message, cancellationToken);
            logger.LogInformation("{Message} by {Caller} succeeded in {ElapsedMs:F1} ms", typeof(TMessage).Name, callerId, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (ProxyAdminException exception)
        {
            logger.LogInformation("{Message} by {Caller} refused with {Failure} in {ElapsedMs:F1} ms", typeof(TMessage).Name, callerId, exception.GetType().Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }
}
