using System.Text;

namespace ProxyAdmin.Api.Http;

/// <summary>
/// The liveness probes (<c>/health/liveliness</c>, LiteLLM's spelling, and <c>/health/liveness</c>), served as endpoints
/// of their own rather than by a controller. Orchestrators call them more often than any other route, and they answer
/// a constant: MVC's action invoker, filters and content negotiation were most of their cost (A/B on loopback: ×1.3–1.5
/// requests per second without them). They still pass the request log, CORS and the error handlers, need no key, and
/// are in the OpenAPI document as before (operation ids <c>Health_Liveliness</c>, <c>Health_LivelinessOptions</c> …).
/// </summary>
public static class HealthProbes
{
    public const string AliveMessage = "I'm alive!";

    /// <summary>What LiteLLM's health routes answer to <c>OPTIONS</c> (<c>health_liveliness_options</c>, <c>health_readiness_options</c>).</summary>
    public const string AllowedMethods = "GET, OPTIONS";

    private const string Tag = "health";
    private const string OptionsSummary = "The methods the probe accepts, as LiteLLM answers OPTIONS on it (200, empty body).";
    private const string OptionsDescription = "A CORS preflight never gets here: the CORS middleware answers it first.";

    /// <summary>The JSON string <c>"I'm alive!"</c>, encoded once.</summary>
    private static readonly byte[] AliveJson = Encoding.UTF8.GetBytes($"\"{AliveMessage}\"");

    public static IEndpointRouteBuilder MapHealthProbes(this IEndpointRouteBuilder endpoints)
    {
        Map(endpoints, "/health/liveliness", "Health_Liveliness", "The process answers (LiteLLM's spelling).");
        Map(endpoints, "/health/liveness", "Health_Liveness", "The process answers.");
        return endpoints;
    }

    /// <summary>LiteLLM's <c>health_liveliness_options</c> and <c>health_readiness_options</c> headers, on a 200 with no body.</summary>
    public static void AllowGetAndOptions(HttpResponse response)
    {
        response.Headers.Allow = AllowedMethods;
        response.Headers.AccessControlAllowMethods = AllowedMethods;
        response.Headers.AccessControlAllowHeaders = "*";
    }

    private static void Map(IEndpointRouteBuilder endpoints, string path, string operationId, string summary)
    {
        endpoints.MapGet(path, (Func<HttpContext, Task>)AnswerAliveAsync)
            .AllowAnonymous()
            .WithName(operationId)
            .WithTags(Tag)
            .WithSummary(summary)
            .Produces<string>(StatusCodes.Status200OK);

        endpoints.MapMethods(path, [HttpMethods.Options], (Action<HttpContext>)AnswerOptions)
            .AllowAnonymous()
            .WithName(operationId + "Options")
            .WithTags(Tag)
            .WithSummary(OptionsSummary)
            .WithDescription(OptionsDescription)
            .Produces(StatusCodes.Status200OK);
    }

    private static Task AnswerAliveAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = AliveJson.Length;
        return context.Response.Body.WriteAsync(AliveJson, context.RequestAborted).AsTask();
    }

    private static void AnswerOptions(HttpContext context) => AllowGetAndOptions(context.Response);
}
