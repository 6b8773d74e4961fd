using ProxyAdmin.Application.Users;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Infrastructure.Data.Repositories;

internal sealed class UserRepository(ProxyAdminDbContext db) : IUserRepository
{
    public Task<User?> GetAsync(string userId, CancellationToken cancellationToken) =>
        db.Users.SingleOrDefaultAsync(u => u.UserId == userId, cancellationToken);

    public Task<List<User>> GetManyAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken) =>
        db.Users.Where(u => userIds.Contains(u.UserId)).ToListAsync(cancellationToken);

    public Task<bool> ExistsAsync(string userId, CancellationToken cancellationToken) =>
        db.Users.AnyAsync(u => u.UserId == userId, cancellationToken);

    /// <summary>
    /// Emails match without regard to case on every provider (SQLite's <c>=</c> is case-sensitive, SQL Server's
    /// default collation is not), so <c>Bob@x.com</c> finds the user stored as <c>bob@x.com</c>.
    /// </summary>
    public Task<User?> FindByEmailAsync(string userEmail, CancellationToken cancellationToken)
    {
        var lowered = userEmail.ToLowerInvariant();

        // ToLower, not string.Equals(..., OrdinalIgnoreCase): EF translates the first to SQL on every provider, not the second.
#pragma warning disable CA1862
        return db.Users
            .Where(u => u.UserEmail != null && u.UserEmail.ToLower() == lowered)
            .OrderBy(u => u.CreatedAt).ThenBy(u => u.UserId)
            .FirstOrDefaultAsync(cancellationToken);
#pragma warning restore CA1862
    }

    public void Add(User user) => db.Users.Add(user);

    public void Remove(User user) => db.Users.Remove(user);
}
