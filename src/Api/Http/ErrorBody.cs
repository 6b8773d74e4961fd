namespace ProxyAdmin.Api.Http;

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
