using ProxyAdmin.Api.OpenApi;
using ProxyAdmin.Application.Credentials;
using ProxyAdmin.Application.Credentials.Commands.CreateCredential;
using ProxyAdmin.Application.Credentials.Commands.DeleteCredential;
using ProxyAdmin.Application.Credentials.Commands.UpdateCredential;
using ProxyAdmin.Application.Credentials.Queries.GetCredentialByModel;
using ProxyAdmin.Application.Credentials.Queries.GetCredentialByName;
using ProxyAdmin.Application.Credentials.Queries.ListCredentials;

namespace ProxyAdmin.Api.Controllers;

/// <summary>
/// Reusable provider credentials that models reference by <c>litellm_params.litellm_credential_name</c> (LiteLLM's
/// credential routes). Values are encrypted at rest and shown masked. A name may contain slashes (send them as-is or as
/// <c>%2F</c>).
/// </summary>
[Tags("credentials")]
public sealed class CredentialsController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>Stores a credential: its values, or those of a model's credential (<c>model_id</c>). Proxy admins.</summary>
    [RequestExample(
        "litellm/proxy/credential_endpoints/endpoints.py, create_credential",
        """
        {
          "credential_name": "openai-prod",
          "credential_values": {"api_key": "sk-...", "api_base": "https://api.openai.com/v1"},
          "credential_info": {"custom_llm_provider": "openai"}
        }
        """)]
    [HttpPost("/credentials")]
    [ProducesResponseType<CredentialWriteResultDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<CredentialWriteResultDto>> Create(CreateCredentialCommand command, CancellationToken cancellationToken) =>
        await Sender.Send(command, cancellationToken);

    /// <summary>Every credential (masked) for admins and viewers; a team admin sees the names its teams' models use.</summary>
    [HttpGet("/credentials")]
    [ProducesResponseType<CredentialListDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<CredentialListDto>> List(CancellationToken cancellationToken) =>
        await Sender.Send(new ListCredentialsQuery(), cancellationToken);

    /// <summary>One credential by name, masked (to a team admin: its name only).</summary>
    [HttpGet("/credentials/by_name/{**credential_name}")]
    [ProducesResponseType<CredentialDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<CredentialDto>> ByName([FromRoute(Name = "credential_name")] string credentialName, CancellationToken cancellationToken) =>
        await Sender.Send(new GetCredentialByNameQuery(ModelNameRoute.Read(Request, fixedSegments: 2, credentialName)), cancellationToken);

    /// <summary>The credential a model uses: its stored credential, or its own credential parameters, masked.</summary>
    [HttpGet("/credentials/by_model/{model_id}")]
    [ProducesResponseType<CredentialDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<CredentialDto>> ByModel([FromRoute(Name = "model_id")] string modelId, CancellationToken cancellationToken) =>
        await Sender.Send(new GetCredentialByModelQuery(modelId), cancellationToken);

    /// <summary>Merges the values and info sent; a new <c>credential_name</c> renames it, and its models follow. Proxy admins.</summary>
    [HttpPatch("/credentials/{**credential_name}")]
    [ProducesResponseType<CredentialWriteResultDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<CredentialWriteResultDto>> Update([FromRoute(Name = "credential_name")] string credentialName, UpdateCredentialRequest changes, CancellationToken cancellationToken) =>
        await Sender.Send(new UpdateCredentialCommand(ModelNameRoute.Read(Request, fixedSegments: 1, credentialName), changes), cancellationToken);

    /// <summary>Deletes a credential no model uses (409 naming the models that do). Proxy admins.</summary>
    [HttpDelete("/credentials/{**credential_name}")]
    [ProducesResponseType<CredentialWriteResultDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<CredentialWriteResultDto>> Delete([FromRoute(Name = "credential_name")] string credentialName, CancellationToken cancellationToken) =>
        await Sender.Send(new DeleteCredentialCommand(ModelNameRoute.Read(Request, fixedSegments: 1, credentialName)), cancellationToken);
}
