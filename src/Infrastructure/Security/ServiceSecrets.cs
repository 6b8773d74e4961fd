using System.Security.Cryptography;
using System.Text;

namespace ProxyAdmin.Infrastructure.Security;

/// <summary>
/// The two secrets the service runs with. The master key is kept only as its hash; the salt key is the
/// input of the data-encryption key derivation.
/// </summary>
public sealed class ServiceSecrets
{
    public ServiceSecrets(string masterKey, string saltKey)
    {
        MasterKeyHash = SHA256.HashData(Encoding.UTF8.GetBytes(masterKey));
        SaltKey = saltKey;
    }

    internal byte[] MasterKeyHash { get; }

    internal string SaltKey { get; }
}
