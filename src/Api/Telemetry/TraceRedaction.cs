using System.Diagnostics;
using OpenTelemetry;

namespace ProxyAdmin.Api.Telemetry;

/// <summary>
/// Takes out of every span what may carry a key or another secret before it is exported: LiteLLM's routes put keys in
/// paths and queries (<c>/key/{key}/regenerate</c>, <c>/key/info?key=</c>), and a webhook URL may hold a token in its
/// path. A server span keeps its route template (<c>http.route</c>) as its <c>url.path</c>; a client span keeps only
/// the scheme, host and port of its <c>url.full</c>; queries are dropped.
/// </summary>
public sealed class TraceRedaction : BaseProcessor<Activity>
{
    public override void OnEnd(Activity data)
    {
        if (data.GetTagItem("url.path") is not null)
        {
            data.SetTag("url.path", data.GetTagItem("http.route"));
        }

        if (data.GetTagItem("url.query") is not null)
        {
            data.SetTag("url.query", null);
        }

        if (data.GetTagItem("url.full") is string full)
        {
            data.SetTag("url.full", Uri.TryCreate(full, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null);
        }

        // The older semantic conventions' names for the same values.
        data.SetTag("http.target", null);
        data.SetTag("http.url", null);
    }
}
