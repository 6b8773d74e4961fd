using ProxyAdmin.Application.Common.Specifications;
using ProxyAdmin.Domain.Keys;

namespace ProxyAdmin.Application.Keys.Queries;

/// <summary>A user's keys, newest first, at most <c>limit</c> of them.</summary>
public sealed class KeysOwnedBy : Specification<VirtualKey>
{
    public KeysOwnedBy(string userId, int limit)
    {
        Where(k => k.UserId == userId);
        OrderBy(k => k.CreatedAt, descending: true);
        OrderBy(k => k.Id);
        Page(1, limit);
    }
}

/// <summary>The keys a list request asks for; <c>ownerId</c> narrows a non-admin to its own.</summary>
public sealed class KeysMatching : Specification<VirtualKey>
{
    public KeysMatching(string? ownerId, string? teamId, string? keyAlias, (int Page, int PageSize)? page = null)
    {
        if (ownerId is not null)
        {
            Where(k => k.UserId == ownerId);
        }

        if (teamId is not null)
        {
            Where(k => k.TeamId == teamId);
        }

        if (!string.IsNullOrEmpty(keyAlias))
        {
            Where(k => k.KeyAlias != null && k.KeyAlias.Contains(keyAlias));
        }

        OrderBy(k => k.CreatedAt, descending: true);
        OrderBy(k => k.Id);
        if (page is { } p)
        {
            Page(p.Page, p.PageSize);
        }
    }
}
