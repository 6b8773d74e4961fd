using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using ProxyAdmin.Application.Encryption;
using ProxyAdmin.Domain.Credentials;
using ProxyAdmin.Domain.Encryption;
using ProxyAdmin.Domain.Models;

namespace ProxyAdmin.Infrastructure.Data.Repositories;

internal sealed class EncryptionRepository(ProxyAdminDbContext db) : IEncryptionRepository
{
    public Task<EncryptionRotation?> GetRunningAsync(CancellationToken cancellationToken) =>
        db.EncryptionRotations.Where(r => r.State == EncryptionRotationState.Running).OrderByDescending(r => r.StartedAt).FirstOrDefaultAsync(cancellationToken);

    public Task<EncryptionRotation?> ReadLatestAsync(CancellationToken cancellationToken) =>
        db.EncryptionRotations.AsNoTracking().OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.RotationId).FirstOrDefaultAsync(cancellationToken);

    public void Add(EncryptionRotation rotation) => db.EncryptionRotations.Add(rotation);

    public Task<List<ModelDeployment>> ModelsAfterAsync(string? afterModelId, int count, CancellationToken cancellationToken) =>
        db.ModelDeployments
            .Where(m => afterModelId == null || m.ModelId.CompareTo(afterModelId) > 0)
            .OrderBy(m => m.ModelId)
            .Take(count)
            .ToListAsync(cancellationToken);

    public Task<List<Credential>> CredentialsAfterAsync(string? afterCredentialId, int count, CancellationToken cancellationToken) =>
        db.Credentials
            .Where(c => afterCredentialId == null || c.CredentialId.CompareTo(afterCredentialId) > 0)
            .OrderBy(c => c.CredentialId)
            .Take(count)
            .ToListAsync(cancellationToken);

    public async IAsyncEnumerable<JsonObject> SealedModelParamsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var values in db.ModelDeployments.AsNoTracking().Select(m => m.LitellmParams).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return values;
        }
    }

    public async IAsyncEnumerable<JsonObject> SealedCredentialValuesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var values in db.Credentials.AsNoTracking().Select(c => c.Values).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return values;
        }
    }
}
