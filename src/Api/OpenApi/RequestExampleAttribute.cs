namespace ProxyAdmin.Api.OpenApi;

/// <summary>
/// A request body example for the document, taken verbatim from LiteLLM (<see cref="Source"/> names where), so that a
/// LiteLLM user finds the body they know. A test validates every example against its own request schema and sends it
/// to the service, so an example cannot rot when the request changes.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequestExampleAttribute(string source, string json) : Attribute
{
    /// <summary>The LiteLLM file (and function or section) the example is copied from.</summary>
    public string Source { get; } = source;

    /// <summary>The body, as JSON.</summary>
    public string Json { get; } = json;
}
