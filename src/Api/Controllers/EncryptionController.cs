using ProxyAdmin.Application.Encryption;
using ProxyAdmin.Application.Encryption.Commands.StartEncryptionRotation;
using ProxyAdmin.Application.Encryption.Queries.GetEncryptionStatus;

namespace ProxyAdmin.Api.Controllers;

/// <summary>
/// Rotating the salt key online: re-encrypt every stored secret under the active key while the service serves, and
/// see how far it got. ProxyAdmin's own routes (LiteLLM cannot change its salt key); README, "Rotating the salt key".
/// </summary>
[Tags("encryption")]
public sealed class EncryptionController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>
    /// Starts re-encrypting every stored secret under the active salt key, in the background (202); re-running it is
    /// harmless. Proxy admins.
    /// </summary>
    [HttpPost("/encryption/rotate")]
    [ProducesResponseType<EncryptionRotationDto>(StatusCodes.Status202Accepted)]
    public async Task<ActionResult<EncryptionRotationDto>> Rotate(CancellationToken cancellationToken) =>
        Accepted(await Sender.Send(new StartEncryptionRotationCommand(), cancellationToken));

    /// <summary>Which keys the stored secrets are under, per table, which keys can be removed, and the latest run. Admins and viewers.</summary>
    [HttpGet("/encryption/status")]
    [ProducesResponseType<EncryptionStatusDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<EncryptionStatusDto>> Status(CancellationToken cancellationToken) =>
        await Sender.Send(new GetEncryptionStatusQuery(), cancellationToken);
}
