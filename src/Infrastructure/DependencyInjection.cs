using Microsoft.EntityFrameworkCore.Diagnostics;
using ProxyAdmin.Application.Audit;
using ProxyAdmin.Application.Budgets;
using ProxyAdmin.Application.Projects;
using ProxyAdmin.Application.Common.Specifications;
using ProxyAdmin.Application.Health;
using ProxyAdmin.Application.Keys;
using ProxyAdmin.Application.Models;
using ProxyAdmin.Application.Teams;
using ProxyAdmin.Application.Users;
using ProxyAdmin.Infrastructure.Data;
using ProxyAdmin.Infrastructure.Data.Repositories;
using ProxyAdmin.Infrastructure.Models;
using ProxyAdmin.Infrastructure.Security;

// Placed in this namespace so the composition root finds it without extra usings, as ASP.NET's own extensions are.
namespace Microsoft.Extensions.DependencyInjection;

public static class InfrastructureServiceCollectionExtensions
{
    public static IServiceCollection AddInfrastructureServices(
        this IServiceCollection services,
        DatabaseSettings database,
        ServiceSecrets secrets,
        IConfigModelCatalog configModels,
        AlertingSettings alerting)
    {
        services.AddSingleton(database);
        services.AddSingleton(secrets);
        switch (database.Provider)
        {
            case DatabaseProvider.SqlServer:
                // No EnableRetryOnFailure: a retrying execution strategy refuses the transaction every command opens
                // (EF: "does not support user-initiated transactions"). The transaction behaviour retries the whole
                // command instead, on the failures UnitOfWork.IsTransientFailure names.
                services.AddDbContext<SqlServerProxyAdminDbContext>(options => options
                    .UseSqlServer(database.ConnectionString)
                    .ConfigureWarnings(w => w.Throw(RelationalEventId.MultipleCollectionIncludeWarning)));
                services.AddScoped<ProxyAdminDbContext>(sp => sp.GetRequiredService<SqlServerProxyAdminDbContext>());
                break;
            default:
                services.AddDbContext<SqliteProxyAdminDbContext>(options => options
                    .UseSqlite(database.ConnectionString)
                    .AddInterceptors(SqliteBusyTimeout.Interceptor)
                    .ConfigureWarnings(w => w.Throw(RelationalEventId.MultipleCollectionIncludeWarning)));
                services.AddScoped<ProxyAdminDbContext>(sp => sp.GetRequiredService<SqliteProxyAdminDbContext>());
                break;
        }

        services.AddScoped<IUnitOfWork, UnitOfWork>();
        services.AddScoped<IAuditTrail, AuditTrail>();
        services.AddScoped<IReadRepository, ReadRepository>();
        services.AddScoped<IUserRepository, UserRepository>();
        services.AddScoped<IVirtualKeyRepository, VirtualKeyRepository>();
        services.AddScoped<ITeamRepository, TeamRepository>();
        services.AddScoped<IProjectRepository, ProjectRepository>();
        services.AddScoped<IBudgetRepository, BudgetRepository>();
        services.AddScoped<IModelRepository, ModelRepository>();
        services.AddSingleton<ISecretProtector, AesGcmSecretProtector>();
        services.AddSingleton(configModels);
        services.AddSingleton(alerting);
        services.AddHttpClient(WebhookModelAlerts.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(5));
        services.AddSingleton<IModelAlerts, WebhookModelAlerts>();
        services.AddScoped<IAuditLogRepository, AuditLogRepository>();
        services.AddScoped<IDatabaseProbe, DatabaseProbe>();

        services.AddMemoryCache(options => options.SizeLimit = 100_000);
        services.AddSingleton<KeyLookupCache>();
        services.AddSingleton<IKeyLookupCache>(sp => sp.GetRequiredService<KeyLookupCache>());
        services.AddSingleton<IVirtualKeySecrets, VirtualKeySecrets>();
        services.AddScoped<IApiKeyAuthenticator, ApiKeyAuthenticator>();
        return services;
    }
}
