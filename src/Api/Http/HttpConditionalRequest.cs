using Microsoft.Net.Http.Headers;
using ProxyAdmin.Application.Common.Interfaces;

namespace ProxyAdmin.Api.Http;

/// <summary>
/// The request's <c>If-Match</c> and the answer's <c>ETag</c>, for the application layer. The tag is set on the response
/// as soon as a handler names it: a failure after that (a rolled-back commit) clears the response before the error
/// envelope is written, so only a successful answer keeps it, and a retried command sets it again.
/// </summary>
/// <remarks>
/// A 412 carries the current tag too (<see cref="AnswerRefusalWith"/>), but ASP.NET's exception handler middleware
/// removes <c>ETag</c> from every answer it handled, in a callback it registers when the failure reaches it. Callbacks
/// run last-registered first, so the refusal's tag is put back by a callback registered earlier: the first time a request's
/// If-Match is read, which every 412 has done. Requests without If-Match register nothing.
/// </remarks>
public sealed class HttpConditionalRequest(IHttpContextAccessor accessor, ConditionalWriteSettings settings) : IConditionalRequest
{
    private static readonly object RefusalTag = new();

    public string? IfMatch
    {
        get
        {
            // An empty If-Match is an empty list, as absent (RFC 9110 ignores empty list elements): the generated
            // TypeScript client sends "If-Match: " when the caller gives no tag.
            if (accessor.HttpContext is not { Request.Headers.IfMatch: { Count: > 0 } values } context
                || values.All(string.IsNullOrWhiteSpace))
            {
                return null;
            }

            if (!context.Items.ContainsKey(RefusalTag))
            {
                context.Items[RefusalTag] = null;
                context.Response.OnStarting(RestoreRefusalTag, context);
            }

            return string.Join(", ", values.ToArray());
        }
    }

    public bool IfMatchRequired => settings.RequireIfMatch;

    public void AnswerWith(string entityTag)
    {
        if (accessor.HttpContext is { Response.HasStarted: false } context)
        {
            context.Response.Headers[HeaderNames.ETag] = entityTag;
        }
    }

    public string? AnsweredEntityTag =>
        accessor.HttpContext?.Response.Headers.ETag is { Count: > 0 } tag ? tag.ToString() : null;

    /// <summary>The current tag a 412 answers with.</summary>
    public static void AnswerRefusalWith(HttpContext context, string currentEntityTag)
    {
        context.Items[RefusalTag] = currentEntityTag;
        context.Response.Headers[HeaderNames.ETag] = currentEntityTag;
    }

    private static Task RestoreRefusalTag(object state)
    {
        var context = (HttpContext)state;
        if (context.Items[RefusalTag] is string tag)
        {
            context.Response.Headers[HeaderNames.ETag] = tag;
        }

        return Task.CompletedTask;
    }
}
