using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using ProxyAdmin.Api.Telemetry;
using ProxyAdmin.Application.Common.Security;

namespace ProxyAdmin.Api.Http;

/// <summary>
/// Reads the key from any header LiteLLM accepts it in (<see cref="PresentedApiKey"/>) and resolves the caller.
/// Failures are answered in the error envelope as 401 <c>auth_error</c>; no message repeats more of a presented key
/// than its last four characters. An address that failed too often this minute is answered 429 instead, without its
/// key being looked at (<see cref="FailedAuthenticationLimiter"/>).
/// </summary>
/// <remarks>
/// The authenticator is resolved only once a key was presented: it needs a pooled <c>DbContext</c>, which an anonymous
/// request (a health probe, a CORS preflight, the documentation) would otherwise rent and return for nothing.
/// </remarks>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    FailedAuthenticationLimiter failures)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    private const string FailureItem = "proxy_admin_auth_failure";
    private const string ThrottledItem = "proxy_admin_auth_throttled";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedApiKey.Read(Request.Headers);
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }

        var address = Context.Connection.RemoteIpAddress;
        if (failures.BlockedFor(address) is { } retryAfter)
        {
            Context.Items[ThrottledItem] = retryAfter;
            return AuthenticateResult.Fail("Too many failed authentications.");
        }

        if (presented.Length == 0)
        {
            failures.RecordFailure(address);
            return Fail("Malformed API Key passed in. Ensure Key has `Bearer ` prefix.");
        }

        // A scraper's token on the scrape route is not a key: not looked up, and not a failed authentication.
        if (MetricsAccess.PresentsScrapeToken(Context))
        {
            return AuthenticateResult.NoResult();
        }

        var authenticator = Context.RequestServices.GetRequiredService<IApiKeyAuthenticator>();
        var outcome = await authenticator.AuthenticateAsync(presented, Context.RequestAborted);
        if (outcome.Principal is not { } principal)
        {
            failures.RecordFailure(address);
            return Fail(outcome.Failure ?? "Authentication Error.");
        }

        // The principal itself, not claims to parse back on every request (HttpCurrentCaller reads it from the identity).
        var identity = new ApiKeyIdentity(principal, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items[ThrottledItem] is TimeSpan retryAfter)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ErrorResponseWriter.WriteAsync(
                Context,
                StatusCodes.Status429TooManyRequests,
                $"Too many failed authentications from this address ({failures.FailuresPerMinute} a minute). Try again in {seconds} s.");
        }

        var message = Context.Items[FailureItem] as string ?? "No api key passed in.";
        return ErrorResponseWriter.WriteAsync(Context, StatusCodes.Status401Unauthorized, message);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ErrorResponseWriter.WriteAsync(Context, StatusCodes.Status403Forbidden, "You are not allowed to access this route.");

    private AuthenticateResult Fail(string message)
    {
        Context.Items[FailureItem] = message;
        return AuthenticateResult.Fail(message);
    }
}
