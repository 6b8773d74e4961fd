using ProxyAdmin.Domain.Keys;

namespace ProxyAdmin.Application.Common.Interfaces;

/// <summary>Makes and recognises virtual-key secrets. A generated plaintext leaves only through <see cref="NewSecret"/>.</summary>
public interface IVirtualKeySecrets
{
    /// <summary>A new <c>sk-</c> secret of at least 128 random bits, with what may be stored about it.</summary>
    (string Plaintext, IssuedSecret Stored) NewSecret();

    /// <summary>What may be stored about a secret the caller chose (its hash and display name), never the secret.</summary>
    IssuedSecret Stored(string plaintext);

    /// <summary>SHA-256 hex of a presented key.</summary>
    string Hash(string plaintext);

    /// <summary>
    /// The stored hash for what a caller passed as "a key": a plaintext <c>sk-</c> secret is hashed, a
    /// 64-character hex string is taken to already be a hash.
    /// </summary>
    string ToHash(string plaintextOrHash);
}
