using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace ProxyAdmin.Api.Http;

/// <summary>
/// A console formatter (<c>simple</c>, <c>json</c> …) that sees only the trace scope (<see cref="TraceScopes"/>): lines
/// keep their formatter's layout and gain the trace and span ids, and no other scope reaches them.
/// </summary>
public sealed class TraceScopeFormatter(ConsoleFormatter inner) : ConsoleFormatter(inner.Name)
{
    private TraceScopes? _scopes;

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter) =>
        inner.Write(in logEntry, scopeProvider is null ? null : ScopesOf(scopeProvider), textWriter);

    /// <summary>The logger factory hands every line the same provider: one filter for it, not one per line.</summary>
    private TraceScopes ScopesOf(IExternalScopeProvider provider)
    {
        var scopes = _scopes;
        if (scopes is null || !ReferenceEquals(scopes.Inner, provider))
        {
            _scopes = scopes = new TraceScopes(provider);
        }

        return scopes;
    }
}
