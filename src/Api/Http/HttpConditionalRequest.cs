using Microsoft.Net.Http.Headers;
using ProxyAdmin.Application.Common.Interfaces;

namespace ProxyAdmin.Api.Http;

/// <summary>
/// The request's <c>If-Match</c> and the answer's <c>ETag</c>, for the application layer. The tag is set on the response
/// as soon as a handler names it: a failure after that (a rolled-back commit) clears the response before the error
/// envelope is written, so only a successful answer keeps it, and a retried command sets it again.
/// </summary>
public sealed class HttpConditionalRequest(IHttpContextAccessor accessor, ConditionalWriteSettings settings) : IConditionalRequest
{
    public string? IfMatch => accessor.HttpContext?.Request.Headers.IfMatch is { Count: > 0 } values ? string.Join(", ", values.ToArray()) : null;

    public bool IfMatchRequired => settings.RequireIfMatch;

    public void AnswerWith(string entityTag)
    {
        if (accessor.HttpContext is { Response.HasStarted: false } context)
        {
            context.Response.Headers[HeaderNames.ETag] = entityTag;
        }
    }
}
