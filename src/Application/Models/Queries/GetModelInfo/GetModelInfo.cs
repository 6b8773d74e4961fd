namespace ProxyAdmin.Application.Models.Queries.GetModelInfo;

/// <summary><c>GET /model/info?litellm_model_id=</c>: one deployment the caller may use, as <c>{"data": {...}}</c>.</summary>
[Authorize(AccessPolicy.SelfServiceRead, ServiceAccounts = true)]
public sealed record GetModelInfoQuery(string ModelId) : IQuery<ModelInfoSingleDto>;

public sealed class GetModelInfoQueryHandler(
    IModelRepository models,
    IConfigModelCatalog configModels,
    ModelVisibility visibility,
    ModelPresenter presenter) : IQueryHandler<GetModelInfoQuery, ModelInfoSingleDto>
{
    public async ValueTask<ModelInfoSingleDto> Handle(GetModelInfoQuery query, CancellationToken cancellationToken)
    {
        var scope = await visibility.ForCallerAsync(cancellationToken);
        if (configModels.Find(query.ModelId) is { } config && scope.Allows(config.TeamId, config.ModelName))
        {
            return new() { Data = ModelPresenter.Present(config, scope.ShowsPublicNames) };
        }

        if (await models.GetAsync(query.ModelId, cancellationToken) is { } stored && scope.Allows(stored.TeamId, stored.ModelName))
        {
            return new() { Data = presenter.Present(stored, scope.ShowsPublicNames) };
        }

        throw new NotFoundException($"Model id = {query.ModelId} not found on litellm proxy", "litellm_model_id");
    }
}
