using ProxyAdmin.Domain.Keys;

namespace ProxyAdmin.Application.Keys;

/// <summary>Loads and stages virtual keys for a command; lists go through specifications.</summary>
public interface IVirtualKeyRepository
{
    /// <summary>The key whose secret hashes to <paramref name="token"/>, tracked for changes, or null.</summary>
    Task<VirtualKey?> GetByTokenAsync(string token, CancellationToken cancellationToken);

    /// <summary>The key with its budget row and object permission, untracked, for a query that only reads it; or null.</summary>
    Task<VirtualKey?> ReadByTokenAsync(string token, CancellationToken cancellationToken);

    /// <summary>Keys with any of the given hashes, tracked.</summary>
    Task<List<VirtualKey>> GetByTokensAsync(IReadOnlyCollection<string> tokens, CancellationToken cancellationToken);

    /// <summary>Keys with any of the given aliases, tracked.</summary>
    Task<List<VirtualKey>> GetByAliasesAsync(IReadOnlyCollection<string> aliases, CancellationToken cancellationToken);

    /// <summary>Every key owned by any of the given users, tracked.</summary>
    Task<List<VirtualKey>> GetByUsersAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken);

    /// <summary>Every key of any of the given teams, tracked.</summary>
    Task<List<VirtualKey>> GetByTeamsAsync(IReadOnlyCollection<string> teamIds, CancellationToken cancellationToken);

    /// <summary>How many keys reference the project.</summary>
    Task<int> CountByProjectAsync(string projectId, CancellationToken cancellationToken);

    Task<bool> AliasExistsAsync(string keyAlias, CancellationToken cancellationToken);

    void Add(VirtualKey key);

    void Remove(VirtualKey key);
}
