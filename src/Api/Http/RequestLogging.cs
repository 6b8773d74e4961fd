using System.Diagnostics;

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
    /// Filters added after the configuration's, so for the same category they win over a configured level; a
    /// provider-specific setting (<c>Logging:Console:LogLevel</c>) for exactly these categories would still win.
    /// </summary>
    public static ILoggingBuilder CapFrameworkCategoriesThatWriteUrls(this ILoggingBuilder logging) => logging
        .AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning)
        .AddFilter("Microsoft.AspNetCore.Routing", LogLevel.Information)
        .AddFilter("Microsoft.AspNetCore.Mvc.Infrastructure.ControllerActionInvoker", LogLevel.Debug);

    /// <summary>Logs method, route template, status and duration of every request once it has been answered.</summary>
    public static IApplicationBuilder UseRequestLog(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        return app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var route = RouteOf(context);
                LogRequest(logger, context.Request.Method, route, context.Response.StatusCode, elapsedMs);
            }
        });
    }

    /// <summary>The route template the request matched (<c>/key/{key}/regenerate</c>), safe to log; never the path.</summary>
    public static string RouteOf(HttpContext context) =>
        (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText is { } template ? "/" + template.TrimStart('/') : "(no route)";

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Method} {Route} answered {StatusCode} in {ElapsedMilliseconds:0.0} ms")]
    private static partial void LogRequest(ILogger logger, string method, string route, int statusCode, double elapsedMilliseconds);
}
