using System.Text.Json.Nodes;
using ProxyAdmin.Domain.Credentials;
using ProxyAdmin.Domain.Encryption;
using ProxyAdmin.Domain.Models;

namespace ProxyAdmin.Application.Encryption;

/// <summary>The rotation runs and the rows that hold sealed values, read in the order a rotation walks them.</summary>
public interface IEncryptionRepository
{
    /// <summary>The run that is running, tracked, or null.</summary>
    Task<EncryptionRotation?> GetRunningAsync(CancellationToken cancellationToken);

    /// <summary>The most recently started run, for reading, or null when none ever ran.</summary>
    Task<EncryptionRotation?> ReadLatestAsync(CancellationToken cancellationToken);

    void Add(EncryptionRotation rotation);

    /// <summary>Up to <paramref name="count"/> model deployments with ids after <paramref name="afterModelId"/> (ordinal), tracked.</summary>
    Task<List<ModelDeployment>> ModelsAfterAsync(string? afterModelId, int count, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="count"/> credentials with ids after <paramref name="afterCredentialId"/> (ordinal), tracked.</summary>
    Task<List<Credential>> CredentialsAfterAsync(string? afterCredentialId, int count, CancellationToken cancellationToken);

    /// <summary>Every model's sealed parameters, streamed, for counting which keys they are under.</summary>
    IAsyncEnumerable<JsonObject> SealedModelParamsAsync(CancellationToken cancellationToken);

    /// <summary>Every credential's sealed values, streamed.</summary>
    IAsyncEnumerable<JsonObject> SealedCredentialValuesAsync(CancellationToken cancellationToken);
}
