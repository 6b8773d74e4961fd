using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace ProxyAdmin.Api.Http;

/// <summary>
/// The admin web UI at <c>/ui</c>: the files <c>clients/admin-ui</c> builds into <c>wwwroot/ui</c> (committed, so a fresh
/// <c>dotnet run</c> serves them with nothing installed). They are answered before authentication: a page holds nothing
/// of anyone's, and every call it makes carries the key the user pasted. <c>index.html</c> is revalidated on every load;
/// the hashed assets may be kept for a year. Every answer forbids other origins' scripts, framing and sniffing.
/// </summary>
public static class AdminUi
{
    public const string Path = "/ui";

    /// <summary>Only its own origin may run scripts, style, connect or frame anything; the page does not inline any.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    public static bool Serves(PathString path) => path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase);

    public static IApplicationBuilder UseAdminUi(this IApplicationBuilder app, IWebHostEnvironment environment)
    {
        var root = System.IO.Path.Combine(environment.ContentRootPath, "wwwroot", "ui");
        if (!Directory.Exists(root))
        {
            // A host without the built UI (a test host of another content root) serves the API only: /ui is a 404.
            return app;
        }

        var files = new PhysicalFileProvider(root);
        return app.UseWhen(context => Serves(context.Request.Path), ui =>
        {
            ui.Use((context, next) =>
            {
                if (context.Request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase) && HttpMethods.IsGet(context.Request.Method))
                {
                    context.Response.Redirect(Path + "/");
                    return Task.CompletedTask;
                }

                var headers = context.Response.Headers;
                headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
                headers[HeaderNames.XContentTypeOptions] = "nosniff";
                headers[HeaderNames.XFrameOptions] = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                return next(context);
            });
            ui.UseDefaultFiles(new DefaultFilesOptions { RequestPath = Path, FileProvider = files });
            ui.UseStaticFiles(new StaticFileOptions
            {
                RequestPath = Path,
                FileProvider = files,
                OnPrepareResponse = file => file.Context.Response.Headers.CacheControl =
                    file.File.Name.Equals("index.html", StringComparison.OrdinalIgnoreCase) ? "no-cache" : "public, max-age=31536000, immutable",
            });
        });
    }
}
