namespace ProxyAdmin.Application.Models.Queries.ListModelInfo;

/// <summary>
/// <c>GET /model/info</c> and <c>/v1/model/info</c> without <c>litellm_model_id</c>: every deployment the
/// caller may use, config and DB models together, as <c>{"data": [...]}</c>.
/// </summary>
[Authorize(AccessPolicy.SelfServiceRead, ServiceAccounts = true)]
public sealed record ListModelInfoQuery(string? TeamId) : IQuery<ModelInfoListDto>;

public sealed class ListModelInfoQueryHandler(ModelVisibility visibility, VisibleModelReader reader) : IQueryHandler<ListModelInfoQuery, ModelInfoListDto>
{
    public async ValueTask<ModelInfoListDto> Handle(ListModelInfoQuery query, CancellationToken cancellationToken) =>
        new() { Data = await reader.AllAsync(await visibility.ForCallerAsync(cancellationToken), query.TeamId, cancellationToken) };
}
