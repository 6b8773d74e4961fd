using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProxyAdmin.Api.Http;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// The caps on the framework categories that write URLs only ever raise a level: a configuration stricter than a cap
/// stays as it is, one more lenient is held at the cap, whether it names the category, a narrower one or a provider.
/// </summary>
public sealed class LogLevelCapTests
{
    private const string Routing = "Microsoft.AspNetCore.Routing.EndpointMiddleware";
    private const string Hosting = "Microsoft.AspNetCore.Hosting.Diagnostics";
    private const string Invoker = "Microsoft.AspNetCore.Mvc.Infrastructure.ControllerActionInvoker";

    [Test]
    public void AStricterConfiguredLevelIsKept()
    {
        using var logging = Build(("Logging:LogLevel:Default", "Information"), ("Logging:LogLevel:Microsoft.AspNetCore", "Warning"));

        Assert.Multiple(() =>
        {
            Assert.That(logging.Enabled(Routing, LogLevel.Information), Is.False, "the cap of Routing (Information) must not lower the configured Warning");
            Assert.That(logging.Enabled(Invoker, LogLevel.Debug), Is.False, "the cap of the action invoker (Debug) must not lower the configured Warning");
            Assert.That(logging.Enabled(Invoker, LogLevel.Information), Is.False);
            Assert.That(logging.Enabled(Routing, LogLevel.Warning), Is.True);
            Assert.That(logging.Enabled(Hosting, LogLevel.Warning), Is.True);
        });
    }

    [Test]
    public void AStricterDefaultIsKept()
    {
        using var logging = Build(("Logging:LogLevel:Default", "Error"));

        Assert.Multiple(() =>
        {
            Assert.That(logging.Enabled(Routing, LogLevel.Warning), Is.False);
            Assert.That(logging.Enabled(Invoker, LogLevel.Warning), Is.False);
            Assert.That(logging.Enabled(Hosting, LogLevel.Warning), Is.False);
            Assert.That(logging.Enabled(Hosting, LogLevel.Error), Is.True);
        });
    }

    [Test]
    public void AMoreLenientConfiguredLevelIsHeldAtTheCap()
    {
        using var logging = Build(("Logging:LogLevel:Default", "Trace"));

        Assert.Multiple(() =>
        {
            Assert.That(logging.Enabled(Hosting, LogLevel.Information), Is.False, "ASP.NET's request lines carry the URL");
            Assert.That(logging.Enabled(Hosting, LogLevel.Warning), Is.True);
            Assert.That(logging.Enabled(Routing, LogLevel.Debug), Is.False);
            Assert.That(logging.Enabled(Routing, LogLevel.Information), Is.True);
            Assert.That(logging.Enabled(Invoker, LogLevel.Trace), Is.False, "MVC's Trace lines carry the action's arguments");
            Assert.That(logging.Enabled(Invoker, LogLevel.Debug), Is.True);
            Assert.That(logging.Enabled("Microsoft.AspNetCore.Mvc.Other", LogLevel.Trace), Is.True, "categories without a cap keep their level");
        });
    }

    [Test]
    public void ANarrowerOrProviderSpecificSettingCannotGoBelowTheCap()
    {
        var provider = typeof(LogCapture).FullName!;
        using var logging = Build(
            ("Logging:LogLevel:Default", "Warning"),
            ($"Logging:{provider}:LogLevel:Microsoft.AspNetCore.Routing", "Trace"),
            ("Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics.Request", "Trace"));

        Assert.Multiple(() =>
        {
            Assert.That(logging.Enabled(Routing, LogLevel.Debug), Is.False);
            Assert.That(logging.Enabled(Routing, LogLevel.Information), Is.True, "the provider's own, more lenient, setting applies down to the cap");
            Assert.That(logging.Enabled(Hosting + ".Request", LogLevel.Information), Is.False);
            Assert.That(logging.Enabled(Hosting + ".Request", LogLevel.Warning), Is.True);
        });
    }

    private static Logging Build(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging
            .AddConfiguration(configuration.GetSection("Logging"))
            .AddProvider(new LogCapture())
            .CapFrameworkCategoriesThatWriteUrls());
        return new Logging(services.BuildServiceProvider());
    }

    private sealed class Logging(ServiceProvider services) : IDisposable
    {
        public bool Enabled(string category, LogLevel level) =>
            services.GetRequiredService<ILoggerFactory>().CreateLogger(category).IsEnabled(level);

        public void Dispose() => services.Dispose();
    }
}
