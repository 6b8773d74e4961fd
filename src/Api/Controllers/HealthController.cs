using Microsoft.AspNetCore.Authorization;
using ProxyAdmin.Application.Health.Queries.CheckReadiness;

namespace ProxyAdmin.Api.Controllers;

/// <summary>Probes for orchestrators: no key needed, and nothing about the deployment revealed.</summary>
[Tags("health")]
[AllowAnonymous]
public sealed class HealthController(ISender sender) : ApiControllerBase(sender)
{
    public const string AliveMessage = "I'm alive!";

    /// <summary>The process answers (LiteLLM's spelling).</summary>
    [HttpGet("/health/liveliness")]
    [ProducesResponseType<string>(StatusCodes.Status200OK)]
    public ActionResult<string> Liveliness() => AliveMessage;

    /// <summary>The process answers.</summary>
    [HttpGet("/health/liveness")]
    [ProducesResponseType<string>(StatusCodes.Status200OK)]
    public ActionResult<string> Liveness() => AliveMessage;

    /// <summary>The database answers: 200 when it does, 503 when it does not.</summary>
    [HttpGet("/health/readiness")]
    [ProducesResponseType<ReadinessDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ReadinessDto>(StatusCodes.Status503ServiceUnavailable)]
    public async Task<ActionResult<ReadinessDto>> Readiness(CancellationToken cancellationToken)
    {
        var readiness = await Sender.Send(new CheckReadinessQuery(), cancellationToken);
        return readiness.Db == "connected" ? readiness : StatusCode(StatusCodes.Status503ServiceUnavailable, readiness);
    }
}
