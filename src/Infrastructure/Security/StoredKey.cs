using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Infrastructure.Security;

/// <summary>
/// What authentication needs to know about a stored key; null means "no such key". <see cref="OwnerRole"/> is
/// the owning user's role, null when the key has no user (or its row is gone); <see cref="BlockedProjectId"/> is the
/// key's project when that project is blocked.
/// </summary>
internal sealed record StoredKey(string? UserId, UserRole? OwnerRole, string? TeamId, bool Blocked, bool TeamBlocked, DateTime? Expires, string? BlockedProjectId);
