using ProxyAdmin.Domain.Keys;

namespace ProxyAdmin.Application.Keys;

/// <summary>
/// Who may see or change a key: admins (and, for reads, admin viewers) any key, everyone else only the
/// keys they own. A key the caller may not see is reported missing, so its existence is not revealed.
/// </summary>
public static class KeyAccess
{
    public static VirtualKey EnsureReadable(this ICurrentCaller caller, VirtualKey? key, string presented) =>
        key is not null && (caller.ReadsEverything() || key.UserId == caller.UserId)
            ? key
            : throw NotFound(presented);

    public static VirtualKey EnsureManageable(this ICurrentCaller caller, VirtualKey? key, string presented) =>
        key is not null && (caller.IsProxyAdmin() || key.UserId == caller.UserId)
            ? key
            : throw NotFound(presented);

    public static NotFoundException NotFound(string presented) =>
        new($"Key not found: {Describe(presented)}.", "key");

    /// <summary>Names a key in a message without echoing a secret: a plaintext key shows only its last four characters.</summary>
    public static string Describe(string presented) =>
        presented.StartsWith("sk-", StringComparison.Ordinal) && presented.Length > 7
            ? "sk-..." + presented[^4..]
            : presented;
}
