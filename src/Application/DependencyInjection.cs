using System.Reflection;
using ProxyAdmin.Application.Common;
using ProxyAdmin.Application.Common.Idempotency;
using ProxyAdmin.Application.Common.Secrets;
using ProxyAdmin.Application.Common.Telemetry;
using ProxyAdmin.Application.Credentials;
using ProxyAdmin.Application.Encryption;
using ProxyAdmin.Application.Keys;
using ProxyAdmin.Application.Models;
using ProxyAdmin.Application.Organizations;
using ProxyAdmin.Application.Projects;
using ProxyAdmin.Application.Teams;
using ProxyAdmin.Application.Users;

// Placed in this namespace so the composition root finds it without extra usings, as ASP.NET's own extensions are.
namespace Microsoft.Extensions.DependencyInjection;

public static class ApplicationServiceCollectionExtensions
{
    /// <summary>
    /// Registers validators and the services behaviours depend on. The mediator itself, with the pipeline
    /// order, is registered by the Api project, which owns the source generator.
    /// </summary>
    public static IServiceCollection AddApplicationServices(this IServiceCollection services)
    {
        // Validation errors are keyed and worded with the snake_case names clients send.
        FluentValidation.ValidatorOptions.Global.PropertyNameResolver = (_, member, expression) =>
            member is null ? expression?.ToString() : MessageNames.ToSnakeCase(member.Name);
        FluentValidation.ValidatorOptions.Global.DisplayNameResolver = (_, member, _) =>
            member is null ? null : MessageNames.ToSnakeCase(member.Name);

        // A validator that needs no service is built once: building one compiles its rules' expressions, which every
        // request paid (2 % of a /project/info request's CPU). Validators are immutable once built; one that takes a
        // service stays scoped, like the service.
        services.AddValidatorsFromAssembly(Assembly.GetExecutingAssembly(), ServiceLifetime.Singleton, NeedsNoService, includeInternalTypes: true);
        services.AddValidatorsFromAssembly(Assembly.GetExecutingAssembly(), ServiceLifetime.Scoped, result => !NeedsNoService(result), includeInternalTypes: true);
        services.AddSingleton<TimeProvider>(MicrosecondTimeProvider.Instance);

        // Its instruments come from the host's IMeterFactory (every .NET host registers one).
        services.AddSingleton<WriteMetrics>();

        // Holds nothing of a request's: the request's If-Match and the answer's ETag live behind IConditionalRequest.
        services.AddSingleton<EntityTags>();

        // The rules and services handlers share that load data: small, scoped like the repositories they use.
        services.AddScoped<KeyPlacementRules>();
        services.AddScoped<KeyUpdater>();
        services.AddScoped<ProjectListScope>();
        services.AddScoped<MemberUserResolver>();
        services.AddScoped<TeamMemberResolver>();
        // Transient, as is its repository: it holds nothing a request must share, and a scoped service more on the
        // /project/info path grows the scope's table of resolved services past its next size (1.4 KB a request).
        services.AddTransient<OrganizationStanding>();
        services.AddScoped<TeamOrganizationRules>();
        services.AddScoped<ModelPresenter>();
        services.AddSingleton<SealedValues>();
        services.AddScoped<ModelAccess>();
        services.AddScoped<ModelCredentialRules>();
        services.AddSingleton<CredentialPresenter>();
        services.AddScoped<CredentialVisibility>();
        services.AddScoped<DeploymentCredentials>();
        services.AddScoped<EncryptionInventory>();
        services.AddScoped<EncryptionRotator>();
        services.AddScoped<TeamModelLinks>();
        services.AddScoped<KeyAccessChains>();
        services.AddSingleton<NonTeamModelCatalog>();
        services.AddScoped<ModelVisibility>();
        services.AddScoped<VisibleModelReader>();
        services.AddScoped<CallableModels>();
        services.AddScoped<CallerRecheck>();
        services.AddScoped<IdempotentResponses>();
        services.AddScoped<IdempotencyPurger>();
        return services;
    }

    private static bool NeedsNoService(AssemblyScanner.AssemblyScanResult result) =>
        result.ValidatorType.GetConstructors().Any(c => c.GetParameters().Length == 0);
}
