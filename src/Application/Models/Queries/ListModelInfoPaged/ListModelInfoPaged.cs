using ProxyAdmin.Application.Common.Validation;

namespace ProxyAdmin.Application.Models.Queries.ListModelInfoPaged;

/// <summary>
/// <c>GET /v2/model/info</c>: one page of the deployments the caller may use (config models first), with
/// a search on names and a team filter. Non-admins are always filtered, whatever they ask.
/// </summary>
[Authorize(AccessPolicy.SelfServiceRead, ServiceAccounts = true)]
public sealed record ListModelInfoPagedQuery : IQuery<ModelInfoPageDto>
{
    public int Page { get; init; } = 1;
    public int Size { get; init; } = 50;
    public string? Search { get; init; }
    public string? TeamId { get; init; }
}

public sealed class ListModelInfoPagedQueryValidator : AbstractValidator<ListModelInfoPagedQuery>
{
    public ListModelInfoPagedQueryValidator()
    {
        RuleFor(q => q.Page).ValidPage();
        RuleFor(q => q.Size).ValidPageSize();
        RuleFor(q => q.Search).MaximumLength(Domain.Models.ModelDeployment.NameMaxLength);
    }
}

public sealed class ListModelInfoPagedQueryHandler(
    IReadRepository reads,
    ModelVisibility visibility,
    VisibleModelReader reader,
    ModelPresenter presenter) : IQueryHandler<ListModelInfoPagedQuery, ModelInfoPageDto>
{
    public async ValueTask<ModelInfoPageDto> Handle(ListModelInfoPagedQuery query, CancellationToken cancellationToken)
    {
        var scope = await visibility.ForCallerAsync(cancellationToken);
        var config = reader.ConfigModels(scope, query.TeamId, query.Search).ToList();
        var storedCount = await reads.CountAsync(new VisibleModels(scope, query.TeamId, query.Search), cancellationToken);

        // The page is a window over "config models, then DB models": take what falls in each part.
        var offset = (query.Page - 1) * query.Size;
        var fromConfig = config.Skip(offset).Take(query.Size).Select(m => ModelPresenter.Present(m, showPublicName: true)).ToList();
        var storedSkip = Math.Max(0, offset - config.Count);
        var storedTake = query.Size - fromConfig.Count;
        var stored = storedTake == 0
            ? []
            : await reads.ListAsync(new VisibleModels(scope, query.TeamId, query.Search, (storedSkip, storedTake)), cancellationToken);

        var total = config.Count + storedCount;
        return new ModelInfoPageDto
        {
            Data = [.. fromConfig, .. stored.Select(m => presenter.Present(m, showPublicName: true))],
            TotalCount = total,
            CurrentPage = query.Page,
            TotalPages = total == 0 ? 0 : (total + query.Size - 1) / query.Size,
            Size = query.Size,
        };
    }
}
