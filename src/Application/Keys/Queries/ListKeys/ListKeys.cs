using ProxyAdmin.Application.Common.Paging;
using ProxyAdmin.Application.Common.Validation;

namespace ProxyAdmin.Application.Keys.Queries.ListKeys;

/// <summary>
/// <c>GET /key/list</c>: one page of keys, newest first. Admins and admin viewers see every key (and may
/// filter by <c>user_id</c>); everyone else sees only their own.
/// </summary>
[Authorize(AccessPolicy.SelfServiceRead, ServiceAccounts = true)]
public sealed record ListKeysQuery : IQuery<KeyPageDto>
{
    public int Page { get; init; } = 1;
    public int Size { get; init; } = 10;
    public string? UserId { get; init; }
    public string? TeamId { get; init; }
    public string? KeyAlias { get; init; }
}

public sealed class ListKeysQueryValidator : AbstractValidator<ListKeysQuery>
{
    public ListKeysQueryValidator()
    {
        RuleFor(q => q.Page).ValidPage();
        RuleFor(q => q.Size).ValidPageSize();
    }
}

public sealed class ListKeysQueryHandler(IReadRepository reads, ICurrentCaller caller) : IQueryHandler<ListKeysQuery, KeyPageDto>
{
    public async ValueTask<KeyPageDto> Handle(ListKeysQuery query, CancellationToken cancellationToken)
    {
        var ownerId = caller.ReadsEverything() ? query.UserId : OwnKeysOnly(query.UserId);

        var total = await reads.CountAsync(new KeysMatching(ownerId, query.TeamId, query.KeyAlias), cancellationToken);
        var keys = await reads.ListAsync(new KeysMatching(ownerId, query.TeamId, query.KeyAlias, (query.Page, query.Size)), cancellationToken);
        var page = new PagedResult<KeyDto>(keys.ConvertAll(k => k.ToDto()), query.Page, query.Size, total);
        return new KeyPageDto
        {
            Keys = [.. page.Items],
            TotalCount = page.Total,
            CurrentPage = page.Page,
            TotalPages = page.TotalPages,
            Size = page.PageSize,
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
