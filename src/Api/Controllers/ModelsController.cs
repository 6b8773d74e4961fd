using ProxyAdmin.Application.Models;
using ProxyAdmin.Application.Models.Commands.CreateModel;
using ProxyAdmin.Application.Models.Commands.DeleteModel;
using ProxyAdmin.Application.Models.Commands.UpdateModel;
using ProxyAdmin.Application.Models.Queries.GetModelGroupInfo;
using ProxyAdmin.Application.Models.Queries.GetModelInfo;
using ProxyAdmin.Application.Models.Queries.ListModelInfo;
using ProxyAdmin.Application.Models.Queries.ListModelInfoPaged;
using ProxyAdmin.Application.Models.Queries.ListOpenAiModels;

namespace ProxyAdmin.Api.Controllers;

[Tags("models")]
public sealed class ModelsController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>Adds a deployment; string parameters are encrypted, secrets come back masked.</summary>
    [HttpPost("/model/new")]
    [ProducesResponseType<ModelDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status409Conflict)]
    public async Task<ActionResult<ModelDto>> Create(CreateModelCommand command, CancellationToken cancellationToken) =>
        await Sender.Send(command, cancellationToken);

    /// <summary>LiteLLM's older update (id in <c>model_info.id</c>); stored parameters not sent are kept.</summary>
    [HttpPost("/model/update")]
    [ProducesResponseType<ModelDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status409Conflict)]
    public async Task<ActionResult<ModelDto>> Update(UpdateModelCommand command, CancellationToken cancellationToken) =>
        await Sender.Send(command, cancellationToken);

    /// <summary>Partial update: omitted fields stay, explicit nulls clear only pricing fields.</summary>
    [HttpPatch("/model/{model_id}/update")]
    [ProducesResponseType<ModelDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ErrorResponse>(StatusCodes.Status409Conflict)]
    public async Task<ActionResult<ModelDto>> Patch([FromRoute(Name = "model_id")] string modelId, PatchModelRequest changes, CancellationToken cancellationToken) =>
        await Sender.Send(new PatchModelCommand(modelId, changes), cancellationToken);

    /// <summary>Deletes a DB deployment (<c>{"id"}</c>).</summary>
    [HttpPost("/model/delete")]
    [ProducesResponseType<DeletedModelDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<DeletedModelDto>> Delete(DeleteModelCommand command, CancellationToken cancellationToken) =>
        await Sender.Send(command, cancellationToken);

    /// <summary>
    /// The deployments the caller may use as <c>{"data": [...]}</c>; with <c>litellm_model_id</c>, that one
    /// deployment as <c>{"data": {...}}</c> (LiteLLM's shape).
    /// </summary>
    [HttpGet("/model/info")]
    [ProducesResponseType<ModelInfoListDto>(StatusCodes.Status200OK)]
    public Task<IActionResult> Info([FromQuery(Name = "litellm_model_id")] string? modelId, [FromQuery(Name = "team_id")] string? teamId, CancellationToken cancellationToken) =>
        ModelInfo(modelId, teamId, cancellationToken);

    /// <summary>The same as <c>/model/info</c>.</summary>
    [HttpGet("/v1/model/info")]
    [ProducesResponseType<ModelInfoListDto>(StatusCodes.Status200OK)]
    public Task<IActionResult> InfoV1([FromQuery(Name = "litellm_model_id")] string? modelId, [FromQuery(Name = "team_id")] string? teamId, CancellationToken cancellationToken) =>
        ModelInfo(modelId, teamId, cancellationToken);

    /// <summary>One page of the deployments the caller may use.</summary>
    [HttpGet("/v2/model/info")]
    [ProducesResponseType<ModelInfoPageDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<ModelInfoPageDto>> InfoPaged(
        [FromQuery(Name = "page")] int page = 1,
        [FromQuery(Name = "size")] int size = 50,
        [FromQuery(Name = "search")] string? search = null,
        [FromQuery(Name = "team_id")] string? teamId = null,
        CancellationToken cancellationToken = default) =>
        await Sender.Send(new ListModelInfoPagedQuery { Page = page, Size = size, Search = search, TeamId = teamId }, cancellationToken);

    /// <summary>The model names the caller may call, in OpenAI's list shape.</summary>
    [HttpGet("/models")]
    [ProducesResponseType<OpenAiModelListDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<OpenAiModelListDto>> ListOpenAi([FromQuery(Name = "team_id")] string? teamId, CancellationToken cancellationToken) =>
        await Sender.Send(new ListOpenAiModelsQuery(teamId), cancellationToken);

    /// <summary>The same as <c>/models</c>.</summary>
    [HttpGet("/v1/models")]
    [ProducesResponseType<OpenAiModelListDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<OpenAiModelListDto>> ListOpenAiV1([FromQuery(Name = "team_id")] string? teamId, CancellationToken cancellationToken) =>
        await Sender.Send(new ListOpenAiModelsQuery(teamId), cancellationToken);

    /// <summary>The caller's models grouped by public name.</summary>
    [HttpGet("/model_group/info")]
    [ProducesResponseType<ModelGroupListDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<ModelGroupListDto>> GroupInfo(CancellationToken cancellationToken) =>
        await Sender.Send(new GetModelGroupInfoQuery(), cancellationToken);

    private async Task<IActionResult> ModelInfo(string? modelId, string? teamId, CancellationToken cancellationToken) =>
        modelId is null
            ? Ok(await Sender.Send(new ListModelInfoQuery(teamId), cancellationToken))
            : Ok(await Sender.Send(new GetModelInfoQuery(modelId), cancellationToken));
}
