using System.Buffers;
using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace ProxyAdmin.Api.Http;

/// <summary>
/// Refuses, before authentication and before anything reads the body, a request larger than <see cref="RequestLimits"/>
/// allows or with a header HTTP does not allow, each in the error envelope: a URL over 8 KiB (414), headers over 32 KiB
/// or 100 (431), a header name or value with a control character or a byte above 0x7F (400, naming the header, never
/// its value: it may be a key), a body whose <c>Content-Length</c> is over the limit (413), a body whose
/// <c>Content-Type</c> does not parse (415); the body of a GET, HEAD or OPTIONS is left unread and unchecked. A body sent without a length (chunked) is counted while it is read
/// (<see cref="LimitedRequestBodyStream"/>), and its 413 comes from the exception handler. Kestrel refuses, by itself,
/// what is beyond its own, higher limits and what it cannot parse.
/// </summary>
public static class RequestLimitChecks
{
    /// <summary>What a header value may hold (RFC 9110 field-vchar, space and tab); a name, the same without space and tab.</summary>
    private static readonly SearchValues<char> ValueCharacters = SearchValues.Create("\t !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    private static readonly SearchValues<char> NameCharacters = SearchValues.Create("!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    private const string MalformedContentType = "The Content-Type header is not a well-formed media type: send the body as JSON (Content-Type: application/json).";

    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app)
    {
        var limits = app.ApplicationServices.GetRequiredService<RequestLimits>();
        return app.Use((context, next) => HandleAsync(context, next, limits));
    }

    private static Task HandleAsync(HttpContext context, RequestDelegate next, RequestLimits limits)
    {
        var request = context.Request;
        if (TargetLength(context) > RequestLimits.MaxRequestTargetBytes)
        {
            return ErrorResponseWriter.WriteAsync(
                context,
                StatusCodes.Status414UriTooLong,
                string.Create(CultureInfo.InvariantCulture, $"The request URL is longer than the {RequestLimits.MaxRequestTargetBytes:N0} bytes this service accepts."));
        }

        if (HeadersRefusal(request.Headers) is { } refusal)
        {
            return ErrorResponseWriter.WriteAsync(context, refusal.Status, refusal.Message, refusal.Param);
        }

        var length = request.ContentLength;
        var hasBody = length > 0 || (length is null && context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody != false);
        if (!hasBody || IgnoresItsBody(request.Method))
        {
            return next(context);
        }

        if (length > limits.MaxRequestBodyBytes)
        {
            return ErrorResponseWriter.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, limits.BodyTooLargeMessage);
        }

        if (request.ContentType is { } contentType && !IsWellFormed(contentType))
        {
            return ErrorResponseWriter.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, MalformedContentType);
        }

        if (length is null)
        {
            // No length (chunked, or a server that does not say): counted as it is read.
            request.Body = new LimitedRequestBodyStream(request.Body, limits);
        }

        return next(context);
    }

    /// <summary>
    /// GET, HEAD and OPTIONS: no route here reads a body sent with them (HTTP gives it no meaning), so its size and type
    /// are not the caller's mistake to be told of.
    /// </summary>
    public static bool IgnoresItsBody(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);

    /// <summary>
    /// One media type whose parameters all have a value. MVC's charset reader fails with an exception on a parameter
    /// without one (<c>application/json; charset=</c>), which was a 500.
    /// </summary>
    private static bool IsWellFormed(string contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        && mediaType.Parameters.All(parameter => !StringSegment.IsNullOrEmpty(parameter.Value));

    /// <summary>The request target as sent (path and query), or as the server decoded it when it keeps no raw form.</summary>
    private static int TargetLength(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var request = context.Request;
        return string.IsNullOrEmpty(raw)
            ? (request.PathBase.Value?.Length ?? 0) + (request.Path.Value?.Length ?? 0) + (request.QueryString.Value?.Length ?? 0)
            : raw.Length;
    }

    private static (int Status, string Message, string? Param)? HeadersRefusal(IHeaderDictionary headers)
    {
        if (headers.Count > RequestLimits.MaxRequestHeaderCount)
        {
            return (StatusCodes.Status431RequestHeaderFieldsTooLarge,
                string.Create(CultureInfo.InvariantCulture, $"The request has more than the {RequestLimits.MaxRequestHeaderCount} headers this service accepts."), null);
        }

        var total = 0;
        foreach (var (name, values) in headers)
        {
            if (name.Length == 0 || name.AsSpan().ContainsAnyExcept(NameCharacters))
            {
                return (StatusCodes.Status400BadRequest,
                    "A request header name holds a character HTTP does not allow in one (a control character, a space or a byte above 0x7F).", null);
            }

            total += name.Length;
            foreach (var value in values)
            {
                if (value is null)
                {
                    continue;
                }

                if (value.AsSpan().ContainsAnyExcept(ValueCharacters))
                {
                    return (StatusCodes.Status400BadRequest,
                        $"The request header '{name}' holds a character HTTP does not allow in a header value (a control character or a byte above 0x7F).", name);
                }

                total += value.Length;
            }
        }

        return total > RequestLimits.MaxRequestHeadersBytes
            ? (StatusCodes.Status431RequestHeaderFieldsTooLarge,
                string.Create(CultureInfo.InvariantCulture, $"The request headers are larger than the {RequestLimits.MaxRequestHeadersBytes:N0} bytes this service accepts."), null)
            : null;
    }
}
