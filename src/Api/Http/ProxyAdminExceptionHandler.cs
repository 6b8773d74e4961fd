using System.Text;
using Microsoft.AspNetCore.Diagnostics;
using ProxyAdmin.Application.Common.Interfaces;
using ProxyAdmin.Domain.Common;

namespace ProxyAdmin.Api.Http;

/// <summary>
/// Maps expected failures to their status by pattern (so subclasses work too). Anything unexpected is a
/// 500 with a fixed message; its details go to the log, never to the caller. A body the server could not read is the
/// caller's fault: over the size limit (413, naming it), not text in the charset its <c>Content-Type</c> names (400).
/// </summary>
public sealed partial class ProxyAdminExceptionHandler(ILogger<ProxyAdminExceptionHandler> logger, RequestLimits limits) : IExceptionHandler
{
    private const string UndecodableBody = "The request body is not text in the charset its Content-Type names; send it as UTF-8 JSON.";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, message, param, errors) = exception switch
        {
            ValidationException validation => (400, validation.Message, validation.Param,
                validation.Errors.Select(e => new ErrorField { Param = e.Param, Message = e.Message }).ToList()),
            BadRequestException bad => (400, bad.Message, bad.Param, null),
            DomainRuleException rule => (400, rule.Message, rule.Param, null),
            UnauthenticatedException unauthenticated => (401, unauthenticated.Message, null, null),
            ForbiddenAccessException forbidden => (403, forbidden.Message, forbidden.Param, null),
            NotFoundException notFound => (404, notFound.Message, notFound.Param, null),
            ConflictException conflict => (409, conflict.Message, conflict.Param, null),
            PreconditionFailedException stale => (412, stale.Message, stale.Param, null),
            PreconditionRequiredException required => (428, required.Message, required.Param, null),
            ServiceBusyException busy => (503, busy.Message, null, null),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (413, limits.BodyTooLargeMessage, null, null),
            BadHttpRequestException badRequest => (badRequest.StatusCode, "The request could not be read.", null, (List<ErrorField>?)null),
            DecoderFallbackException => (400, UndecodableBody, null, new List<ErrorField> { new() { Param = "body", Message = UndecodableBody } }),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, "The client closed the request.", null, null),
            _ when httpContext.RequestServices.GetService<IUnitOfWork>()?.IsTransientFailure(exception) == true =>
                (503, "The database is busy. Send the request again.", null, null),
            _ => (500, "Internal server error. The failure has been logged.", null, null),
        };

        if (status == 500)
        {
            // The route template, not the path: a path can carry a key (/key/{key}/regenerate).
            var route = RequestLogging.RouteOf(httpContext);
            LogUnhandled(logger, exception, httpContext.Request.Method, route);
        }

        if (status == 503)
        {
            var route = RequestLogging.RouteOf(httpContext);
            LogBusy(logger, httpContext.Request.Method, route);
            httpContext.Response.Headers.RetryAfter = "1";
        }

        if (httpContext.Response.HasStarted)
        {
            return false;
        }

        if (exception is PreconditionFailedException { CurrentEntityTag: var current })
        {
            // The stored version's tag, so a client can decide on the fresh state without a second read of the tag.
            HttpConditionalRequest.AnswerRefusalWith(httpContext, current);
        }

        await ErrorResponseWriter.WriteAsync(httpContext, status, message, param, errors);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled failure on {Method} {Route}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string route);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database refused {Method} {Route} as busy")]
    private static partial void LogBusy(ILogger logger, string method, string route);
}
