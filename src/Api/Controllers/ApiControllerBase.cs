namespace ProxyAdmin.Api.Controllers;

/// <summary>
/// Controllers only bind, send one message and return its result. The error statuses each action can answer
/// with are documented by rule, from the messages it sends (<see cref="OpenApi.ErrorResponsesProcessor"/>); an
/// action declares only its success type, and a status of its own that the rule cannot know.
/// </summary>
/// <remarks>
/// <c>[Authorize]</c> changes nothing at run time (the fallback policy already demands a key) but lets the
/// OpenAPI document mark each operation as needing the key, so Swagger UI sends it.
/// </remarks>
[ApiController]
[Microsoft.AspNetCore.Authorization.Authorize]
[Produces("application/json")]
public abstract class ApiControllerBase(ISender sender) : ControllerBase
{
    protected ISender Sender { get; } = sender;
}
