namespace ProxyAdmin.Api.Http;

public static class ErrorResponseWriter
{
    public static Task WriteAsync(HttpContext context, int status, string message, string? param = null, List<ErrorField>? errors = null)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(ErrorResponse.Create(status, message, param, errors), context.RequestAborted);
    }
}
