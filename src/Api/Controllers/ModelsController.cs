using ProxyAdmin.Api.OpenApi;
using ProxyAdmin.Application.Models;
using ProxyAdmin.Application.Models.Commands.BlockModel;
using ProxyAdmin.Application.Models.Commands.CreateModel;
using ProxyAdmin.Application.Models.Commands.DeleteModel;
using ProxyAdmin.Application.Models.Commands.UnblockModel;
using ProxyAdmin.Application.Models.Commands.UpdateModel;
using ProxyAdmin.Application.Models.Queries.GetModelGroupInfo;
using ProxyAdmin.Application.Models.Queries.GetModelInfo;
using ProxyAdmin.Application.Models.Queries.GetOpenAiModel;
using ProxyAdmin.Application.Models.Queries.ListModelInfo;
using ProxyAdmin.Application.Models.Queries.ListModelInfoPaged;
using ProxyAdmin.Application.Models.Queries.ListOpenAiModels;

namespace ProxyAdmin.Api.Controllers;

[Tags("models")]
public sealed class ModelsController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>Adds a deployment; string parameters are encrypted, secrets come back masked.</summary>
    [RequestExample(
        "docs/my-website/docs/proxy/model_management.md, Add a New Model",
        """{"model_name": "azure-gpt-turbo", "litellm_params": {"model": "azure/gpt-3.5-turbo", "api_key": "os.environ/AZURE_API_KEY", "api_base": "my-azure-api-base"}}""")]
    [HttpPost("/model/new")]
    [ProducesResponseType<ModelDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<ModelDto>> Create(CreateModelCommand command, CancellationToken cancellationToken) =>
        await Sender.Send(command, cancellationToken);

    /// <summary>LiteLLM's older update (id in <c>model_info.id</c>); stored parameters not sent are kept.</summary>
    [HttpPost("/model/update")]
    [ProducesResponseType<ModelDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<ModelDto>> Update(UpdateModelCommand command, CancellationToken cancellationToken) =>
        await Sender.Send(command, cancellationToken);

    /// <summary>Partial update: omitted fields stay, explicit nulls clear only pricing fields.</summary>
    [HttpPatch("/model/{model_id}/update")]
    [ProducesResponseType<ModelDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<ModelDto>> Patch([FromRoute(Name = "model_id")] string modelId, PatchModelRequest changes, CancellationToken cancellationToken) =>
        await Sender.Send(new PatchModelCommand(modelId, changes), cancellationToken);

    /// <summary>Deletes a DB deployment (<c>{"id"}</c>).</summary>
    [HttpPost("/model/delete")]
    [ProducesResponseType<DeletedModelDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<DeletedModelDto>> Delete(DeleteModelCommand command, CancellationToken cancellationToken) =>
        await Sender.Send(command, cancellationToken);

    /// <summary>Blocks a DB deployment (<c>{"model_id"}</c>): it stops serving requests. Proxy admins only.</summary>
    [HttpPost("/model/block")]
    [ProducesResponseType<ModelDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<ModelDto>> Block(BlockModelCommand command, CancellationToken cancellationToken) =>
        await Sender.Send(command, cancellationToken);

    /// <summary>Unblocks a DB deployment (<c>{"model_id"}</c>): it serves requests again. Proxy admins only.</summary>
    [HttpPost("/model/unblock")]
    [ProducesResponseType<ModelDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<ModelDto>> Unblock(UnblockModelCommand command, CancellationToken cancellationToken) =>
        await Sender.Send(command, cancellationToken);

    /// <summary>
    /// The deployments the caller may use as <c>{"data": [...]}</c>; with <c>litellm_model_id</c>, that one
    /// deployment as a list of one (LiteLLM's shape). Team models show their public name.
    /// </summary>
    [HttpGet("/model/info")]
    [ProducesResponseType<ModelInfoListDto>(StatusCodes.Status200OK)]
    public Task<ActionResult<ModelInfoListDto>> Info([FromQuery(Name = "litellm_model_id")] string? modelId, [FromQuery(Name = "team_id")] string? teamId, CancellationToken cancellationToken) =>
        ModelInfo(modelId, teamId, cancellationToken);

    /// <summary>The same as <c>/model/info</c>.</summary>
    [HttpGet("/v1/model/info")]
    [ProducesResponseType<ModelInfoListDto>(StatusCodes.Status200OK)]
    public Task<ActionResult<ModelInfoListDto>> InfoV1([FromQuery(Name = "litellm_model_id")] string? modelId, [FromQuery(Name = "team_id")] string? teamId, CancellationToken cancellationToken) =>
        ModelInfo(modelId, teamId, cancellationToken);

    /// <summary>One page of the deployments the caller may use.</summary>
    /// <param name="page">The 1-based page (LiteLLM's offset paging); 1 when neither it nor <c>after</c> is sent. Not together with <c>after</c>.</param>
    /// <param name="after">The <c>next_cursor</c> of the previous page (keyset paging, with the same filters): every page costs the same.</param>
    [HttpGet("/v2/model/info")]
    [ProducesResponseType<ModelInfoPageDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<ModelInfoPageDto>> InfoPaged(
        [FromQuery(Name = "page")] int? page = null,
        [FromQuery(Name = "size")] int size = 50,
        [FromQuery(Name = "search")] string? search = null,
        [FromQuery(Name = "team_id")] string? teamId = null,
        [FromQuery(Name = "after")] string? after = null,
        CancellationToken cancellationToken = default) =>
        await Sender.Send(new ListModelInfoPagedQuery { Page = page, After = after, Size = size, Search = search, TeamId = teamId }, cancellationToken);

    /// <summary>The model names the caller may call, in OpenAI's list shape; optionally with, or only, model access groups.</summary>
    [HttpGet("/models")]
    [ProducesResponseType<OpenAiModelListDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<OpenAiModelListDto>> ListOpenAi(
        [FromQuery(Name = "team_id")] string? teamId,
        [FromQuery(Name = "include_model_access_groups")] bool includeModelAccessGroups = false,
        [FromQuery(Name = "only_model_access_groups")] bool onlyModelAccessGroups = false,
        CancellationToken cancellationToken = default) =>
        await Sender.Send(new ListOpenAiModelsQuery(teamId, includeModelAccessGroups, onlyModelAccessGroups), cancellationToken);

    /// <summary>The same as <c>/models</c>.</summary>
    [HttpGet("/v1/models")]
    [ProducesResponseType<OpenAiModelListDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<OpenAiModelListDto>> ListOpenAiV1(
        [FromQuery(Name = "team_id")] string? teamId,
        [FromQuery(Name = "include_model_access_groups")] bool includeModelAccessGroups = false,
        [FromQuery(Name = "only_model_access_groups")] bool onlyModelAccessGroups = false,
        CancellationToken cancellationToken = default) =>
        await Sender.Send(new ListOpenAiModelsQuery(teamId, includeModelAccessGroups, onlyModelAccessGroups), cancellationToken);

    /// <summary>
    /// One model name the caller may call, in OpenAI's retrieve-model shape. The name may contain <c>/</c>, sent as is
    /// (<c>/v1/models/openai/gpt-4o</c>) or escaped (<c>openai%2Fgpt-4o</c>).
    /// </summary>
    [HttpGet("/models/{**model_id}")]
    [ProducesResponseType<OpenAiModelDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<OpenAiModelDto>> RetrieveOpenAi([FromRoute(Name = "model_id")] string modelId, [FromQuery(Name = "team_id")] string? teamId, CancellationToken cancellationToken) =>
        await Sender.Send(new GetOpenAiModelQuery(ModelNameRoute.Read(Request, fixedSegments: 1, modelId), teamId), cancellationToken);

    /// <summary>The same as <c>/models/{model_id}</c>.</summary>
    [HttpGet("/v1/models/{**model_id}")]
    [ProducesResponseType<OpenAiModelDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<OpenAiModelDto>> RetrieveOpenAiV1([FromRoute(Name = "model_id")] string modelId, [FromQuery(Name = "team_id")] string? teamId, CancellationToken cancellationToken) =>
        await Sender.Send(new GetOpenAiModelQuery(ModelNameRoute.Read(Request, fixedSegments: 2, modelId), teamId), cancellationToken);

    /// <summary>The caller's models grouped by public name, every <c>ModelGroupInfo</c> field; optionally one group.</summary>
    [HttpGet("/model_group/info")]
    [ProducesResponseType<ModelGroupListDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<ModelGroupListDto>> GroupInfo([FromQuery(Name = "model_group")] string? modelGroup, CancellationToken cancellationToken) =>
        await Sender.Send(new GetModelGroupInfoQuery(modelGroup), cancellationToken);

    private async Task<ActionResult<ModelInfoListDto>> ModelInfo(string? modelId, string? teamId, CancellationToken cancellationToken) =>
        modelId is null
            ? await Sender.Send(new ListModelInfoQuery(teamId), cancellationToken)
            : await Sender.Send(new GetModelInfoQuery(modelId), cancellationToken);
}
