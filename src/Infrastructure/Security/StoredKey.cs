using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Infrastructure.Security;

/// <summary>
/// What authentication needs to know about a stored key; null means "no such key". <see cref="OwnerRole"/> is
/// the owning user's role, null when the key has no user (or its row is gone); <see cref="BlockedProjectId"/> is the
/// key's project when that project is blocked; <see cref="AllowedRoutes"/> are the key's <c>allowed_routes</c>, kept here
/// so the route check of every request reads them from the key cache with the rest.
/// </summary>
internal sealed record StoredKey(
    string? UserId, UserRole? OwnerRole, string? TeamId, bool Blocked, bool TeamBlocked, DateTime? Expires, string? BlockedProjectId, IReadOnlyList<string> AllowedRoutes);
