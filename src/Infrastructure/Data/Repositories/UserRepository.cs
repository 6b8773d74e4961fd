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

    public Task<User?> FindByEmailAsync(string userEmail, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.UserEmail == userEmail).OrderBy(u => u.CreatedAt).ThenBy(u => u.UserId).FirstOrDefaultAsync(cancellationToken);

    public void Add(User user) => db.Users.Add(user);

    public void Remove(User user) => db.Users.Remove(user);
}
