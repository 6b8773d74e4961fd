using System.Diagnostics.Metrics;
using ProxyAdmin.Application.Common.Telemetry;

namespace ProxyAdmin.Infrastructure.Security;

/// <summary>
/// Seals and unseals of stored secrets (<see cref="AesGcmSecretProtector"/>), by operation, salt key id and outcome.
/// The key id label is a configured id only (<see cref="SaltKeyring.KeyIds"/>): a value naming a key that is not
/// configured counts as <see cref="Unconfigured"/>, a malformed one as <see cref="NoKey"/>, so stored data never
/// becomes a label. During a rotation the unseals move from the old id to the new one.
/// </summary>
public sealed class EncryptionMetrics
{
    public const string Seal = "seal";
    public const string Unseal = "unseal";
    public const string Unconfigured = "(unconfigured)";
    public const string NoKey = "(none)";

    private readonly Counter<long> _operations;

    public EncryptionMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(ProxyAdminMeter.Name);
        _operations = meter.CreateCounter<long>(
            "proxyadmin.encryption.operations",
            unit: "{operation}",
            description: "Secrets sealed and unsealed (AES-256-GCM under a salt key of the keyring), by operation, key id and outcome.");
    }

    /// <param name="operation"><see cref="Seal"/> or <see cref="Unseal"/>.</param>
    /// <param name="keyId">A configured key id, <see cref="Unconfigured"/> or <see cref="NoKey"/>.</param>
    public void Counted(string operation, string keyId, bool succeeded) =>
        _operations.Add(
            1,
            new KeyValuePair<string, object?>("operation", operation),
            new KeyValuePair<string, object?>("key_id", keyId),
            new KeyValuePair<string, object?>("outcome", succeeded ? "ok" : "failed"));
}
