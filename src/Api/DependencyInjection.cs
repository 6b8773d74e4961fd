using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NJsonSchema;
using NJsonSchema.Generation.TypeMappers;
using NSwag;
using NSwag.Generation.Processors.Security;
using ProxyAdmin.Api.Controllers;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using ProxyAdmin.Api.OpenApi;
using ProxyAdmin.Api.Telemetry;
using ProxyAdmin.Application.Common.Behaviours;
using ProxyAdmin.Application.Common.Interfaces;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Common.Telemetry;
using ProxyAdmin.Application.Users.Commands.CreateUser;
using ProxyAdmin.Infrastructure.Json;

// Placed in this namespace so the composition root finds it without extra usings, as ASP.NET's own extensions are.
namespace Microsoft.Extensions.DependencyInjection;

public static class ApiServiceCollectionExtensions
{
    /// <summary>
    /// Registers the HTTP side: the mediator with its pipeline order, API-key authentication with a deny-by-default
    /// fallback policy, CORS, the request limits (and Kestrel's), controllers with the wire JSON, the error envelope and
    /// the OpenAPI document. Reads the request limits and the CORS origins now, so a wrong setting stops the start.
    /// </summary>
    public static IServiceCollection AddApiServices(this IServiceCollection services, IConfiguration configuration)
    {
        // Here, in the project that references the Mediator source generator, and with an inline literal lambda:
        // the generator reads this call at compile time and emits code for exactly these options.
        services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies = [typeof(CreateUserCommand), typeof(HealthController)];
            options.PipelineBehaviors =
            [
                typeof(LoggingBehaviour<,>),
                typeof(AuthorizationBehaviour<,>),
                typeof(ValidationBehaviour<,>),
                typeof(IdempotencyBehaviour<,>),
                typeof(TransactionBehaviour<,>),
                typeof(CallerRecheckBehaviour<,>),
                typeof(IdempotencyRecordBehaviour<,>),
            ];
        });

        services.AddHttpContextAccessor();
        services.AddSingleton(FailedAuthenticationLimiter.Read(configuration));
        services.AddScoped<ICurrentCaller, HttpCurrentCaller>();
        services.AddSingleton(ConditionalWriteSettings.Read(configuration));
        services.AddSingleton<IConditionalRequest, HttpConditionalRequest>();
        services.AddSingleton<IIdempotencyRequest, HttpIdempotencyRequest>();
        services.AddSingleton<IDryRunRequest, HttpDryRunRequest>();
        services
            .AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);

        // Read now, so a wrong value stops the start; Kestrel gets the same limits (RequestLimits.Apply).
        var limits = RequestLimits.Read(configuration);
        services.AddSingleton(limits);
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(limits.Apply);

        var cors = CorsSettings.Read(configuration);
        services.AddSingleton(cors);
        services.AddCors(options => options.AddDefaultPolicy(cors.Apply));

        // Every endpoint needs a key unless it says [AllowAnonymous]; roles are checked per message by the pipeline.
        // The policy names no scheme: the key scheme is the default one, whose result the authentication middleware
        // has already made the request's user, and a policy naming it authenticated every request a second time.
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(MetricsAccess.Policy, MetricsAccess.Build);

        AddTelemetry(services, TelemetrySettings.Read(configuration));

        services
            .AddControllers(options =>
            {
                options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
                options.ModelBinderProviders.Insert(0, new WireEnumModelBinderProvider());
                options.Filters.Add(new AllowedRoutesFilter());
            })
            .AddJsonOptions(options => WireJsonOptions.Apply(options.JsonSerializerOptions))
            .ConfigureApiBehaviorOptions(options =>
            {
                options.InvalidModelStateResponseFactory = ModelStateErrors.ToResponse;

                // Bare client errors (404, 405, 415) get the error envelope from the status-code page (ApiPipeline), not ProblemDetails.
                options.SuppressMapClientErrors = true;
            });

        // The audit trail writes with this very options object, so an audit row reads exactly like the response it records.
        services.Replace(ServiceDescriptor.Singleton(provider =>
            new WireJsonOptions(provider.GetRequiredService<IOptions<JsonOptions>>().Value.JsonSerializerOptions)));
        services.AddExceptionHandler<ProxyAdminExceptionHandler>();
        services.AddProblemDetails();

        // The liveness probes are endpoints without a controller (HealthProbes); this explorer puts them in the document.
        services.AddEndpointsApiExplorer();
        services.AddOpenApiDocument(document =>
        {
            document.DocumentName = "v1";
            document.Title = "ProxyAdmin";
            document.Description = "Administration API of an LLM proxy, wire-compatible with LiteLLM's management API.";
            document.Version = "v1";
            // HTTP bearer, so Swagger UI asks for the bare key and sends "Bearer <key>" itself.
            document.AddSecurity(ApiKeyAuthenticationHandler.SchemeName, new OpenApiSecurityScheme
            {
                Type = OpenApiSecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The master key or a virtual key (sk-...) as \"Authorization: Bearer <key>\". As in LiteLLM, the key "
                    + "is also accepted as \"x-litellm-api-key: [Bearer ]<key>\" or bare in \"api-key\", \"x-api-key\", "
                    + "\"x-goog-api-key\" or \"Ocp-Apim-Subscription-Key\"; when several are sent, the first of x-litellm-api-key, "
                    + "Authorization, api-key, x-api-key, x-goog-api-key, Ocp-Apim-Subscription-Key is used and the rest are ignored.",
            });
            document.OperationProcessors.Add(new AspNetCoreOperationSecurityScopeProcessor(ApiKeyAuthenticationHandler.SchemeName));
            document.OperationProcessors.Add(new EndpointSummaryProcessor());
            document.OperationProcessors.Add(new RevisionHeadersProcessor());
            document.OperationProcessors.Add(new ResponseContentTypesProcessor());

            // Every schema is closed (additionalProperties: false), and JSON Schema closes each part of an allOf on
            // its own: a derived DTO as allOf [base, own] would accept no object at all. Flat, each lists all it has.
            document.SchemaSettings.FlattenInheritanceHierarchy = true;

            // Each operation's error statuses by one rule (ErrorResponsesProcessor), the envelope's type as an enum,
            // and enum defaults spelled as on the wire.
            document.OperationProcessors.Add(new ErrorResponsesProcessor());
            document.OperationProcessors.Add(new EntityTagHeadersProcessor());
            document.OperationProcessors.Add(new IdempotencyHeadersProcessor());
            document.OperationProcessors.Add(new DryRunProcessor());
            document.OperationProcessors.Add(new ParameterDefaultsProcessor());
            document.SchemaSettings.SchemaProcessors.Add(new ErrorTypeSchemaProcessor());

            // The validators' bounds (maxLength, minimum, pattern, enum) on request fields and parameters, read from the validators.
            var constraints = new ValidatorConstraintsProcessor();
            document.SchemaSettings.SchemaProcessors.Add(constraints);
            document.OperationProcessors.Add(constraints);

            // Request examples taken from LiteLLM's docs and docstrings, on the create routes.
            document.OperationProcessors.Add(new RequestExampleProcessor());

            // Free-form JSON (metadata, litellm_params, model_info) is an open map or any value on the wire, not
            // the System.Text.Json.Nodes classes' own properties.
            document.SchemaSettings.TypeMappers.Add(new PrimitiveTypeMapper(typeof(System.Text.Json.Nodes.JsonObject), schema =>
            {
                schema.Type = JsonObjectType.Object;
                schema.AdditionalPropertiesSchema = new JsonSchema();
            }));
            document.SchemaSettings.TypeMappers.Add(new PrimitiveTypeMapper(typeof(System.Text.Json.Nodes.JsonArray), schema =>
            {
                schema.Type = JsonObjectType.Array;
                schema.Item = new JsonSchema();
            }));
            document.SchemaSettings.TypeMappers.Add(new PrimitiveTypeMapper(typeof(System.Text.Json.Nodes.JsonNode), _ => { }));
            document.SchemaSettings.SchemaProcessors.Add(new UnstoredFieldsSchemaProcessor());
        });

        return services;
    }

    /// <summary>
    /// OpenTelemetry: metrics always (served on <c>/metrics</c> by the Prometheus exporter, and pushed over OTLP when an
    /// endpoint is configured), traces only when OTLP is configured, since nobody could read them otherwise. The
    /// metrics are ASP.NET Core's (server, routing, Kestrel, authentication), HttpClient's, EF Core's, the runtime's and ProxyAdmin's own
    /// (<see cref="ProxyAdminMeter"/>); spans lose every path, query and URL that could hold a key (<see cref="TraceRedaction"/>).
    /// </summary>
    private static void AddTelemetry(IServiceCollection services, TelemetrySettings telemetry)
    {
        services.AddSingleton(telemetry);
        services.AddSingleton<PrometheusScrape>();
        services.ConfigureOpenTelemetryMeterProvider((provider, metrics) => metrics.AddView(OwnMeasurementsOnly(provider.GetRequiredService<IMeterFactory>())));
        var openTelemetry = services.AddOpenTelemetry()
            // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES, read after the default name, win over it.
            .ConfigureResource(resource => resource.AddService("proxyadmin").AddEnvironmentVariableDetector())
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter(ProxyAdminMeter.Name)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddMeter(EntityFrameworkCoreMeter, RuntimeMeter)
                    // Every scrape collects afresh: the route is for admins and scrapers, not a crowd to shield the collection from.
                    .AddPrometheusExporter(options => options.ScrapeResponseCacheDurationMilliseconds = 0);
                if (telemetry.ExportsOtlp)
                {
                    metrics.AddOtlpExporter();
                }
            });

        if (telemetry.ExportsOtlp)
        {
            openTelemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation()
                .AddProcessor(new TraceRedaction())
                .AddOtlpExporter());
        }
    }

    /// <summary>
    /// OpenTelemetry listens to meters by name, and every host in a process names the same ones (ASP.NET Core's and
    /// ProxyAdmin's come from each host's <see cref="IMeterFactory"/>): without this view a service would count another's
    /// requests, and one stopping would end the metric streams the others share with it. A meter a host's factory made
    /// is read by that host alone; a meter of no factory (EF Core's, the runtime's) is the process's and read by all.
    /// </summary>
    private static Func<Instrument, MetricStreamConfiguration?> OwnMeasurementsOnly(IMeterFactory ownFactory) =>
        instrument => instrument.Meter.Scope is null || ReferenceEquals(instrument.Meter.Scope, ownFactory)
            ? null
            : MetricStreamConfiguration.Drop;

    /// <summary>EF Core's own meter (queries, saves, contexts, compiled-query cache).</summary>
    private const string EntityFrameworkCoreMeter = "Microsoft.EntityFrameworkCore";

    /// <summary>The runtime's own meter (GC, heap, CPU, thread pool, exceptions): observed at a scrape, nothing per request.</summary>
    private const string RuntimeMeter = "System.Runtime";
}
