using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using NJsonSchema;
using NJsonSchema.Generation.TypeMappers;
using NSwag;
using NSwag.Generation.Processors.Security;
using ProxyAdmin.Api.Controllers;
using ProxyAdmin.Application.Common.Behaviours;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Teams;
using ProxyAdmin.Application.Users.Commands.CreateUser;
using ProxyAdmin.Infrastructure.Data;

var builder = WebApplication.CreateBuilder(args);

if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
{
    builder.WebHost.UseUrls("http://localhost:4000");
}

builder.Logging.CapFrameworkCategoriesThatWriteUrls();

// The host's loggers are built with the app; this one only carries the start-up warnings of the registration.
using (var startupLogging = LoggerFactory.Create(logging => logging.AddConsole()))
{
    builder.Services.AddInfrastructureServices(builder.Configuration, Console.Out, startupLogging.CreateLogger("ProxyAdmin.Startup"));
}

builder.Services.AddApplicationServices();
builder.Services.AddMediator(options =>
{
    options.ServiceLifetime = ServiceLifetime.Scoped;
    options.Assemblies = [typeof(CreateUserCommand), typeof(HealthController)];
    options.PipelineBehaviors =
    [
        typeof(LoggingBehaviour<,>),
        typeof(AuthorizationBehaviour<,>),
        typeof(ValidationBehaviour<,>),
        typeof(TransactionBehaviour<,>),
    ];
});

builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<ICurrentCaller, HttpCurrentCaller>();
builder.Services
    .AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
    .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);

// Every endpoint needs a key unless it says [AllowAnonymous]; roles are checked per message by the pipeline.
builder.Services.AddAuthorizationBuilder()
    .SetFallbackPolicy(new AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser().Build());

builder.Services
    .AddControllers(options =>
    {
        options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
        options.ModelBinderProviders.Insert(0, new WireEnumModelBinderProvider());
    })
    .AddJsonOptions(options =>
    {
        options.JsonSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.JsonSerializerOptions.DictionaryKeyPolicy = null;
        options.JsonSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.JsonSerializerOptions.Converters.Add(new OneOrManyConverter<TeamMemberRequest>());
    })
    .ConfigureApiBehaviorOptions(options =>
    {
        options.InvalidModelStateResponseFactory = ModelStateErrors.ToResponse;

        // Bare client errors (404, 405, 415) get the error envelope from the status-code page below, not ProblemDetails.
        options.SuppressMapClientErrors = true;
    });
builder.Services.AddExceptionHandler<ProxyAdminExceptionHandler>();
builder.Services.AddProblemDetails();

builder.Services.AddOpenApiDocument(document =>
{
    document.DocumentName = "v1";
    document.Title = "ProxyAdmin";
    document.Description = "Administration API of an LLM proxy, wire-compatible with LiteLLM's management API.";
    document.Version = "v1";
    document.AddSecurity(ApiKeyAuthenticationHandler.SchemeName, new OpenApiSecurityScheme
    {
        Type = OpenApiSecuritySchemeType.ApiKey,
        Name = "Authorization",
        In = OpenApiSecurityApiKeyLocation.Header,
        Description = "Bearer <master key or virtual key>",
    });
    document.OperationProcessors.Add(new AspNetCoreOperationSecurityScopeProcessor(ApiKeyAuthenticationHandler.SchemeName));

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
});

var app = builder.Build();

app.UseRequestLog();
app.UseExceptionHandler();
app.UseStatusCodePages(async context =>
{
    var http = context.HttpContext;
    var message = http.Response.StatusCode switch
    {
        StatusCodes.Status404NotFound => $"Route not found: {http.Request.Method} {http.Request.Path}",
        StatusCodes.Status405MethodNotAllowed => $"Method {http.Request.Method} is not allowed on {http.Request.Path}.",
        StatusCodes.Status415UnsupportedMediaType => "The request body must be JSON (Content-Type: application/json).",
        _ => "The request could not be handled.",
    };
    await ErrorResponseWriter.WriteAsync(http, http.Response.StatusCode, message);
});

app.UseOpenApi(settings =>
{
    settings.Path = "/openapi.json";

    // The document is the same wherever it is served from; clients choose their base URL.
    settings.PostProcess = (document, _) => document.Servers.Clear();
});
app.UseSwaggerUi(settings =>
{
    settings.Path = "/docs";
    settings.DocumentPath = "/openapi.json";
});

app.UseAuthentication();
app.UseAuthorization();
app.MapControllers();

await DatabaseInitializer.InitializeAsync(app.Services);
await app.RunAsync();

/// <summary>Entry point; public so functional tests can host it with WebApplicationFactory.</summary>
public partial class Program;
