using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Application.Models.Queries.ListModelInfo;

namespace ProxyAdmin.Application.Models.Queries.GetModelInfo;

/// <summary>
/// <c>GET /model/info?litellm_model_id=</c>: one deployment the caller may use, as <c>{"data": [{...}]}</c>, a list of
/// exactly one (LiteLLM's <c>model_info_v1</c> returns <c>{"data": single_model_list}</c>), so one response type serves
/// <c>/model/info</c> with and without an id. Team models show their public name.
/// </summary>
[Authorize(AccessPolicy.SelfServiceRead, ServiceAccounts = true)]
public sealed record GetModelInfoQuery(string ModelId) : IQuery<ModelInfoListDto>;

public sealed class GetModelInfoQueryHandler(
    IModelRepository models,
    IConfigModelCatalog configModels,
    ModelVisibility visibility,
    ModelPresenter presenter,
    EntityTags tags) : IQueryHandler<GetModelInfoQuery, ModelInfoListDto>
{
    public async ValueTask<ModelInfoListDto> Handle(GetModelInfoQuery query, CancellationToken cancellationToken)
    {
        var scope = await visibility.ForCallerAsync(cancellationToken);
        if (configModels.Find(query.ModelId) is { } config && scope.Allows(config.TeamId, config.ModelName))
        {
            return new() { Data = [ModelPresenter.Present(config, showPublicName: true)] };
        }

        if (await models.GetAsync(query.ModelId, cancellationToken) is { } stored && scope.Allows(stored.TeamId, stored.ModelName))
        {
            tags.Answer(AuditTables.Models, stored.ModelId, stored.Version);
            return new() { Data = [presenter.Present(stored, showPublicName: true)] };
        }

        throw new NotFoundException($"Model id = {query.ModelId} not found on litellm proxy", "litellm_model_id");
    }
}
