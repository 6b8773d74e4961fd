namespace ProxyAdmin.Application.Models.Queries.GetModelInfo;

/// <summary>
/// <c>GET /model/info</c> and <c>/v1/model/info</c> without <c>litellm_model_id</c>: every deployment the
/// caller may use, config and DB models together.
/// </summary>
[Authorize(AccessPolicy.SelfServiceRead)]
public sealed record ListModelInfoQuery(string? TeamId) : IQuery<List<ModelDto>>;

public sealed class ListModelInfoQueryHandler(ModelVisibility visibility, VisibleModelReader reader) : IQueryHandler<ListModelInfoQuery, List<ModelDto>>
{
    public async ValueTask<List<ModelDto>> Handle(ListModelInfoQuery query, CancellationToken cancellationToken) =>
        await reader.AllAsync(await visibility.ForCallerAsync(cancellationToken), query.TeamId, cancellationToken);
}

/// <summary><c>GET /model/info?litellm_model_id=</c>: one deployment the caller may use.</summary>
[Authorize(AccessPolicy.SelfServiceRead)]
public sealed record GetModelInfoQuery(string ModelId) : IQuery<ModelDto>;

public sealed class GetModelInfoQueryHandler(
    IModelRepository models,
    IConfigModelCatalog configModels,
    ModelVisibility visibility,
    ModelPresenter presenter) : IQueryHandler<GetModelInfoQuery, ModelDto>
{
    public async ValueTask<ModelDto> Handle(GetModelInfoQuery query, CancellationToken cancellationToken)
    {
        var scope = await visibility.ForCallerAsync(cancellationToken);
        if (configModels.Find(query.ModelId) is { } config && scope.Allows(config.TeamId, config.ModelName))
        {
            return ModelPresenter.Present(config, scope.ShowsPublicNames);
        }

        if (await models.GetAsync(query.ModelId, cancellationToken) is { } stored && scope.Allows(stored.TeamId, stored.ModelName))
        {
            return presenter.Present(stored, scope.ShowsPublicNames);
        }

        throw new NotFoundException($"Model id = {query.ModelId} not found on litellm proxy", "litellm_model_id");
    }
}
