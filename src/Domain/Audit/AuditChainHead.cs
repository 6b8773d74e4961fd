namespace ProxyAdmin.Domain.Audit;

/// <summary>
/// The end of the one audit chain: the last sequence number given and that row's hash. One row, updated in the
/// transaction that appends, which every writer enters one after another (the database's write lock), so the chain
/// has one order on every replica. It also lets a verification notice rows missing at the end, which the rows alone
/// cannot show.
/// </summary>
public sealed class AuditChainHead
{
    /// <summary>The id of the only row.</summary>
    public const int RowId = 1;

    private AuditChainHead()
    {
    }

    public int Id { get; private set; } = RowId;

    /// <summary>The sequence of the last row chained; 0 before the first.</summary>
    public long Sequence { get; private set; }

    /// <summary>The hash of the last row chained; <see cref="AuditChain.Genesis"/> before the first.</summary>
    public string Hash { get; private set; } = AuditChain.Genesis;

    /// <summary>The head of an empty chain, as the migration seeds it.</summary>
    public static AuditChainHead Empty() => new();

    /// <summary>Gives <paramref name="entry"/> the next sequence number and its hash, and moves the head onto it.</summary>
    public void Append(AuditEntry entry)
    {
        entry.Chain(Sequence + 1, Hash);
        Sequence = entry.Sequence!.Value;
        Hash = entry.Hash!;
    }
}
