namespace ProxyAdmin.Api.Http;

/// <summary>
/// <c>Cache-Control: no-store</c> on every answer, success or error, with or without a key: a key, a secret shown once
/// or a user's data must never be kept by a browser, a proxy or a CDN, and no answer of this API is worth keeping
/// (a cached readiness or revision answer would be wrong a moment later). The one exception is the documentation
/// (<c>/openapi.json</c>, Swagger UI), which holds nothing of anyone's and may be cached. Set when the answer starts,
/// so it stays on an answer the exception handler rewrites (which clears the headers first).
/// </summary>
public static class NoStoreResponses
{
    public const string NoStore = "no-store";

    public static IApplicationBuilder UseNoStore(this IApplicationBuilder app, Func<PathString, bool> mayBeCached) =>
        app.Use((context, next) =>
        {
            if (!mayBeCached(context.Request.Path))
            {
                context.Response.OnStarting(SetNoStore, context.Response);
            }

            return next(context);
        });

    private static Task SetNoStore(object state)
    {
        ((HttpResponse)state).Headers.CacheControl = NoStore;
        return Task.CompletedTask;
    }
}
