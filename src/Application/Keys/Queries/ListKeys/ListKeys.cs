using ProxyAdmin.Application.Common.Paging;
using ProxyAdmin.Application.Common.Validation;

namespace ProxyAdmin.Application.Keys.Queries.ListKeys;

/// <summary>
/// <c>GET /key/list</c>: one page of keys, newest first. Admins and admin viewers see every key (and may
/// filter by <c>user_id</c>); everyone else sees only their own. Paged by <c>page</c> or by <c>after</c>, the
/// <c>next_cursor</c> of the page before.
/// </summary>
[Authorize(AccessPolicy.SelfServiceRead, ServiceAccounts = true)]
public sealed record ListKeysQuery : IQuery<KeyPageDto>
{
    /// <summary>The 1-based page; 1 when neither it nor <see cref="After"/> is sent.</summary>
    public int? Page { get; init; }

    public int Size { get; init; } = 10;
    public string? UserId { get; init; }
    public string? TeamId { get; init; }
    public string? KeyAlias { get; init; }

    /// <summary>The <c>next_cursor</c> of the previous page, for the same filters.</summary>
    public string? After { get; init; }

    /// <summary>What a cursor of this list is bound to: the filters a client sends (the caller's scope is applied anew).</summary>
    public string Fingerprint() => PageCursor.Fingerprint("key/list", UserId, TeamId, KeyAlias);
}

public sealed class ListKeysQueryValidator : AbstractValidator<ListKeysQuery>
{
    public ListKeysQueryValidator()
    {
        RuleFor(q => q.Page).ValidPage();
        RuleFor(q => q.Size).ValidPageSize();
        RuleFor(q => q.After).ValidCursor(q => q.Page);
    }
}

public sealed class ListKeysQueryHandler(IReadRepository reads, ICurrentCaller caller) : IQueryHandler<ListKeysQuery, KeyPageDto>
{
    public async ValueTask<KeyPageDto> Handle(ListKeysQuery query, CancellationToken cancellationToken)
    {
        var ownerId = caller.ReadsEverything() ? query.UserId : OwnKeysOnly(query.UserId);

        var fingerprint = query.Fingerprint();
        var after = query.After is { } cursor ? PageCursor.Decode(cursor, fingerprint, 2) : null;
        var total = ownerId is null && query.TeamId is null && string.IsNullOrEmpty(query.KeyAlias)
            ? await reads.CountAllAsync<Domain.Keys.VirtualKey>(cancellationToken)
            : await reads.CountAsync(new KeysMatching(ownerId, query.TeamId, query.KeyAlias), cancellationToken);
        var found = await reads.ListAsync(
            new KeysMatching(ownerId, query.TeamId, query.KeyAlias, PageWindow.For(query.Page, query.Size), after is null ? null : (after.Instant(0), after.Id(1))),
            cancellationToken);
        var (keys, nextCursor) = PageSlice.Of(found, query.Size, k => PageCursor.Encode(fingerprint, PageCursor.Key(k.CreatedAt), PageCursor.Key(k.Id)));
        var page = new PagedResult<KeyDto>(keys.ConvertAll(k => k.ToDto()), query.Page ?? 1, query.Size, total);
        return new KeyPageDto
        {
            Keys = [.. page.Items],
            TotalCount = page.Total,
            CurrentPage = page.Page,
            TotalPages = page.TotalPages,
            Size = page.PageSize,
            NextCursor = nextCursor,
        };
    }

    /// <summary>
    /// The owner a caller that does not read everything is narrowed to: itself. A key without a user owns no keys
    /// and is refused with LiteLLM's words (<c>validate_key_list_check</c>), never given an unfiltered list.
    /// </summary>
    private string OwnKeysOnly(string? requestedUserId)
    {
        var self = caller.Principal.UserId
            ?? throw new ForbiddenAccessException("You are not authorized to access this endpoint. No 'user_id' is associated with your API key.", "user_id");
        return requestedUserId is null || requestedUserId == self
            ? self
            : throw new ForbiddenAccessException($"You may only list your own keys. user_id={requestedUserId}, your user_id={self}");
    }
}
