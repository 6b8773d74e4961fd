using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ProxyAdmin.Benchmarks.Sockets;

/// <summary>
/// ProxyAdmin itself, in this process, served by Kestrel on a loopback port (WebApplicationFactory's Kestrel mode): the
/// whole production pipeline, configured by its own appsettings.json (log levels included; see
/// <see cref="DiscardingLoggerProvider"/>), migrated at start as production does.
/// </summary>
internal sealed class ServiceHost : WebApplicationFactory<Program>
{
    public const string MasterKey = "sk-benchmark-master-key-not-a-secret";

    private readonly BenchDatabase _database;

    public ServiceHost(BenchDatabase database, int port)
    {
        _database = database;
        Port = port;
        UseKestrel(options => options.Listen(IPAddress.Loopback, port));
    }

    public int Port { get; }

    public DiscardingLoggerProvider Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ProxyAdmin:Database:Provider", _database.Provider.ToString());
        builder.UseSetting("ConnectionStrings:ProxyAdmin", _database.ConnectionString);
        builder.UseSetting("ProxyAdmin:MasterKey", MasterKey);
        builder.UseSetting("ProxyAdmin:SaltKey", "benchmark-salt-key-not-a-secret");
        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            logging.Services.AddSingleton<ILoggerProvider>(Logs);
        });
    }
}
