using ProxyAdmin.Domain.Credentials;

namespace ProxyAdmin.Application.Credentials;

/// <summary>Loads and stages stored credentials, found by name.</summary>
public interface ICredentialRepository
{
    /// <summary>The credential, tracked, or null.</summary>
    Task<Credential?> GetAsync(string credentialName, CancellationToken cancellationToken);

    /// <summary>The credential for reading (not tracked), or null.</summary>
    Task<Credential?> ReadAsync(string credentialName, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string credentialName, CancellationToken cancellationToken);

    /// <summary>Every credential, by name (ordinal), not tracked.</summary>
    Task<List<Credential>> ListAsync(CancellationToken cancellationToken);

    void Add(Credential credential);

    void Remove(Credential credential);
}
