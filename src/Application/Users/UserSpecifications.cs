using ProxyAdmin.Application.Common.Paging;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Application.Users;

/// <summary>
/// Users of one role (or all) whose id or email contains <c>search</c>, oldest first (then by id); <c>after</c> starts
/// after that (created_at, user_id), as a range on the index.
/// </summary>
public sealed class UsersMatching : Specification<User>
{
    public UsersMatching(UserRole? role, string? search, PageWindow? window = null, (DateTime CreatedAt, string UserId)? after = null)
    {
        if (role is { } r)
        {
            Query.Where(u => u.UserRole == r);
        }

        if (!string.IsNullOrEmpty(search))
        {
            Query.Where(u => u.UserId.Contains(search) || (u.UserEmail != null && u.UserEmail.Contains(search)));
        }

        if (after is { } position)
        {
            var (createdAt, userId) = position;
            Query.Where(u => u.CreatedAt >= createdAt && (u.CreatedAt > createdAt || string.Compare(u.UserId, userId) > 0));
        }

        Query.OrderBy(u => u.CreatedAt).ThenBy(u => u.UserId);
        if (window is { } w)
        {
            Query.Window(w);
        }
    }
}
