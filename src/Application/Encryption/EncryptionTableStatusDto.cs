namespace ProxyAdmin.Application.Encryption;

/// <summary>One table's sealed values by key.</summary>
public sealed record EncryptionTableStatusDto
{
    /// <summary>The audit name of the table (<c>LiteLLM_ProxyModelTable</c>, <c>LiteLLM_CredentialsTable</c>).</summary>
    public required string Table { get; init; }

    public required long TotalRows { get; init; }

    /// <summary>Rows every sealed value of which is under the active key: the rows a rotation has nothing left to do for.</summary>
    public required long DoneRows { get; init; }

    /// <summary>Sealed values per key id.</summary>
    public required Dictionary<string, long> ValuesByKey { get; init; }
}
