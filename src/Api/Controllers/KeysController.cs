using ProxyAdmin.Api.OpenApi;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using ProxyAdmin.Application.Keys;
using ProxyAdmin.Application.Keys.Commands.BlockKey;
using ProxyAdmin.Application.Keys.Commands.DeleteKeys;
using ProxyAdmin.Application.Keys.Commands.GenerateKey;
using ProxyAdmin.Application.Keys.Commands.RegenerateKey;
using ProxyAdmin.Application.Keys.Commands.UnblockKey;
using ProxyAdmin.Application.Keys.Commands.UpdateKey;
using ProxyAdmin.Application.Keys.Queries.ExplainKeyAccess;
using ProxyAdmin.Application.Keys.Queries.GetKeyInfo;
using ProxyAdmin.Application.Keys.Queries.ListKeys;

namespace ProxyAdmin.Api.Controllers;

[Tags("keys")]
public sealed class KeysController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>Issues a key; the response carries its secret, this once.</summary>
    [RequestExample(
        "docs/my-website/docs/proxy/virtual_keys.md, Generate keys",
        """{"models": ["gpt-3.5-turbo", "gpt-4"], "metadata": {"user": "ishaan@berri.ai"}}""")]
    [HttpPost("/key/generate")]
    [ProducesResponseType<GeneratedKeyDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<GeneratedKeyDto>> Generate(GenerateKeyCommand command, CancellationToken cancellationToken) =>
        await Sender.Send(command, cancellationToken);

    /// <summary>A key by secret or hash; the caller's own key without <c>key</c>.</summary>
    [HttpGet("/key/info")]
    [ProducesResponseType<KeyInfoDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<KeyInfoDto>> Info([FromQuery(Name = "key")] string? key, CancellationToken cancellationToken) =>
        await Sender.Send(new GetKeyInfoQuery(key), cancellationToken);

    /// <summary>
    /// Why a key may or may not use a model: the models it may call (as /models answers it), every level above it (team,
    /// project, organization, user) with its models, limits and the budget left, and for <c>model</c> the first rule that
    /// denies it and at which level. For proxy admins and viewers, the key's owner and its team's admins; any other key is a 404.
    /// </summary>
    /// <param name="key">The key's secret or its hash (<c>token</c>); the caller's own key when absent.</param>
    /// <param name="model">A model name to judge; without it, no verdict.</param>
    [HttpGet("/key/explain")]
    [ProducesResponseType<KeyAccessExplanationDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<KeyAccessExplanationDto>> Explain(
        [FromQuery(Name = "key")] string? key,
        [FromQuery(Name = "model")] string? model,
        CancellationToken cancellationToken) =>
        await Sender.Send(new ExplainKeyAccessQuery(key, model), cancellationToken);

    /// <summary>One page of keys, newest first.</summary>
    /// <param name="page">The 1-based page (LiteLLM's offset paging); 1 when neither it nor <c>after</c> is sent. Not together with <c>after</c>.</param>
    /// <param name="after">The <c>next_cursor</c> of the previous page (keyset paging, with the same filters): every page costs the same.</param>
    [HttpGet("/key/list")]
    [ProducesResponseType<KeyPageDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<KeyPageDto>> List(
        [FromQuery(Name = "page")] int? page = null,
        [FromQuery(Name = "size")] int size = 10,
        [FromQuery(Name = "user_id")] string? userId = null,
        [FromQuery(Name = "team_id")] string? teamId = null,
        [FromQuery(Name = "key_alias")] string? keyAlias = null,
        [FromQuery(Name = "after")] string? after = null,
        CancellationToken cancellationToken = default) =>
        await Sender.Send(new ListKeysQuery { Page = page, After = after, Size = size, UserId = userId, TeamId = teamId, KeyAlias = keyAlias }, cancellationToken);

    /// <summary>Changes the fields sent (<c>metadata</c> is merged) and answers with <c>key</c> and the fields updated.</summary>
    [HttpPost("/key/update")]
    [ProducesResponseType<UpdatedKeyDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<UpdatedKeyDto>> Update(UpdateKeyCommand command, CancellationToken cancellationToken) =>
        await Sender.Send(command, cancellationToken);

    /// <summary>Deletes keys by secret, hash or alias; nothing is deleted unless all are found.</summary>
    [HttpPost("/key/delete")]
    [ProducesResponseType<DeletedKeysDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<DeletedKeysDto>> Delete(DeleteKeysCommand command, CancellationToken cancellationToken) =>
        await Sender.Send(command, cancellationToken);

    /// <summary>Blocks a key: it stops authenticating at once.</summary>
    [HttpPost("/key/block")]
    [ProducesResponseType<KeyDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<KeyDto>> Block(BlockKeyCommand command, CancellationToken cancellationToken) =>
        await Sender.Send(command, cancellationToken);

    /// <summary>Unblocks a key.</summary>
    [HttpPost("/key/unblock")]
    [ProducesResponseType<KeyDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<KeyDto>> Unblock(UnblockKeyCommand command, CancellationToken cancellationToken) =>
        await Sender.Send(command, cancellationToken);

    /// <summary>
    /// Rotates a key's secret (the old one dies at once, the new one is shown this once) and applies the other fields
    /// sent as <c>/key/update</c> would.
    /// </summary>
    [HttpPost("/key/regenerate")]
    [ProducesResponseType<GeneratedKeyDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<GeneratedKeyDto>> Regenerate(RegenerateKeyCommand command, CancellationToken cancellationToken) =>
        await Sender.Send(command, cancellationToken);

    /// <summary>LiteLLM's path form of <c>/key/regenerate</c>; the body (optional) may not name another key.</summary>
    [HttpPost("/key/{key}/regenerate")]
    [ProducesResponseType<GeneratedKeyDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<GeneratedKeyDto>> RegenerateByPath(
        string key,
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] RegenerateKeyCommand? command,
        CancellationToken cancellationToken)
    {
        if (command?.Key is { } named && named != key)
        {
            throw new BadRequestException("The body names another key than the route: send 'key' in one place, or the same in both.", "key");
        }

        return await Sender.Send((command ?? new RegenerateKeyCommand()) with { Key = key }, cancellationToken);
    }
}
