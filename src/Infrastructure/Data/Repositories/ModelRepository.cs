using ProxyAdmin.Application.Models;
using ProxyAdmin.Domain.Models;

namespace ProxyAdmin.Infrastructure.Data.Repositories;

internal sealed class ModelRepository(ProxyAdminDbContext db) : IModelRepository
{
    public Task<ModelDeployment?> GetAsync(string modelId, CancellationToken cancellationToken) =>
        db.ModelDeployments.SingleOrDefaultAsync(m => m.ModelId == modelId, cancellationToken);

    public Task<bool> ExistsAsync(string modelId, CancellationToken cancellationToken) =>
        db.ModelDeployments.AnyAsync(m => m.ModelId == modelId, cancellationToken);

    public Task<List<ModelDeployment>> GetTeamSiblingsAsync(string teamId, string publicName, string excludingModelId, CancellationToken cancellationToken) =>
        db.ModelDeployments
            .Where(m => m.TeamId == teamId && m.TeamPublicModelName == publicName && m.ModelId != excludingModelId)
            .OrderBy(m => m.CreatedAt)
            .ThenBy(m => m.ModelId)
            .ToListAsync(cancellationToken);

    public Task<List<ModelDeployment>> GetByTeamsAsync(IReadOnlyCollection<string> teamIds, CancellationToken cancellationToken) =>
        db.ModelDeployments.Where(m => m.TeamId != null && teamIds.Contains(m.TeamId)).ToListAsync(cancellationToken);

    public Task<List<ModelDeployment>> GetByCredentialAsync(string credentialName, CancellationToken cancellationToken) =>
        db.ModelDeployments.Where(m => m.CredentialName == credentialName).OrderBy(m => m.ModelId).ToListAsync(cancellationToken);

    public Task<List<string>> ModelIdsUsingCredentialAsync(string credentialName, CancellationToken cancellationToken) =>
        db.ModelDeployments.Where(m => m.CredentialName == credentialName).OrderBy(m => m.ModelId).Select(m => m.ModelId).ToListAsync(cancellationToken);

    public Task<List<string>> CredentialNamesOfTeamsAsync(IReadOnlyCollection<string> teamIds, CancellationToken cancellationToken) =>
        db.ModelDeployments
            .Where(m => m.TeamId != null && teamIds.Contains(m.TeamId) && m.CredentialName != null)
            .Select(m => m.CredentialName!)
            .Distinct()
            .ToListAsync(cancellationToken);

    public void Add(ModelDeployment model) => db.ModelDeployments.Add(model);

    public void Remove(ModelDeployment model) => db.ModelDeployments.Remove(model);
}
