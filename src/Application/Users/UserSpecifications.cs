using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Application.Users;

/// <summary>Users of one role (or all) whose id or email contains <c>search</c>, oldest first.</summary>
public sealed class UsersMatching : Specification<User>
{
    public UsersMatching(UserRole? role, string? search, (int Page, int PageSize)? page = null)
    {
        if (role is { } r)
        {
            Query.Where(u => u.UserRole == r);
        }

        if (!string.IsNullOrEmpty(search))
        {
            Query.Where(u => u.UserId.Contains(search) || (u.UserEmail != null && u.UserEmail.Contains(search)));
        }

        Query.OrderBy(u => u.CreatedAt).ThenBy(u => u.UserId);
        if (page is { } p)
        {
            Query.Page(p.Page, p.PageSize);
        }
    }
}
