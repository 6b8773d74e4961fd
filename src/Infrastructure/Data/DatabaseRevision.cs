namespace ProxyAdmin.Infrastructure.Data;

/// <summary>
/// The one row that counts committed writes. Every command's transaction increments <see cref="Value"/> first
/// (<see cref="Revisions.RevisionCounter"/>), so the value orders commits, a rolled-back command leaves it as it was,
/// and a replica that has read value <c>n</c> knows that every write up to <c>n</c> is committed and visible.
/// </summary>
public sealed class DatabaseRevision
{
    /// <summary>The id of the only row.</summary>
    public const int RowId = 1;

    public int Id { get; init; } = RowId;

    public long Value { get; init; }
}
