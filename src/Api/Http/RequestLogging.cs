using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace ProxyAdmin.Api.Http;

/// <summary>
/// Request logging that cannot leak a key. LiteLLM's routes put keys in URLs (<c>/key/info?key=</c>,
/// <c>/key/{key}/regenerate</c>), and three framework categories write URLs or action arguments as they are:
/// ASP.NET's "Request starting/finished" lines, the router's Debug lines and MVC's Trace lines with the action's
/// arguments. Those are capped here, in code, so no log-level setting can switch them back on; in their place
/// one line per request names the route <em>template</em>, never the path or query that was sent.
/// </summary>
public static partial class RequestLogging
{
    public const string Category = "ProxyAdmin.Api.Requests";

    /// <summary>
    /// The levels below which those categories never log, whatever the configuration says (<see cref="LogLevelCaps"/>):
    /// a cap only raises a level; a category configured stricter (<c>Microsoft.AspNetCore: Warning</c>) stays so.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, LogLevel> FrameworkCaps = new Dictionary<string, LogLevel>(StringComparer.Ordinal)
    {
        ["Microsoft.AspNetCore.Hosting.Diagnostics"] = LogLevel.Warning,
        ["Microsoft.AspNetCore.Routing"] = LogLevel.Information,
        ["Microsoft.AspNetCore.Mvc.Infrastructure.ControllerActionInvoker"] = LogLevel.Debug,
    };

    /// <summary>Caps the framework categories that write URLs (<see cref="FrameworkCaps"/>); applied after every configured rule.</summary>
    public static ILoggingBuilder CapFrameworkCategoriesThatWriteUrls(this ILoggingBuilder logging)
    {
        logging.Services.AddSingleton<IPostConfigureOptions<LoggerFilterOptions>>(new LogLevelCaps(FrameworkCaps));
        return logging;
    }

    /// <summary>
    /// Logs method, route template, status and duration of every request once it has been answered. Routing has chosen
    /// the endpoint before this runs; the exception handler forgets it (it clears the endpoint before it answers), so
    /// the endpoint is taken on the way in and given back on the way out, and a request that ended in an error keeps its
    /// route template here, in ASP.NET Core's <c>http.route</c> metric label and in its span's name.
    /// </summary>
    public static IApplicationBuilder UseRequestLog(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        return app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            var endpoint = context.GetEndpoint();
            try
            {
                await next(context);
            }
            finally
            {
                if (endpoint is not null && context.GetEndpoint() is null)
                {
                    context.SetEndpoint(endpoint);
                }

                var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var route = RouteOf(context);
                LogRequest(logger, context.Request.Method, route, context.Response.StatusCode, elapsedMs);
            }
        });
    }

    /// <summary>
    /// The route template the request matched (<c>/key/{key}/regenerate</c>), safe to log; never the path. Inside the
    /// exception handler, which has cleared the endpoint, the one the failure happened in.
    /// </summary>
    public static string RouteOf(HttpContext context) =>
        (context.GetEndpoint() ?? context.Features.Get<IExceptionHandlerFeature>()?.Endpoint) is RouteEndpoint { RoutePattern.RawText: { } template }
            ? "/" + template.TrimStart('/')
            : "(no route)";

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Method} {Route} answered {StatusCode} in {ElapsedMilliseconds:0.0} ms")]
    private static partial void LogRequest(ILogger logger, string method, string route, int statusCode, double elapsedMilliseconds);
}
