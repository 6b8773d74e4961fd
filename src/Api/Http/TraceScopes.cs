namespace ProxyAdmin.Api.Http;

/// <summary>
/// The logging scopes of a line, less every scope but the activity's (<c>TraceId</c>, <c>SpanId</c>, <c>ParentId</c>):
/// the hosting scope (<c>RequestPath</c>: a path may hold a key), MVC's action scope and the connection scope are left
/// out, so turning scopes on for the trace id adds nothing else to a line.
/// </summary>
public sealed class TraceScopes(IExternalScopeProvider inner) : IExternalScopeProvider
{
    public IExternalScopeProvider Inner { get; } = inner;

    public void ForEachScope<TState>(Action<object?, TState> callback, TState state) =>
        Inner.ForEachScope(
            static (scope, pair) =>
            {
                if (IsTraceScope(scope))
                {
                    pair.Callback(scope, pair.State);
                }
            },
            (Callback: callback, State: state));

    public IDisposable Push(object? state) => Inner.Push(state);

    /// <summary>A scope of trace ids only: a list of name-value pairs, every name one of the activity's.</summary>
    public static bool IsTraceScope(object? scope)
    {
        if (scope is not IReadOnlyList<KeyValuePair<string, object?>> { Count: > 0 } pairs)
        {
            return false;
        }

        for (var i = 0; i < pairs.Count; i++)
        {
            if (pairs[i].Key is not ("TraceId" or "SpanId" or "ParentId"))
            {
                return false;
            }
        }

        return true;
    }
}
