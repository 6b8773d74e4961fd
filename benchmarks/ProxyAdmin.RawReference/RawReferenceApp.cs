using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace ProxyAdmin.RawReference;

/// <summary>
/// Builds the raw reference: Kestrel on a loopback port, five request delegates, no logging, no configuration files.
/// It serves a database ProxyAdmin has migrated and filled; it never changes the schema.
/// </summary>
public static class RawReferenceApp
{
    public static WebApplication Create(RawProvider provider, string connectionString, string masterKey, int port)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(RawReferenceApp).Assembly.GetName().Name });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, port));

        var app = builder.Build();
        var store = new RawStore(provider == RawProvider.Sqlite ? new SqliteDialect(connectionString) : new PostgresDialect(connectionString), masterKey);
        app.Lifetime.ApplicationStopped.Register(() => store.DisposeAsync().AsTask().GetAwaiter().GetResult());
        var endpoints = new RawEndpoints(store);
        app.MapGet("/health/liveliness", RawEndpoints.LivelinessAsync);
        app.MapGet("/key/info", endpoints.KeyInfoAsync);
        app.MapGet("/project/info", endpoints.ProjectInfoAsync);
        app.MapGet("/v2/project/list", endpoints.ProjectPageAsync);
        app.MapPost("/project/new", endpoints.CreateProjectAsync);
        return app;
    }
}
