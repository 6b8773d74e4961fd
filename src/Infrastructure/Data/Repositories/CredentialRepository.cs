using ProxyAdmin.Application.Credentials;
using ProxyAdmin.Domain.Credentials;

namespace ProxyAdmin.Infrastructure.Data.Repositories;

internal sealed class CredentialRepository(ProxyAdminDbContext db) : ICredentialRepository
{
    public Task<Credential?> GetAsync(string credentialName, CancellationToken cancellationToken) =>
        db.Credentials.SingleOrDefaultAsync(c => c.CredentialName == credentialName, cancellationToken);

    public Task<Credential?> ReadAsync(string credentialName, CancellationToken cancellationToken) =>
        db.Credentials.AsNoTracking().SingleOrDefaultAsync(c => c.CredentialName == credentialName, cancellationToken);

    public Task<bool> ExistsAsync(string credentialName, CancellationToken cancellationToken) =>
        db.Credentials.AnyAsync(c => c.CredentialName == credentialName, cancellationToken);

    public Task<List<Credential>> ListAsync(CancellationToken cancellationToken) =>
        db.Credentials.AsNoTracking().OrderBy(c => c.CredentialName).ToListAsync(cancellationToken);

    public void Add(Credential credential) => db.Credentials.Add(credential);

    public void Remove(Credential credential) => db.Credentials.Remove(credential);
}
