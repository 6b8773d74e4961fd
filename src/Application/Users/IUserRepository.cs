using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Application.Users;

/// <summary>Loads and stages users for a command; lists go through specifications.</summary>
public interface IUserRepository
{
    /// <summary>The user, tracked for changes, or null.</summary>
    Task<User?> GetAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Those of <paramref name="userIds"/> that exist, tracked for changes.</summary>
    Task<List<User>> GetManyAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string userId, CancellationToken cancellationToken);

    /// <summary>The oldest user with this email (emails are not unique), tracked, or null.</summary>
    Task<User?> FindByEmailAsync(string userEmail, CancellationToken cancellationToken);

    void Add(User user);

    void Remove(User user);
}
