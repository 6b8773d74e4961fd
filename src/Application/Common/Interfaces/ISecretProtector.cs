namespace ProxyAdmin.Application.Common.Interfaces;

/// <summary>
/// Encrypts provider secrets at rest under a keyring of salt keys, each with an id, one of them active. Implemented
/// with AES-256-GCM in Infrastructure (ADR 0005, ADR 0008). Key ids are 1 to 32 of <c>A-Z a-z 0-9 _ -</c>, compared
/// ignoring case, and reported in their configured spelling; <c>original</c> is the key of <c>ProxyAdmin__SaltKey</c>.
/// Nothing here ever returns or throws a secret.
/// </summary>
public interface ISecretProtector
{
    /// <summary>The id of the key <see cref="Protect"/> seals under (<c>ProxyAdmin__ActiveSaltKeyId</c>, default <c>original</c>).</summary>
    string ActiveKeyId { get; }

    /// <summary>The ids of every configured key, <c>original</c> first when it is configured; <see cref="ActiveKeyId"/> is one of them.</summary>
    IReadOnlyList<string> KeyIds { get; }

    /// <summary>The plaintext sealed under the active key, in a form that names that key.</summary>
    string Protect(string plaintext);

    /// <summary>
    /// The plaintext, read with the key the value names; or <see cref="SecretUnreadableException"/> when the value is
    /// tampered with, malformed, sealed under another secret, or names a key that is not configured (the message then
    /// names that key's id).
    /// </summary>
    string Unprotect(string stored);

    /// <summary>
    /// The id of the key <paramref name="stored"/> was sealed under, read from the value alone (nothing is decrypted,
    /// so the key need not be configured): <c>original</c> for a value that names no key (written by LiteLLM or
    /// before keyrings), the named id otherwise (in its configured spelling when that key is configured); null when
    /// the value is not a sealed value at all or names a malformed id. A non-null id does not promise the value is
    /// readable; only <see cref="Unprotect"/> says that.
    /// </summary>
    string? KeyIdOf(string stored);
}
