using ProxyAdmin.Domain.Keys;

namespace ProxyAdmin.Application.Keys;

/// <summary>
/// Who may see or change a key (<see cref="VirtualKey.IsVisibleTo"/>, <see cref="VirtualKey.IsManageableBy"/>). A
/// key the caller may not see is reported missing, so its existence is not revealed.
/// </summary>
public static class KeyAccess
{
    public static VirtualKey EnsureReadable(this ICurrentCaller caller, VirtualKey? key, string presented) =>
        key is not null && key.IsVisibleTo(caller.Principal) ? key : throw NotFound(presented);

    public static VirtualKey EnsureManageable(this ICurrentCaller caller, VirtualKey? key, string presented) =>
        key is not null && key.IsManageableBy(caller.Principal) ? key : throw NotFound(presented);

    public static NotFoundException NotFound(string presented) =>
        new($"Key not found: {Describe(presented)}.", "key");

    /// <summary>Names a key in a message without echoing a secret: a plaintext key shows only its last four characters.</summary>
    public static string Describe(string presented) =>
        presented.StartsWith(KeyValidity.SecretPrefix, StringComparison.Ordinal) && presented.Length > 7
            ? "sk-..." + presented[^4..]
            : presented;
}
