namespace ProxyAdmin.Application.Encryption;

/// <summary>The before and after of a re-encrypted row's audit entry: which keys, how many values; never a value.</summary>
public sealed record ReencryptionAuditDto
{
    /// <summary>The salt key ids the row's re-encrypted values were under (before) or are under (after).</summary>
    public required List<string> SealedUnder { get; init; }

    /// <summary>How many of the row's values were re-encrypted.</summary>
    public required int Values { get; init; }

    public required string RotationId { get; init; }
}
