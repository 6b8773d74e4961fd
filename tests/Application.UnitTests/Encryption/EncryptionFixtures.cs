using System.Text.Json.Nodes;
using Moq;
using ProxyAdmin.Application.Common.Interfaces;
using ProxyAdmin.Application.Encryption;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Credentials;
using ProxyAdmin.Domain.Encryption;
using ProxyAdmin.Domain.Models;

namespace ProxyAdmin.Application.UnitTests.Encryption;

/// <summary>Rows sealed under named test keys, rotation runs, and the repository the rotation tests read them from.</summary>
public sealed class EncryptionFixtures
{
    public HandlerPorts Ports { get; } = new();
    public Mock<IEncryptionRepository> Encryption { get; } = new();
    public Mock<ITransaction> Transaction { get; } = new();
    public List<EncryptionRotation> Added { get; } = [];
    public List<ModelDeployment> Models { get; } = [];
    public List<Credential> Credentials { get; } = [];

    /// <summary>Audit rows recorded on behalf of a rotation's starter: who, and what.</summary>
    public List<(string ChangedBy, string ChangedByKey, AuditRecord Record)> OnBehalfOf { get; } = [];

    public EncryptionRotation? Running { get; set; }

    public EncryptionFixtures()
    {
        Ports.UnitOfWork.Setup(u => u.BeginTransactionAsync(It.IsAny<CancellationToken>())).ReturnsAsync(Transaction.Object);
        Encryption.Setup(r => r.GetRunningAsync(It.IsAny<CancellationToken>())).ReturnsAsync(() => Running is { State: EncryptionRotationState.Running } ? Running : null);
        Encryption.Setup(r => r.ReadLatestAsync(It.IsAny<CancellationToken>())).ReturnsAsync(() => Running);
        Encryption.Setup(r => r.Add(It.IsAny<EncryptionRotation>())).Callback<EncryptionRotation>(Added.Add);
        Encryption.Setup(r => r.ModelsAfterAsync(It.IsAny<string?>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string? after, int count, CancellationToken _) =>
                Models.Where(m => after is null || string.CompareOrdinal(m.ModelId, after) > 0).OrderBy(m => m.ModelId, StringComparer.Ordinal).Take(count).ToList());
        Encryption.Setup(r => r.CredentialsAfterAsync(It.IsAny<string?>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string? after, int count, CancellationToken _) =>
                Credentials.Where(c => after is null || string.CompareOrdinal(c.CredentialId, after) > 0).OrderBy(c => c.CredentialId, StringComparer.Ordinal).Take(count).ToList());
        Encryption.Setup(r => r.SealedModelParamsAsync(It.IsAny<CancellationToken>())).Returns(() => Stream(Models.Select(m => m.LitellmParams)));
        Encryption.Setup(r => r.SealedCredentialValuesAsync(It.IsAny<CancellationToken>())).Returns(() => Stream(Credentials.Select(c => c.Values)));
        Ports.Audit.Setup(a => a.RecordOnBehalfOf(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<Domain.Audit.AuditAction>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object?>(), It.IsAny<object?>()))
            .Callback<string, string, Domain.Audit.AuditAction, string, string, object?, object?>((by, key, action, table, id, before, after) =>
                OnBehalfOf.Add((by, key, new AuditRecord(action, table, id, before, after))));
    }

    public static AuditStamp Stamp => new("admin", TestData.Earlier);

    /// <summary>A model whose <c>api_key</c> and <c>model</c> are sealed under <paramref name="keyId"/>.</summary>
    public ModelDeployment Model(string modelId, string keyId, string apiKey = "sk-secret")
    {
        var model = ModelDeployment.Create(modelId, "gpt-4o", new JsonObject { ["model"] = $"{keyId}:openai/gpt-4o", ["api_key"] = $"{keyId}:{apiKey}", ["rpm"] = 5 }, null, Stamp);
        Models.Add(model);
        return model;
    }

    public Credential Credential(string name, string keyId)
    {
        var credential = Domain.Credentials.Credential.Create(name, new JsonObject { ["api_key"] = $"{keyId}:sk-credential" }, null, Stamp);
        Credentials.Add(credential);
        return credential;
    }

    public EncryptionRotation Start(string targetKeyId)
    {
        Running = EncryptionRotation.Start(targetKeyId, Stamp, "hash-of-admin-key");
        return Running;
    }

    private static async IAsyncEnumerable<JsonObject> Stream(IEnumerable<JsonObject> rows)
    {
        foreach (var row in rows.ToList())
        {
            yield return row;
        }

        await Task.CompletedTask;
    }
}
