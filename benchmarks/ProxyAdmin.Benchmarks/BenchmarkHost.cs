using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace ProxyAdmin.Benchmarks;

/// <summary>
/// The real service, in this process (ASP.NET Core's TestServer: the whole middleware, MVC, Mediator, EF
/// Core and SQLite stack, without sockets), on a SQLite file in a fresh temporary folder, migrated at start
/// exactly as production does. Logging providers are removed so the console carries only figures (and so
/// the figures do not include console logging).
/// </summary>
internal sealed class BenchmarkHost : WebApplicationFactory<Program>
{
    /// <summary>Known to the benchmark only; never printed.</summary>
    public const string MasterKey = "sk-benchmark-master-key-not-a-secret";

    private readonly bool _ownsDirectory;

    public BenchmarkHost()
    {
        Directory = Path.Combine(Path.GetTempPath(), "proxyadmin-bench-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        _ownsDirectory = true;
    }

    /// <summary>A second service on <paramref name="first"/>'s database, as a second replica is; the first one cleans up.</summary>
    public BenchmarkHost(BenchmarkHost first) => Directory = first.Directory;

    public string Directory { get; }

    public string DatabasePath => Path.Combine(Directory, "proxyadmin.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:ProxyAdmin", $"Data Source={DatabasePath}");
        builder.UseSetting("ProxyAdmin:MasterKey", MasterKey);
        builder.UseSetting("ProxyAdmin:SaltKey", "benchmark-salt-key-not-a-secret");
        builder.ConfigureLogging(logging => logging.ClearProviders());
    }

    /// <summary>A client that presents <paramref name="apiKey"/> as a bearer token.</summary>
    public HttpClient ClientWith(string apiKey)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!_ownsDirectory)
        {
            return;
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
