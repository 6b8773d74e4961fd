namespace ProxyAdmin.Api.Controllers;

/// <summary>
/// Controllers only bind, send one message and return its result. Every action may answer with the
/// error envelope for bad input, a missing or unknown key, or a role that may not do it.
/// </summary>
[ApiController]
[Produces("application/json")]
[ProducesResponseType<ErrorResponse>(StatusCodes.Status400BadRequest)]
[ProducesResponseType<ErrorResponse>(StatusCodes.Status401Unauthorized)]
[ProducesResponseType<ErrorResponse>(StatusCodes.Status403Forbidden)]
[ProducesResponseType<ErrorResponse>(StatusCodes.Status500InternalServerError)]
public abstract class ApiControllerBase(ISender sender) : ControllerBase
{
    protected ISender Sender { get; } = sender;
}
