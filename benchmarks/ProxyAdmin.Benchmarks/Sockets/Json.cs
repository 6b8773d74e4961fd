using System.Text.Encodings.Web;
using System.Text.Json;

namespace ProxyAdmin.Benchmarks.Sockets;

internal static class Json
{
    /// <summary>The escaping ASP.NET Core's JSON output uses, so re-serialized bodies compare as sent.</summary>
    public static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
