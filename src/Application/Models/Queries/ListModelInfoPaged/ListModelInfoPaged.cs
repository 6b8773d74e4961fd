using ProxyAdmin.Application.Common.Paging;
using ProxyAdmin.Application.Common.Validation;
using ProxyAdmin.Domain.Models;

namespace ProxyAdmin.Application.Models.Queries.ListModelInfoPaged;

/// <summary>
/// <c>GET /v2/model/info</c>: one page of the deployments the caller may use (config models first), with
/// a search on names and a team filter. Non-admins are always filtered, whatever they ask. Paged by <c>page</c> or by
/// <c>after</c>, the <c>next_cursor</c> of the page before.
/// </summary>
[Authorize(AccessPolicy.SelfServiceRead, ServiceAccounts = true)]
public sealed record ListModelInfoPagedQuery : IQuery<ModelInfoPageDto>
{
    /// <summary>The 1-based page; 1 when neither it nor <see cref="After"/> is sent.</summary>
    public int? Page { get; init; }

    public int Size { get; init; } = 50;
    public string? Search { get; init; }
    public string? TeamId { get; init; }

    /// <summary>The <c>next_cursor</c> of the previous page, for the same filters.</summary>
    public string? After { get; init; }

    /// <summary>What a cursor of this list is bound to: the filters a client sends (the caller's scope is applied anew).</summary>
    public string Fingerprint() => PageCursor.Fingerprint("v2/model/info", Search, TeamId);
}

public sealed class ListModelInfoPagedQueryValidator : AbstractValidator<ListModelInfoPagedQuery>
{
    public ListModelInfoPagedQueryValidator()
    {
        RuleFor(q => q.Page).ValidPage();
        RuleFor(q => q.Size).ValidPageSize();
        RuleFor(q => q.Search).MaximumLength(ModelDeployment.NameMaxLength);
        RuleFor(q => q.After).ValidCursor(q => q.Page);
    }
}

public sealed class ListModelInfoPagedQueryHandler(
    IReadRepository reads,
    ModelVisibility visibility,
    VisibleModelReader reader,
    ModelPresenter presenter) : IQueryHandler<ListModelInfoPagedQuery, ModelInfoPageDto>
{
    /// <summary>The first key of a cursor: which part of "config models, then DB models" its row is in.</summary>
    private const string ConfigPart = "config";
    private const string StoredPart = "db";

    public async ValueTask<ModelInfoPageDto> Handle(ListModelInfoPagedQuery query, CancellationToken cancellationToken)
    {
        var fingerprint = query.Fingerprint();
        var after = query.After is { } cursor ? PageCursor.Decode(cursor, fingerprint, 3) : null;
        if (after is not null && after.Text(0) is not (ConfigPart or StoredPart))
        {
            throw new BadRequestException("'after' is not a cursor this list returned for the same filters and sort.", PageCursor.Parameter);
        }

        var scope = await visibility.ForCallerAsync(cancellationToken);
        var config = reader.ConfigModels(scope, query.TeamId, query.Search).ToList();
        var unfiltered = scope.Everything && query.TeamId is null && string.IsNullOrEmpty(query.Search);
        var storedCount = unfiltered
            ? await reads.CountAllAsync<ModelDeployment>(cancellationToken)
            : await reads.CountAsync(new VisibleModels(scope, query.TeamId, query.Search), cancellationToken);

        // The list is "config models (by name, id), then DB models (by creation, id)": a position in either part, or an offset over both.
        var window = PageWindow.For(query.Page, query.Size);
        IEnumerable<ConfigModel> configRest = config;
        var storedSkip = 0;
        (DateTime, string)? storedAfter = null;
        if (after is null)
        {
            configRest = config.Skip(window.Skip);
            storedSkip = Math.Max(0, window.Skip - config.Count);
        }
        else if (after.Text(0) == ConfigPart)
        {
            var (name, id) = (after.Text(1), after.Text(2));
            configRest = config.SkipWhile(m => string.CompareOrdinal(m.ModelName, name) < 0 || (m.ModelName == name && string.CompareOrdinal(m.ModelId, id) <= 0));
        }
        else
        {
            configRest = [];
            storedAfter = (after.Instant(1), after.Text(2));
        }

        var rows = configRest.Take(window.Take)
            .Select(m => (Dto: ModelPresenter.Present(m, showPublicName: true), Cursor: PageCursor.Encode(fingerprint, ConfigPart, m.ModelName, m.ModelId)))
            .ToList();
        var storedTake = window.Take - rows.Count;
        if (storedTake > 0)
        {
            var stored = await reads.ListAsync(new VisibleModels(scope, query.TeamId, query.Search, new PageWindow(storedSkip, storedTake), storedAfter), cancellationToken);
            rows.AddRange(stored.Select(m => (Dto: presenter.Present(m, showPublicName: true), Cursor: PageCursor.Encode(fingerprint, StoredPart, PageCursor.Key(m.CreatedAt), m.ModelId))));
        }

        var (shown, nextCursor) = PageSlice.Of(rows, query.Size, r => r.Cursor);
        var total = config.Count + storedCount;
        return new ModelInfoPageDto
        {
            Data = shown.ConvertAll(r => r.Dto),
            TotalCount = total,
            CurrentPage = query.Page ?? 1,
            TotalPages = total == 0 ? 0 : (total + query.Size - 1) / query.Size,
            Size = query.Size,
            NextCursor = nextCursor,
        };
    }
}
