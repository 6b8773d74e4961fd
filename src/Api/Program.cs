using ProxyAdmin.Infrastructure.Data;

// The content root is the application's folder, so appsettings.json applies wherever the service is started from;
// a root given explicitly (--contentRoot, ASPNETCORE_CONTENTROOT, DOTNET_CONTENTROOT) still wins.
var explicitContentRoot = new ConfigurationBuilder()
    .AddEnvironmentVariables("DOTNET_")
    .AddEnvironmentVariables("ASPNETCORE_")
    .AddCommandLine(args)
    .Build()[HostDefaults.ContentRootKey];
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = string.IsNullOrEmpty(explicitContentRoot) ? AppContext.BaseDirectory : null,
});

if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
{
    builder.WebHost.UseUrls("http://localhost:4000");
}

builder.Logging.CapFrameworkCategoriesThatWriteUrls().AddTraceIdsToConsoleLines();

// The host's loggers are built with the app; this one only carries the start-up warnings of the registration, written
// as the host's console lines are (the same Logging settings, so Logging__Console__FormatterName=json applies).
const string StartupCategory = "ProxyAdmin.Startup";
using (var startupLogging = LoggerFactory.Create(logging => logging
    .AddConfiguration(builder.Configuration.GetSection("Logging"))
    .AddConsole()
    .AddTraceIdsToConsoleLines()))
{
    // Not disposed: it may be the console itself.
    var console = JsonConsoleLines.For(builder.Configuration, Console.Out, StartupCategory);
    builder.Services.AddInfrastructureServices(builder.Configuration, console, startupLogging.CreateLogger(StartupCategory));
    console.Flush();
}

builder.Services.AddApplicationServices();
builder.Services.AddApiServices(builder.Configuration);

var app = builder.Build();
app.UseProxyAdminApi();

try
{
    await DatabaseInitializer.InitializeAsync(app.Services);
}
catch (Exception exception) when (DatabaseInitializer.IsUnusableDatabase(exception))
{
    // A database that cannot be opened (locked, not a database, unreachable, no permission) is an operator's problem
    // to fix, not a crash: one line saying what and why, and a failing exit code. The connection string is not
    // printed: it may hold a password.
    Console.Error.WriteLine($"ProxyAdmin cannot start: the database could not be opened or migrated ({exception.GetType().Name}: {exception.Message}). Check ConnectionStrings__ProxyAdmin and that no other program holds the database.");
    return 1;
}

await app.RunAsync();
return 0;

/// <summary>Entry point; public so functional tests can host it with WebApplicationFactory.</summary>
public partial class Program;
