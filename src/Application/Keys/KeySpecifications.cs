using ProxyAdmin.Application.Common.Paging;
using ProxyAdmin.Domain.Keys;

namespace ProxyAdmin.Application.Keys;

/// <summary>A user's keys with their budget row and object permission, newest first, at most <c>limit</c> of them.</summary>
public sealed class KeysOwnedBy : Specification<VirtualKey>
{
    public KeysOwnedBy(string userId, int limit)
    {
        Query.Where(k => k.UserId == userId)
            .Include(k => k.Budget).Include(k => k.ObjectPermission)
            .OrderByDescending(k => k.CreatedAt).ThenBy(k => k.Id)
            .Page(1, limit);
    }
}

/// <summary>A team's keys, newest first, at most <c>limit</c>.</summary>
public sealed class KeysOfTeam : Specification<VirtualKey>
{
    public KeysOfTeam(string teamId, int limit)
    {
        Query.Where(k => k.TeamId == teamId)
            .OrderByDescending(k => k.CreatedAt).ThenBy(k => k.Id)
            .Page(1, limit);
    }
}

/// <summary>
/// The keys a list request asks for, with their budget row and object permission, newest first (then by id);
/// <c>ownerId</c> narrows a non-admin to its own; <c>after</c> starts after that (created_at, id), as an index range.
/// </summary>
public sealed class KeysMatching : Specification<VirtualKey>
{
    public KeysMatching(string? ownerId, string? teamId, string? keyAlias, PageWindow? window = null, (DateTime CreatedAt, Guid Id)? after = null)
    {
        if (ownerId is not null)
        {
            Query.Where(k => k.UserId == ownerId);
        }

        if (teamId is not null)
        {
            Query.Where(k => k.TeamId == teamId);
        }

        if (!string.IsNullOrEmpty(keyAlias))
        {
            Query.Where(k => k.KeyAlias != null && k.KeyAlias.Contains(keyAlias));
        }

        if (after is { } position)
        {
            var (createdAt, id) = position;
            Query.Where(k => k.CreatedAt <= createdAt && (k.CreatedAt < createdAt || k.Id.CompareTo(id) > 0));
        }

        Query.Include(k => k.Budget);
        Query.Include(k => k.ObjectPermission);
        Query.OrderByDescending(k => k.CreatedAt).ThenBy(k => k.Id);
        if (window is { } w)
        {
            Query.Window(w);
        }
    }
}
