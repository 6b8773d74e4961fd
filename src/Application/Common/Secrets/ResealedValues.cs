using System.Text.Json.Nodes;

namespace ProxyAdmin.Application.Common.Secrets;

/// <summary>What <see cref="SealedValues.Reseal"/> did to one row's values.</summary>
/// <param name="Values">The values, those re-encrypted replaced.</param>
/// <param name="FromKeyIds">The keys the re-encrypted values were under, by id.</param>
/// <param name="Reencrypted">How many values were sealed anew.</param>
/// <param name="Unreadable">How many values no configured key could read (left as they were).</param>
public sealed record ResealedValues(JsonObject Values, IReadOnlyList<string> FromKeyIds, int Reencrypted, int Unreadable);
