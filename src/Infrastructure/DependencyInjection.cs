using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using ProxyAdmin.Application.Audit;
using ProxyAdmin.Application.Budgets;
using ProxyAdmin.Application.Credentials;
using ProxyAdmin.Application.Encryption;
using ProxyAdmin.Application.Projects;
using ProxyAdmin.Application.Common.Specifications;
using ProxyAdmin.Application.Health;
using ProxyAdmin.Application.Keys;
using ProxyAdmin.Application.Models;
using ProxyAdmin.Application.Organizations;
using ProxyAdmin.Application.Teams;
using ProxyAdmin.Application.Users;
using ProxyAdmin.Infrastructure;
using ProxyAdmin.Infrastructure.Data;
using ProxyAdmin.Infrastructure.Data.Direct;
using ProxyAdmin.Infrastructure.Data.Repositories;
using ProxyAdmin.Infrastructure.Encryption;
using ProxyAdmin.Infrastructure.Idempotency;
using ProxyAdmin.Infrastructure.Json;
using ProxyAdmin.Infrastructure.Models;
using ProxyAdmin.Infrastructure.Revisions;
using ProxyAdmin.Infrastructure.Security;

// Placed in this namespace so the composition root finds it without extra usings, as ASP.NET's own extensions are.
namespace Microsoft.Extensions.DependencyInjection;

public static class InfrastructureServiceCollectionExtensions
{
    /// <summary>
    /// Reads the infrastructure's settings from <paramref name="configuration"/> now, while the services are
    /// registered (a wrong setting stops the start), and registers the database, secrets, repositories and
    /// the rest of Infrastructure.
    /// </summary>
    /// <param name="console">Where a master key generated for this run is printed, once. Never a logger: log
    /// sinks are shipped and kept, the console of this run is not.</param>
    /// <param name="startupLogger">Where the warning about a generated salt key file goes (the host's loggers
    /// do not exist yet while services are registered).</param>
    public static IServiceCollection AddInfrastructureServices(
        this IServiceCollection services,
        IConfiguration configuration,
        TextWriter console,
        ILogger startupLogger)
    {
        var database = SettingsReader.Database(configuration);
        var secrets = SettingsReader.Secrets(configuration, database, console, startupLogger);
        var configModels = SettingsReader.ConfigModels(configuration);
        var alerting = SettingsReader.Alerting(configuration);
        var modelManagement = SettingsReader.ModelManagement(configuration);
        var revision = SettingsReader.Revision(configuration);
        var encryptionRotation = SettingsReader.EncryptionRotation(configuration);
        var idempotency = SettingsReader.Idempotency(configuration);

        services.AddSingleton(database);
        services.AddSingleton(secrets);

        // Every .NET host registers the meter factory; hosts that compose Infrastructure alone get it here. The
        // instruments are Infrastructure's own (Application's WriteMetrics aside); the Api decides who listens.
        services.AddMetrics();
        services.AddSingleton<KeyCacheMetrics>();
        services.AddSingleton<EncryptionMetrics>();
        services.AddSingleton<AuditMetrics>();
        services.AddSingleton<RevisionMetrics>();
        // Pooled contexts: a request reuses a context (its services, model and caches) instead of building one; the
        // contexts hold no state of their own beyond what EF resets (UnitOfWork keeps the transaction's, per scope).
        switch (database.Provider)
        {
            case DatabaseProvider.SqlServer:
                // No EnableRetryOnFailure: a retrying execution strategy refuses the transaction every command opens
                // (EF: "does not support user-initiated transactions"). The transaction behaviour retries the whole
                // command instead, on the failures UnitOfWork.IsTransientFailure names.
                services.AddDbContextPool<SqlServerProxyAdminDbContext>(options => options
                    .UseSqlServer(database.ConnectionString)
                    .ConfigureWarnings(QuietCommandsStrictIncludes));
                services.AddScoped<ProxyAdminDbContext>(sp => sp.GetRequiredService<SqlServerProxyAdminDbContext>());
                break;
            case DatabaseProvider.Postgres:
                // No EnableRetryOnFailure either, for the same reason; UnitOfWork names PostgreSQL's transient failures.
                services.AddDbContextPool<PostgresProxyAdminDbContext>(options => options
                    // No automatic preparation (Npgsql's default): with Max Auto Prepare 64 the fuzz test met connections
                    // out of step with the server ("Received unexpected backend message DataRow"), a 500 for whichever
                    // request came next on them; README, "PostgreSQL and SQL Server".
                    .UseNpgsql(database.ConnectionString)
                    .AddInterceptors(PostgresUnstorableText.Interceptor)
                    .ConfigureWarnings(QuietCommandsStrictIncludes));
                services.AddScoped<ProxyAdminDbContext>(sp => sp.GetRequiredService<PostgresProxyAdminDbContext>());
                services.AddSingleton<DirectReads, PostgresDirectReads>();
                break;
            default:
                // Per host, not static: the read sessions' connections are closed with the host that opened them.
                services.AddSingleton<SqliteReadSessions>();
                services.AddDbContextPool<SqliteProxyAdminDbContext>((provider, options) => options
                    .UseSqlite(database.ConnectionString)
                    .AddInterceptors(
                        SqliteBusyTimeout.Interceptor,
                        provider.GetRequiredService<SqliteReadSessions>(),
                        SqliteWriteStatements.Interceptor)
                    .ConfigureWarnings(QuietCommandsStrictIncludes));
                services.AddScoped<ProxyAdminDbContext>(sp => sp.GetRequiredService<SqliteProxyAdminDbContext>());
                services.AddSingleton<SqliteWriteGate>();
                services.AddSingleton<SqliteDatabaseFile>();
                services.AddSingleton<DirectReads, SqliteDirectReads>();
                break;
        }

        services.AddScoped<AuditChainAppender>();
        services.AddScoped<IUnitOfWork, UnitOfWork>();
        services.AddScoped<IAuditTrail, AuditTrail>();

        // The Api replaces this with MVC's own options object (WireJsonOptions says why); this default serves hosts without MVC.
        services.TryAddSingleton(WireJsonOptions.CreateDefault());

        services.AddScoped<IReadRepository, ReadRepository>();
        services.AddScoped<IUserRepository, UserRepository>();
        services.AddScoped<IVirtualKeyRepository, VirtualKeyRepository>();
        services.AddScoped<ITeamRepository, TeamRepository>();
        services.AddScoped<IProjectRepository, ProjectRepository>();
        services.AddScoped<IBudgetRepository, BudgetRepository>();
        services.AddTransient<IOrganizationRepository, OrganizationRepository>();   // transient: see OrganizationStanding's registration
        services.AddScoped<IModelRepository, ModelRepository>();
        services.AddScoped<ICredentialRepository, CredentialRepository>();
        services.AddScoped<IEncryptionRepository, EncryptionRepository>();
        services.AddScoped<IIdempotencyRecords, IdempotencyRecordRepository>();
        services.AddSingleton<IWireJson, WireJson>();
        services.AddSingleton(idempotency);
        services.AddHostedService<IdempotencyPurgeRunner>();
        services.AddSingleton(encryptionRotation);
        services.AddSingleton<EncryptionRotationRunner>();
        services.AddSingleton<IEncryptionRotationSignal>(sp => sp.GetRequiredService<EncryptionRotationRunner>());
        services.AddHostedService(sp => sp.GetRequiredService<EncryptionRotationRunner>());
        services.AddSingleton<ISecretProtector, AesGcmSecretProtector>();
        services.AddSingleton(configModels);
        services.AddSingleton(alerting);
        services.AddSingleton(modelManagement);
        services.AddHttpClient(WebhookModelAlerts.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(5));
        services.AddSingleton<IModelAlerts, WebhookModelAlerts>();
        services.AddScoped<IAuditLogRepository, AuditLogRepository>();
        services.AddScoped<IDatabaseProbe, DatabaseProbe>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>(
            DatabaseHealthCheck.Name,
            Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy,
            tags: [],
            timeout: DatabaseHealthCheck.Timeout);

        services.AddMemoryCache(options => options.SizeLimit = 100_000);
        services.AddSingleton<KeyLookupCache>();
        AddRevisionTracking(services, revision, database.Provider);
        services.AddSingleton<IVirtualKeySecrets, VirtualKeySecrets>();
        services.AddScoped<IKeyRouteRestrictions, KeyRouteRestrictions>();
        services.AddScoped<IApiKeyAuthenticator, ApiKeyAuthenticator>();
        return services;
    }

    /// <summary>
    /// Every executed SQL statement is logged at Debug, not EF's Information: a service left at the usual Information
    /// (or started without its appsettings.json) would otherwise write every statement, gigabytes an hour under load.
    /// Opt in with <c>Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command: Debug</c>.
    /// </summary>
    private static void QuietCommandsStrictIncludes(WarningsConfigurationBuilder warnings) => warnings
        .Throw(RelationalEventId.MultipleCollectionIncludeWarning)
        .Log((RelationalEventId.CommandExecuted, LogLevel.Debug));

    /// <summary>
    /// The revision this replica has applied, and how it learns of newer ones: the poll of the revision row, on every
    /// provider, and on PostgreSQL also the push of LISTEN/NOTIFY (README, "Running several replicas").
    /// </summary>
    private static void AddRevisionTracking(IServiceCollection services, RevisionSettings settings, DatabaseProvider provider)
    {
        services.AddSingleton(settings);

        // The Application layer registers the clock too; hosts that compose Infrastructure alone get the system's.
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<RevisionTracker>();
        services.AddSingleton<IAppliedRevision>(sp => sp.GetRequiredService<RevisionTracker>());
        services.AddHostedService<RevisionPoller>();
        if (provider == DatabaseProvider.Postgres && settings.Listen)
        {
            services.AddSingleton<PostgresRevisionListener>();
            services.AddHostedService(sp => sp.GetRequiredService<PostgresRevisionListener>());
        }
    }
}
