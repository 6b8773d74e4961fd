namespace ProxyAdmin.RawReference;

/// <summary>A parameter's type, which each provider maps to its own (PostgreSQL needs them to prepare).</summary>
internal enum RawType
{
    Text,

    /// <summary>The key hash column: <c>character(64)</c> on PostgreSQL, so the comparison uses its index.</summary>
    FixedText,
    Integer,
    Real,
    Boolean,
    Timestamp,
    Uuid,
}
