using Microsoft.Extensions.Logging.Console;

namespace ProxyAdmin.Api.Http;

/// <summary>
/// Every console line written while a request is handled carries its trace id (and span id): the logging scope of the
/// current <see cref="System.Diagnostics.Activity"/> (<see cref="ActivityTrackingOptions"/>), which every console
/// formatter (<c>simple</c>, <c>json</c>, <c>systemd</c>) is made to write. It is the only scope they write
/// (<see cref="TraceScopeFormatter"/>): ASP.NET's request scope holds the request's path, and LiteLLM's routes put
/// keys in paths. Applied to the host's logging and to the start-up logger alike, so
/// <c>Logging__Console__FormatterName=json</c> makes every line JSON, start-up lines included.
/// </summary>
public static class TraceScopedConsole
{
    /// <summary>Call after <c>AddConsole</c>: it wraps the console formatters registered so far.</summary>
    public static ILoggingBuilder AddTraceIdsToConsoleLines(this ILoggingBuilder logging)
    {
        logging.Configure(options => options.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        logging.Services.PostConfigure<SimpleConsoleFormatterOptions>(options => options.IncludeScopes = true);
        logging.Services.PostConfigure<JsonConsoleFormatterOptions>(options => options.IncludeScopes = true);
        logging.Services.PostConfigure<ConsoleFormatterOptions>(options => options.IncludeScopes = true);

        var formatters = logging.Services.Where(descriptor => descriptor.ServiceType == typeof(ConsoleFormatter)
            && descriptor.ImplementationType is { } type && type != typeof(TraceScopeFormatter)).ToList();
        foreach (var formatter in formatters)
        {
            var type = formatter.ImplementationType!;
            logging.Services.Remove(formatter);
            logging.Services.Add(ServiceDescriptor.Singleton<ConsoleFormatter>(provider =>
                new TraceScopeFormatter((ConsoleFormatter)ActivatorUtilities.CreateInstance(provider, type))));
        }

        return logging;
    }
}
