using Microsoft.Net.Http.Headers;
using ProxyAdmin.Application.Common.Interfaces;

namespace ProxyAdmin.Api.Http;

/// <summary>
/// The request's <c>dry_run</c> query parameter and the answer's <c>x-proxyadmin-dry-run</c>, for the application layer.
/// <c>true</c> or <c>false</c> in any case, sent once; absent is <c>false</c>; anything else is a 400 naming it, so a
/// misspelt value never writes what the caller meant only to try.
/// </summary>
public sealed class HttpDryRunRequest(IHttpContextAccessor accessor) : IDryRunRequest
{
    public const string Parameter = "dry_run";

    public const string Header = "x-proxyadmin-dry-run";

    public bool IsDryRun
    {
        get
        {
            if (accessor.HttpContext is not { Request.Query: var query } || !query.TryGetValue(Parameter, out var values))
            {
                return false;
            }

            if (values.Count == 1 && (bool.TrueString.Equals(values[0], StringComparison.OrdinalIgnoreCase)
                || bool.FalseString.Equals(values[0], StringComparison.OrdinalIgnoreCase)))
            {
                return bool.TrueString.Equals(values[0], StringComparison.OrdinalIgnoreCase);
            }

            throw new BadRequestException(
                values.Count > 1
                    ? "dry_run was sent more than once: send it once, true or false."
                    : "dry_run must be true or false.",
                Parameter);
        }
    }

    public void MarkDryRun()
    {
        if (accessor.HttpContext is { Response.HasStarted: false } context)
        {
            context.Response.Headers[Header] = "true";

            // The tag of a version that was rolled back names nothing stored: a later write could give it to other content.
            context.Response.Headers.Remove(HeaderNames.ETag);
        }
    }
}
