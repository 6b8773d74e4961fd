using ProxyAdmin.Application.Common.Paging;
using ProxyAdmin.Application.Common.Validation;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Application.Users.Queries.ListUsers;

/// <summary>
/// <c>GET /user/list</c>: one page of users, oldest first, optionally of one role; paged by <c>page</c> or by
/// <c>after</c>, the <c>next_cursor</c> of the page before.
/// </summary>
[Authorize(AccessPolicy.AdminRead)]
public sealed record ListUsersQuery : IQuery<UserPageDto>
{
    /// <summary>The 1-based page; 1 when neither it nor <see cref="After"/> is sent.</summary>
    public int? Page { get; init; }

    public int PageSize { get; init; } = PageSizes.Default;
    public UserRole? Role { get; init; }

    /// <summary>Matches user ids and emails containing this text.</summary>
    public string? Search { get; init; }

    /// <summary>The <c>next_cursor</c> of the previous page, for the same filters.</summary>
    public string? After { get; init; }

    /// <summary>What a cursor of this list is bound to: its filters.</summary>
    public string Fingerprint() => PageCursor.Fingerprint("user/list", Role, Search);
}

public sealed class ListUsersQueryValidator : AbstractValidator<ListUsersQuery>
{
    public ListUsersQueryValidator()
    {
        RuleFor(q => q.Page).ValidPage();
        RuleFor(q => q.PageSize).ValidPageSize();
        RuleFor(q => q.Role).IsInEnum();
        RuleFor(q => q.Search).MaximumLength(User.EmailMaxLength);
        RuleFor(q => q.After).ValidCursor(q => q.Page);
    }
}

public sealed class ListUsersQueryHandler(IReadRepository reads) : IQueryHandler<ListUsersQuery, UserPageDto>
{
    public async ValueTask<UserPageDto> Handle(ListUsersQuery query, CancellationToken cancellationToken)
    {
        var fingerprint = query.Fingerprint();
        var after = query.After is { } cursor ? PageCursor.Decode(cursor, fingerprint, 2) : null;
        var total = query.Role is null && string.IsNullOrEmpty(query.Search)
            ? await reads.CountAllAsync<User>(cancellationToken)
            : await reads.CountAsync(new UsersMatching(query.Role, query.Search), cancellationToken);
        var found = await reads.ListAsync(
            new UsersMatching(query.Role, query.Search, PageWindow.For(query.Page, query.PageSize), after is null ? null : (after.Instant(0), after.Text(1))),
            cancellationToken);
        var (users, nextCursor) = PageSlice.Of(found, query.PageSize, u => PageCursor.Encode(fingerprint, PageCursor.Key(u.CreatedAt), u.UserId));
        var page = new PagedResult<User>(users, query.Page ?? 1, query.PageSize, total);
        return new UserPageDto
        {
            Users = users.ConvertAll(u => u.ToDto()),
            Total = total,
            Page = page.Page,
            PageSize = page.PageSize,
            TotalPages = page.TotalPages,
            NextCursor = nextCursor,
        };
    }
}
