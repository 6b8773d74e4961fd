namespace ProxyAdmin.Api.Http;

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
