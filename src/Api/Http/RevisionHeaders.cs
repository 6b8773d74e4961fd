using System.Globalization;
using ProxyAdmin.Application.Common.Interfaces;

namespace ProxyAdmin.Api.Http;

/// <summary>
/// Read-your-writes across replicas. Every response to a committed write carries <c>x-proxyadmin-revision</c>, the
/// database revision it committed; a request that sends <c>x-proxyadmin-min-revision: n</c> is handled only once this
/// replica has applied revision n (its key cache then holds nothing older), waiting at most the configured bound and
/// answering 503 with <c>Retry-After</c> after it. The wait comes before authentication, so even the key that
/// authenticates the request is judged as of revision n. A value that is not one whole number is a 400. The anonymous
/// probes (liveness, readiness) ignore the header: they say whether the process and the database answer, not what
/// they hold.
/// </summary>
/// <remarks>
/// Only a request with an unsafe method can commit (no <c>GET</c>, <c>HEAD</c> or <c>OPTIONS</c> route sends a command;
/// <c>SafeMethodRoutesSendNoCommandTests</c> pins it), so only those look for a committed revision: looking means
/// resolving the unit of work, which rents a pooled <c>DbContext</c> that a read without one would not need.
/// </remarks>
public static class RevisionHeaders
{
    public const string Revision = "x-proxyadmin-revision";
    public const string MinRevision = "x-proxyadmin-min-revision";

    public static IApplicationBuilder UseRevisionHeaders(this IApplicationBuilder app) => app.Use(HandleAsync);

    private static async Task HandleAsync(HttpContext context, RequestDelegate next)
    {
        if (!IsSafe(context.Request.Method))
        {
            context.Response.OnStarting(AddCommittedRevision, context);
        }

        if (context.Request.Headers.TryGetValue(MinRevision, out var values)
            && context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is null)
        {
            if (values.Count != 1 || !long.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var wanted))
            {
                await ErrorResponseWriter.WriteAsync(
                    context,
                    StatusCodes.Status400BadRequest,
                    $"'{MinRevision}' must be one whole number: the revision of an '{Revision}' header.",
                    MinRevision);
                return;
            }

            var applied = context.RequestServices.GetRequiredService<IAppliedRevision>();
            if (!await applied.WaitForAsync(wanted, context.RequestAborted))
            {
                context.Response.Headers.RetryAfter = "1";
                await ErrorResponseWriter.WriteAsync(
                    context,
                    StatusCodes.Status503ServiceUnavailable,
                    $"This replica has not applied revision {wanted} yet (it is at {applied.Applied}). Nothing was done; send the request again.",
                    MinRevision);
                return;
            }
        }

        await next(context);
    }

    private static bool IsSafe(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);

    private static Task AddCommittedRevision(object state)
    {
        var context = (HttpContext)state;
        if (context.RequestServices.GetService<IUnitOfWork>()?.CommittedRevision is { } committed)
        {
            context.Response.Headers[Revision] = committed.ToString(CultureInfo.InvariantCulture);
        }

        return Task.CompletedTask;
    }
}
