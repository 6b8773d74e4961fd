using ProxyAdmin.Application.Common.Secrets;
using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Application.Encryption;

/// <summary>Counts, from the stored rows, which salt keys the sealed values are under (nothing is decrypted).</summary>
/// <remarks>
/// The sealed answers kept for safe retries (<see cref="Common.Idempotency.IdempotentResponses"/>) are not rotated: they
/// live one window at most. While a live one is under a key, that key counts as in use (it is in
/// <see cref="EncryptionStatusDto.KeysInUse"/> and never among the removable ones), so no replay meets a removed key.
/// </remarks>
public sealed class EncryptionInventory(
    IEncryptionRepository encryption, SealedValues sealedValues, ISecretProtector protector, IIdempotencyRecords idempotencyRecords, TimeProvider clock)
{
    public async Task<EncryptionStatusDto> StatusAsync(CancellationToken cancellationToken)
    {
        var tables = new List<EncryptionTableStatusDto>
        {
            await CountAsync(AuditTables.Models, encryption.SealedModelParamsAsync(cancellationToken)),
            await CountAsync(AuditTables.Credentials, encryption.SealedCredentialValuesAsync(cancellationToken)),
        };
        var replayable = await KeysOfReplayableAnswersAsync(cancellationToken);
        var inUse = tables.SelectMany(t => t.ValuesByKey.Keys).Concat(replayable)
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        var latest = await encryption.ReadLatestAsync(cancellationToken);
        return new EncryptionStatusDto
        {
            ActiveKeyId = protector.ActiveKeyId,
            ConfiguredKeyIds = [.. protector.KeyIds],
            Tables = tables,
            KeysInUse = inUse,
            RemovableKeyIds = protector.KeyIds
                .Where(id => !string.Equals(id, protector.ActiveKeyId, StringComparison.OrdinalIgnoreCase) && !inUse.Contains(id, StringComparer.OrdinalIgnoreCase))
                .ToList(),
            MissingKeyIds = inUse.Where(id => !protector.KeyIds.Contains(id, StringComparer.OrdinalIgnoreCase)).ToList(),
            Complete = tables.TrueForAll(t => t.DoneRows == t.TotalRows),
            Rotation = latest?.ToDto(),
        };
    }

    private async Task<HashSet<string>> KeysOfReplayableAnswersAsync(CancellationToken cancellationToken)
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await foreach (var sealedResponse in idempotencyRecords.LiveSealedResponsesAsync(clock.GetUtcNow().UtcDateTime, cancellationToken))
        {
            if (protector.KeyIdOf(sealedResponse) is { } keyId)
            {
                keys.Add(keyId);
            }
        }

        return keys;
    }

    private async Task<EncryptionTableStatusDto> CountAsync(string table, IAsyncEnumerable<System.Text.Json.Nodes.JsonObject> rows)
    {
        var valuesByKey = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        var (total, done) = (0L, 0L);
        await foreach (var values in rows)
        {
            total++;
            if (sealedValues.CountKeys(values, valuesByKey))
            {
                done++;
            }
        }

        return new EncryptionTableStatusDto { Table = table, TotalRows = total, DoneRows = done, ValuesByKey = valuesByKey };
    }
}
