using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Infrastructure.Security;

/// <summary>What authentication needs to know about a stored key; null means "no such key".</summary>
internal sealed record StoredKey(string? UserId, UserRole Role, bool Blocked, bool TeamBlocked, DateTime? Expires);
