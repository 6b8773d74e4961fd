namespace ProxyAdmin.RawReference;

/// <summary>A refusal the raw app answers in LiteLLM's error envelope (message, type, param, code).</summary>
public sealed class RawFailureException(int status, string message, string? param = null) : Exception(message)
{
    public int Status { get; } = status;

    public string? Param { get; } = param;
}
