using ProxyAdmin.Application.Organizations;
using ProxyAdmin.Application.Common.Paging;
using ProxyAdmin.Application.Common.Validation;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.Teams.Queries.ListTeamsPaged;

/// <summary>
/// <c>GET /v2/team/list</c>: one page of teams, optionally searched by alias; paged by <c>page</c> or by <c>after</c>,
/// the <c>next_cursor</c> of the page before.
/// </summary>
[Authorize(AccessPolicy.SelfServiceRead, ServiceAccounts = true)]
public sealed record ListTeamsPagedQuery : IQuery<TeamPageDto>
{
    /// <summary>The 1-based page; 1 when neither it nor <see cref="After"/> is sent.</summary>
    public int? Page { get; init; }

    public int PageSize { get; init; } = 10;
    public string? TeamAlias { get; init; }
    public string? UserId { get; init; }
    public string? OrganizationId { get; init; }

    /// <summary>The <c>next_cursor</c> of the previous page, for the same filters.</summary>
    public string? After { get; init; }

    /// <summary>What a cursor of this list is bound to: the filters a client sends (the caller's scope is applied anew).</summary>
    public string Fingerprint() => PageCursor.Fingerprint("v2/team/list", TeamAlias, UserId, OrganizationId);
}

public sealed class ListTeamsPagedQueryValidator : AbstractValidator<ListTeamsPagedQuery>
{
    public ListTeamsPagedQueryValidator()
    {
        RuleFor(q => q.Page).ValidPage();
        RuleFor(q => q.PageSize).ValidPageSize();
        RuleFor(q => q.After).ValidCursor(q => q.Page);
    }
}

public sealed class ListTeamsPagedQueryHandler(IReadRepository reads, ICurrentCaller caller, OrganizationStanding standing) : IQueryHandler<ListTeamsPagedQuery, TeamPageDto>
{
    public async ValueTask<TeamPageDto> Handle(ListTeamsPagedQuery query, CancellationToken cancellationToken)
    {
        var fingerprint = query.Fingerprint();
        var after = query.After is { } cursor ? PageCursor.Decode(cursor, fingerprint, 3) : null;
        var position = after is null ? (TeamPosition?)null : new TeamPosition(after.Flag(0), after.Flag(0) ? after.Text(1) : null, after.Text(2));
        var (seesAny, memberId, teamId) = TeamListScope.For(caller, query.UserId);
        var administered = seesAny && !caller.ReadsEverything() && memberId is not null ? await standing.AdministeredAsync(cancellationToken) : [];
        var unfiltered = memberId is null && teamId is null && query.OrganizationId is null && string.IsNullOrEmpty(query.TeamAlias);
        var total = !seesAny ? 0
            : unfiltered ? await reads.CountAllAsync<Team>(cancellationToken)
            : await reads.CountAsync(new TeamsMatching(memberId, teamId, query.OrganizationId, query.TeamAlias, administeredOrganizations: administered), cancellationToken);
        var found = seesAny
            ? await reads.ListAsync(
                new TeamsMatching(memberId, teamId, query.OrganizationId, query.TeamAlias, PageWindow.For(query.Page, query.PageSize), position, administered),
                cancellationToken)
            : [];
        var (teams, nextCursor) = PageSlice.Of(found, query.PageSize, t => PageCursor.Encode(fingerprint, PageCursor.Key(t.TeamAlias is not null), t.TeamAlias ?? string.Empty, t.TeamId));
        var page = new PagedResult<TeamDto>(teams.ConvertAll(t => t.ToDto()), query.Page ?? 1, query.PageSize, total);
        return new TeamPageDto
        {
            Teams = [.. page.Items],
            Total = total,
            Page = page.Page,
            PageSize = page.PageSize,
            TotalPages = page.TotalPages,
            NextCursor = nextCursor,
        };
    }
}
