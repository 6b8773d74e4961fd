namespace ProxyAdmin.Api.Http;

/// <summary>
/// Every error ProxyAdmin returns: <c>{"error": {"message", "type", "param", "code"}}</c>, HTTP status =
/// <c>code</c>, as LiteLLM's clients expect, with clean messages and correct types.
/// </summary>
public sealed record ErrorResponse
{
    public required ErrorBody Error { get; init; }

    public static ErrorResponse Create(int status, string message, string? param = null, List<ErrorField>? errors = null) => new()
    {
        Error = new ErrorBody
        {
            Message = message,
            Type = ErrorTypes.For(status),
            Param = param,
            Code = status.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Errors = errors,
        },
    };
}
