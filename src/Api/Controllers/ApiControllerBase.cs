namespace ProxyAdmin.Api.Controllers;

/// <summary>
/// Controllers only bind, send one message and return its result. Every action may answer with the
/// error envelope for bad input, a missing or unknown key, a role that may not do it, or a database too busy
/// to answer in time (503, safe to send again).
/// </summary>
/// <remarks>
/// <c>[Authorize]</c> changes nothing at run time (the fallback policy already demands a key) but lets the
/// OpenAPI document mark each operation as needing the key, so Swagger UI sends it. The responses use the
/// non-generic <see cref="ProducesResponseTypeAttribute"/> on purpose: the runtime drops an inherited generic
/// attribute when a derived class declares one of the same closed type, so a controller with its own
/// class-level <c>ProducesResponseType&lt;ErrorResponse&gt;</c> would lose all of these from the document.
/// </remarks>
[ApiController]
[Microsoft.AspNetCore.Authorization.Authorize]
[Produces("application/json")]
[ProducesResponseType(typeof(ErrorResponse), StatusCodes.Status400BadRequest)]
[ProducesResponseType(typeof(ErrorResponse), StatusCodes.Status401Unauthorized)]
[ProducesResponseType(typeof(ErrorResponse), StatusCodes.Status403Forbidden)]
[ProducesResponseType(typeof(ErrorResponse), StatusCodes.Status500InternalServerError)]
[ProducesResponseType(typeof(ErrorResponse), StatusCodes.Status503ServiceUnavailable)]
public abstract class ApiControllerBase(ISender sender) : ControllerBase
{
    protected ISender Sender { get; } = sender;
}
