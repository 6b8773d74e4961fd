using ProxyAdmin.Application.Common.Paging;
using ProxyAdmin.Application.Common.Validation;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Application.Users.Queries.ListUsers;

/// <summary><c>GET /user/list</c>: one page of users, oldest first, optionally of one role.</summary>
[Authorize(AccessPolicy.AdminRead)]
public sealed record ListUsersQuery : IQuery<UserPageDto>
{
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = PageSizes.Default;
    public UserRole? Role { get; init; }

    /// <summary>Matches user ids and emails containing this text.</summary>
    public string? Search { get; init; }
}

public sealed class ListUsersQueryValidator : AbstractValidator<ListUsersQuery>
{
    public ListUsersQueryValidator()
    {
        RuleFor(q => q.Page).ValidPage();
        RuleFor(q => q.PageSize).ValidPageSize();
        RuleFor(q => q.Role).IsInEnum();
        RuleFor(q => q.Search).MaximumLength(User.EmailMaxLength);
    }
}

public sealed class ListUsersQueryHandler(IReadRepository reads) : IQueryHandler<ListUsersQuery, UserPageDto>
{
    public async ValueTask<UserPageDto> Handle(ListUsersQuery query, CancellationToken cancellationToken)
    {
        var total = await reads.CountAsync(new UsersMatching(query.Role, query.Search), cancellationToken);
        var users = await reads.ListAsync(new UsersMatching(query.Role, query.Search, (query.Page, query.PageSize)), cancellationToken);
        var page = new PagedResult<User>(users, query.Page, query.PageSize, total);
        return new UserPageDto
        {
            Users = users.ConvertAll(u => u.ToDto()),
            Total = total,
            Page = page.Page,
            PageSize = page.PageSize,
            TotalPages = page.TotalPages,
        };
    }
}
