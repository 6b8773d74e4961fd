namespace ProxyAdmin.Application.Common.Telemetry;

/// <summary>
/// The meter every instrument of ProxyAdmin's own belongs to, whatever layer records it. Instruments are made from
/// <see cref="System.Diagnostics.Metrics.IMeterFactory"/> (the BCL's, no telemetry package): they cost next to nothing
/// until a listener subscribes to this name (the Api's OpenTelemetry metrics, or <c>dotnet-counters</c>).
/// </summary>
/// <remarks>
/// Label values are always from a fixed set (a command's type name, an audit table, a configured salt key id, an
/// outcome named in code); never a key, a path, or anything a caller sent.
/// </remarks>
public static class ProxyAdminMeter
{
    public const string Name = "ProxyAdmin";
}
