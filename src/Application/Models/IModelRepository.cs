using ProxyAdmin.Domain.Models;

namespace ProxyAdmin.Application.Models;

/// <summary>Loads and stages DB model deployments.</summary>
public interface IModelRepository
{
    /// <summary>The deployment, tracked, or null.</summary>
    Task<ModelDeployment?> GetAsync(string modelId, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string modelId, CancellationToken cancellationToken);

    /// <summary>Other deployments of <paramref name="teamId"/> published as <paramref name="publicName"/>, oldest first.</summary>
    Task<List<ModelDeployment>> GetTeamSiblingsAsync(string teamId, string publicName, string excludingModelId, CancellationToken cancellationToken);

    /// <summary>Every deployment of the given teams, tracked.</summary>
    Task<List<ModelDeployment>> GetByTeamsAsync(IReadOnlyCollection<string> teamIds, CancellationToken cancellationToken);

    /// <summary>Every deployment that uses the stored credential <paramref name="credentialName"/>, tracked, by id.</summary>
    Task<List<ModelDeployment>> GetByCredentialAsync(string credentialName, CancellationToken cancellationToken);

    /// <summary>The ids of the deployments that use the stored credential <paramref name="credentialName"/>, by id.</summary>
    Task<List<string>> ModelIdsUsingCredentialAsync(string credentialName, CancellationToken cancellationToken);

    /// <summary>The names of the stored credentials the deployments of the given teams use, each once.</summary>
    Task<List<string>> CredentialNamesOfTeamsAsync(IReadOnlyCollection<string> teamIds, CancellationToken cancellationToken);

    void Add(ModelDeployment model);

    void Remove(ModelDeployment model);
}
