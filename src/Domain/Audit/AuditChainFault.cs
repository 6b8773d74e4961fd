namespace ProxyAdmin.Domain.Audit;

/// <summary>What is wrong with the audit chain where a verification stopped; on the wire in snake_case.</summary>
public enum AuditChainFault
{
    /// <summary>The row's content or hash is not what was recorded after the row before it (or the head records another hash than the last row).</summary>
    Altered,

    /// <summary>No row holds the sequence number: a row was deleted (or the chain ends before its head).</summary>
    Missing,

    /// <summary>A row that is not a link of the chain: without a sequence number, or past the chain's head.</summary>
    Inserted,

    /// <summary>A sequence number held by a second row.</summary>
    OutOfOrder,
}
