using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Interfaces;

namespace ProxyAdmin.Application.UnitTests.Encryption;

/// <summary>A readable stand-in for the keyring: a value sealed under key <c>k</c> is <c>k:plaintext</c>; keys not in <see cref="KeyIds"/> cannot be read.</summary>
public sealed class KeyedSecretProtector(string activeKeyId, params string[] keyIds) : ISecretProtector
{
    public string ActiveKeyId { get; } = activeKeyId;

    public IReadOnlyList<string> KeyIds { get; } = keyIds;

    public string Protect(string plaintext) => $"{ActiveKeyId}:{plaintext}";

    public string Unprotect(string stored) =>
        KeyIdOf(stored) is { } keyId && KeyIds.Contains(keyId) ? stored[(keyId.Length + 1)..] : throw new SecretUnreadableException("no such key");

    public string? KeyIdOf(string stored) => stored.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon ? stored[..colon] : null;
}
