using System.Security.Cryptography;
using System.Text;

namespace ProxyAdmin.Infrastructure.Security;

/// <summary>
/// The secrets the service runs with. The master key is kept only as its hash; the salt keys only as the data keys
/// derived from them (<see cref="SaltKeyring"/>).
/// </summary>
public sealed class ServiceSecrets
{
    public ServiceSecrets(string masterKey, SaltKeyring keyring)
    {
        MasterKeyHash = SHA256.HashData(Encoding.UTF8.GetBytes(masterKey));
        Keyring = keyring;
    }

    /// <summary>The master key and one salt key, the original.</summary>
    public ServiceSecrets(string masterKey, string saltKey)
        : this(masterKey, SaltKeyring.OfOriginal(saltKey))
    {
    }

    internal byte[] MasterKeyHash { get; }

    internal SaltKeyring Keyring { get; }
}
