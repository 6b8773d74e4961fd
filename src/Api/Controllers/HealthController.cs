using Microsoft.AspNetCore.Authorization;
using ProxyAdmin.Application.Health.Queries.CheckReadiness;
using ProxyAdmin.Application.Health.Queries.GetRevision;

namespace ProxyAdmin.Api.Controllers;

/// <summary>
/// Probes for orchestrators: no key needed, and nothing about the deployment revealed. The revision a replica has
/// applied is the one health route that needs a key (an admin's). The liveness probes, which answer a constant, are
/// endpoints of their own (<see cref="HealthProbes"/>).
/// </summary>
[Tags("health")]
public sealed class HealthController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>The database answers and has every migration of this version: 200 when so, 503 when not.</summary>
    /// <response code="503">The database does not answer, or lacks migrations; the body says which (<c>db</c>, <c>pending_migrations</c>).</response>
    [HttpGet("/health/readiness")]
    [AllowAnonymous]
    [ProducesResponseType<ReadinessDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ReadinessDto>(StatusCodes.Status503ServiceUnavailable)]
    public async Task<ActionResult<ReadinessDto>> Readiness(CancellationToken cancellationToken)
    {
        var readiness = await Sender.Send(new CheckReadinessQuery(), cancellationToken);
        return readiness.Status == "healthy" ? readiness : StatusCode(StatusCodes.Status503ServiceUnavailable, readiness);
    }

    /// <summary>
    /// The database revision this replica has applied (<c>x-proxyadmin-revision</c> of writes, <c>x-proxyadmin-min-revision</c>
    /// of reads): every change committed up to it, through any replica, is honoured here. Proxy admins and admin viewers.
    /// </summary>
    [HttpGet("/health/revision")]
    [ProducesResponseType<RevisionDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<RevisionDto>> Revision(CancellationToken cancellationToken) =>
        await Sender.Send(new GetRevisionQuery(), cancellationToken);

    /// <summary>The methods the probe accepts, as LiteLLM answers <c>OPTIONS</c> on it (200, empty body).</summary>
    /// <remarks>A CORS preflight never gets here: the CORS middleware answers it first.</remarks>
    [HttpOptions("/health/readiness")]
    [AllowAnonymous]
    [ProducesResponseType(StatusCodes.Status200OK)]
    public IActionResult ReadinessOptions()
    {
        HealthProbes.AllowGetAndOptions(Response);
        return Ok();
    }
}
