using ProxyAdmin.Domain.Common;

namespace ProxyAdmin.Api.OpenApi;

/// <summary>
/// The status each expected failure reaches the caller with, by exception type: what
/// <see cref="ProxyAdminExceptionHandler"/> answers for an instance of it (a functional test holds the two together).
/// </summary>
public static class FailureStatuses
{
    public static int? Of(Type exception) => exception switch
    {
        _ when Is<ValidationException>(exception) || Is<BadRequestException>(exception) || Is<DomainRuleException>(exception) => StatusCodes.Status400BadRequest,
        _ when Is<UnauthenticatedException>(exception) => StatusCodes.Status401Unauthorized,
        _ when Is<ForbiddenAccessException>(exception) => StatusCodes.Status403Forbidden,
        _ when Is<NotFoundException>(exception) => StatusCodes.Status404NotFound,
        _ when Is<ConflictException>(exception) => StatusCodes.Status409Conflict,
        _ when Is<PreconditionFailedException>(exception) => StatusCodes.Status412PreconditionFailed,
        _ when Is<PreconditionRequiredException>(exception) => StatusCodes.Status428PreconditionRequired,
        _ when Is<ServiceBusyException>(exception) => StatusCodes.Status503ServiceUnavailable,
        _ => null,
    };

    private static bool Is<T>(Type exception) => typeof(T).IsAssignableFrom(exception);
}
