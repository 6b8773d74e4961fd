namespace ProxyAdmin.Api.Infrastructure;

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

public sealed record ErrorBody
{
    public required string Message { get; init; }

    /// <summary><c>bad_request_error</c>, <c>auth_error</c>, <c>permission_denied_error</c>, <c>not_found_error</c>, <c>conflict_error</c> …</summary>
    public required string Type { get; init; }

    /// <summary>The snake_case request field the error is about, or null.</summary>
    public required string? Param { get; init; }

    /// <summary>The HTTP status as a string, as LiteLLM sends it.</summary>
    public required string Code { get; init; }

    /// <summary>For validation errors: every invalid field. Absent otherwise.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public List<ErrorField>? Errors { get; init; }
}

public sealed record ErrorField
{
    public required string Param { get; init; }
    public required string Message { get; init; }
}

public static class ErrorTypes
{
    public static string For(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "bad_request_error",
        StatusCodes.Status401Unauthorized => "auth_error",
        StatusCodes.Status403Forbidden => "permission_denied_error",
        StatusCodes.Status404NotFound => "not_found_error",
        StatusCodes.Status405MethodNotAllowed => "method_not_allowed_error",
        StatusCodes.Status409Conflict => "conflict_error",
        StatusCodes.Status413PayloadTooLarge => "bad_request_error",
        StatusCodes.Status415UnsupportedMediaType => "bad_request_error",
        StatusCodes.Status503ServiceUnavailable => "service_unavailable_error",
        _ => "internal_server_error",
    };
}

public static class ErrorResponseWriter
{
    public static Task WriteAsync(HttpContext context, int status, string message, string? param = null, List<ErrorField>? errors = null)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(ErrorResponse.Create(status, message, param, errors), context.RequestAborted);
    }
}
