using Microsoft.AspNetCore.Cors.Infrastructure;

namespace ProxyAdmin.Api.Http;

/// <summary>
/// Which browser origins may call the API (<c>ProxyAdmin:Cors:Origins</c>): any origin (<c>*</c>, the default, as
/// LiteLLM's <c>LITELLM_CORS_ORIGINS</c>) or a list. Credentials are never allowed: the service authenticates only by
/// a key header the calling page sets itself, never by a cookie, so there is nothing a browser could add on a page's
/// behalf (README, "Browsers and CORS").
/// </summary>
public sealed record CorsSettings
{
    public const string SettingName = "ProxyAdmin__Cors__Origins";

    private const string Section = "ProxyAdmin:Cors:Origins";

    /// <summary>
    /// Response headers the service sets that a page may need to read, beyond those browsers always expose:
    /// <c>Retry-After</c> on a busy database (503), <c>Allow</c> on the health routes' <c>OPTIONS</c> and the revision a
    /// write committed (<see cref="RevisionHeaders.Revision"/>), which a page sends back for read-your-writes, and the
    /// <c>ETag</c> of a single resource, which a page sends back as <c>If-Match</c> (any request header is allowed, that one too),
    /// <c>Idempotent-Replayed</c> on the replay of a create sent again with its <c>Idempotency-Key</c>, and
    /// <c>x-proxyadmin-dry-run</c> on the answer of a dry run.
    /// </summary>
    public static IReadOnlyList<string> ExposedHeaders { get; } =
        ["Retry-After", "Allow", RevisionHeaders.Revision, "ETag", HttpIdempotencyRequest.ReplayedHeader, HttpDryRunRequest.Header];

    /// <summary>How long a browser may reuse a preflight answer: Starlette's default, which LiteLLM keeps.</summary>
    public static TimeSpan PreflightMaxAge { get; } = TimeSpan.FromMinutes(10);

    private CorsSettings(bool anyOrigin, IReadOnlyList<string> origins)
    {
        AnyOrigin = anyOrigin;
        Origins = origins;
    }

    /// <summary>True when every origin may call (<c>Access-Control-Allow-Origin: *</c>).</summary>
    public bool AnyOrigin { get; }

    /// <summary>The allowed origins, each as <c>scheme://host[:port]</c>, when <see cref="AnyOrigin"/> is false.</summary>
    public IReadOnlyList<string> Origins { get; }

    /// <summary>
    /// Reads the setting in either form configuration offers: a list (<c>ProxyAdmin__Cors__Origins__0</c>,
    /// <c>__1</c> …, or a JSON array) or one value separated by commas or semicolons; both may be combined. Absent or
    /// empty means any origin. A value that is not an absolute http(s) origin stops the start.
    /// </summary>
    public static CorsSettings Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var entries = new[] { section.Value }
            .Concat(section.GetChildren().Select(child => child.Value))
            .OfType<string>()
            .SelectMany(value => value.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();

        if (entries.Count == 0)
        {
            return new CorsSettings(anyOrigin: true, []);
        }

        if (entries.Contains("*"))
        {
            return entries.All(entry => entry == "*")
                ? new CorsSettings(anyOrigin: true, [])
                : throw Refusal($"{SettingName} lists \"*\" together with other origins; give either \"*\" or the origins.");
        }

        return new CorsSettings(anyOrigin: false, entries.Select(Normalize).Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>Applies the settings to ASP.NET Core's CORS policy.</summary>
    public void Apply(CorsPolicyBuilder policy)
    {
        if (AnyOrigin)
        {
            policy.AllowAnyOrigin();
        }
        else
        {
            policy.WithOrigins([.. Origins]);
        }

        policy
            .AllowAnyMethod()
            .AllowAnyHeader()
            .WithExposedHeaders([.. ExposedHeaders])
            .SetPreflightMaxAge(PreflightMaxAge);
    }

    /// <summary>
    /// <c>scheme://host[:port]</c> as a browser sends it in <c>Origin</c> (lower case, no default port). A path, query,
    /// fragment or user name could never match any request, so they are refused rather than silently never allowing.
    /// </summary>
    private static string Normalize(string entry)
    {
        if (!Uri.TryCreate(entry, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0
            || entry.EndsWith('?') || entry.EndsWith('#'))
        {
            throw Refusal($"{SettingName} holds \"{entry}\", which is not an absolute http(s) origin such as "
                + "https://app.example.com (scheme, host and optional port; no path, query or fragment).");
        }

        // Browsers send an international host in its ASCII (punycode) form; an IPv6 host keeps its brackets.
        var host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host : uri.IdnHost;
        return uri.IsDefaultPort ? $"{uri.Scheme}://{host}" : $"{uri.Scheme}://{host}:{uri.Port}";
    }

    private static InvalidOperationException Refusal(string reason) => new($"ProxyAdmin refuses to start: {reason}");
}
