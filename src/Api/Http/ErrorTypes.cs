namespace ProxyAdmin.Api.Http;

/// <summary>The error envelope's <c>type</c> for each status; <see cref="All"/> is the document's enum of it.</summary>
public static class ErrorTypes
{
    public const string BadRequest = "bad_request_error";
    public const string Auth = "auth_error";
    public const string PermissionDenied = "permission_denied_error";
    public const string NotFound = "not_found_error";
    public const string MethodNotAllowed = "method_not_allowed_error";
    public const string Conflict = "conflict_error";
    public const string PreconditionFailed = "precondition_failed_error";
    public const string PreconditionRequired = "precondition_required_error";
    public const string TooManyRequests = "rate_limit_error";
    public const string ServiceUnavailable = "service_unavailable_error";
    public const string InternalServer = "internal_server_error";

    public static IReadOnlyList<string> All { get; } = [BadRequest, Auth, PermissionDenied, NotFound, MethodNotAllowed, Conflict, PreconditionFailed, PreconditionRequired, TooManyRequests, ServiceUnavailable, InternalServer];

    public static string For(int status) => status switch
    {
        StatusCodes.Status400BadRequest => BadRequest,
        StatusCodes.Status401Unauthorized => Auth,
        StatusCodes.Status403Forbidden => PermissionDenied,
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed,
        StatusCodes.Status409Conflict => Conflict,
        StatusCodes.Status412PreconditionFailed => PreconditionFailed,
        StatusCodes.Status428PreconditionRequired => PreconditionRequired,
        StatusCodes.Status413PayloadTooLarge => BadRequest,
        StatusCodes.Status414UriTooLong => BadRequest,
        StatusCodes.Status415UnsupportedMediaType => BadRequest,
        StatusCodes.Status429TooManyRequests => TooManyRequests,
        StatusCodes.Status431RequestHeaderFieldsTooLarge => BadRequest,
        StatusCodes.Status503ServiceUnavailable => ServiceUnavailable,
        _ => InternalServer,
    };
}
