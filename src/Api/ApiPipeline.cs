// Placed in this namespace so the composition root finds it without extra usings, as ASP.NET's own extensions are.
namespace Microsoft.AspNetCore.Builder;

public static class ApiPipeline
{
    private const string DocumentPath = "/openapi.json";
    private const string DocsPath = "/docs";
    private const string RootPath = "/";

    /// <summary>
    /// The middleware, in order: the key-safe request log, <c>Cache-Control: no-store</c> (but on the documentation), the
    /// exception handler, the error envelope for bare client errors, CORS, the request limits, the OpenAPI document and
    /// Swagger UI (and <c>/</c>, which redirects to it), the admin UI's files, the revision headers, authentication,
    /// authorization, the liveness probes and the controllers.
    /// </summary>
    public static WebApplication UseProxyAdminApi(this WebApplication app)
    {
        app.UseRequestLog();
        app.UseNoStore(mayBeCached: path => IsDocumentation(path) || AdminUi.Serves(path));
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

        // Before authentication, so a preflight (which carries no key) is answered rather than refused with 401;
        // after the error handlers, whose answers then carry the CORS headers too and stay readable by the page.
        app.UseCors();

        // After CORS, so a browser can read the refusal; before anything authenticates or reads the body.
        app.UseRequestLimits();

        // NSwag's four middlewares run only on their own paths: on every other request they were four async steps
        // that answered nothing.
        app.UseWhen(context => IsDocumentation(context.Request.Path) || context.Request.Path == RootPath, documentation =>
        {
            // The service's root is its documentation's entry: a browser pointed at the bare host lands on Swagger UI.
            documentation.Use((context, next) =>
            {
                if (context.Request.Path == RootPath && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
                {
                    context.Response.Redirect(DocsPath);
                    return Task.CompletedTask;
                }

                return next(context);
            });
            documentation.UseOpenApi(settings =>
            {
                settings.Path = DocumentPath;

                // The document is the same wherever it is served from; clients choose their base URL.
                settings.PostProcess = (document, _) => document.Servers.Clear();
            });
            documentation.UseSwaggerUi(settings =>
            {
                settings.Path = DocsPath;
                settings.DocumentPath = DocumentPath;
            });
        });

        // The admin UI's files, before authentication: the page holds nothing of anyone's; its calls carry the key.
        app.UseAdminUi(app.Environment);

        // Before authentication: a request waiting for a revision is authenticated against that revision's keys.
        app.UseRevisionHeaders();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthProbes();
        app.MapControllers();
        return app;
    }

    private static bool IsDocumentation(PathString path) =>
        path.Equals(DocumentPath, StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments(DocsPath, StringComparison.OrdinalIgnoreCase);
}
