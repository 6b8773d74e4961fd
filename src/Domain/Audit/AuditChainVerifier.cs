using System.Text.Json;

namespace ProxyAdmin.Domain.Audit;

/// <summary>
/// Walks the audit chain one row at a time, in sequence order, recomputing every hash from the row before it, and
/// says where it first breaks. It holds only the previous hash, so a chain of any length is checked in constant
/// memory.
/// </summary>
public sealed class AuditChainVerifier
{
    private long _expected = 1;
    private string _previousHash = AuditChain.Genesis;

    /// <summary>How many rows were read, the one that broke the chain included.</summary>
    public long RowsChecked { get; private set; }

    /// <summary>The next row of the chain (rows with a sequence, in ascending order); the problem it shows, or null.</summary>
    public AuditChainProblem? Check(AuditEntry row)
    {
        var sequence = row.Sequence ?? throw new ArgumentException("Only chained rows are walked.", nameof(row));
        RowsChecked++;
        if (sequence < _expected)
        {
            return new AuditChainProblem(AuditChainFault.OutOfOrder, sequence, row.Id, $"Sequence {sequence} is held by a second row.");
        }

        if (sequence > _expected)
        {
            var gap = sequence - _expected == 1 ? $"sequence {_expected} has no row" : $"sequences {_expected} to {sequence - 1} have no row";
            return new AuditChainProblem(AuditChainFault.Missing, _expected, null, $"The chain has a gap: {gap}.");
        }

        string hash;
        try
        {
            hash = AuditChain.HashOf(_previousHash, row);
        }
        catch (JsonException)
        {
            return Altered(row, "a stored value is no longer JSON");
        }

        if (!string.Equals(hash, row.Hash, StringComparison.Ordinal))
        {
            return Altered(row, "its content or its hash is not what was recorded after the row before it");
        }

        _previousHash = hash;
        _expected++;
        return null;
    }

    /// <summary>After the last row up to <paramref name="head"/>: whether the chain reaches the head and ends in its hash.</summary>
    public AuditChainProblem? Finish(AuditChainHead head)
    {
        var last = _expected - 1;
        if (last < head.Sequence)
        {
            var gap = head.Sequence - last == 1 ? $"sequence {head.Sequence} has no row" : $"sequences {last + 1} to {head.Sequence} have no row";
            return new AuditChainProblem(AuditChainFault.Missing, last + 1, null, $"The chain ends before its head: {gap}.");
        }

        return string.Equals(_previousHash, head.Hash, StringComparison.Ordinal)
            ? null
            : new AuditChainProblem(AuditChainFault.Altered, head.Sequence, null, $"The chain's head records another hash than the row at sequence {head.Sequence}.");
    }

    private static AuditChainProblem Altered(AuditEntry row, string why) =>
        new(AuditChainFault.Altered, row.Sequence, row.Id, $"The row at sequence {row.Sequence} was altered: {why}.");
}
