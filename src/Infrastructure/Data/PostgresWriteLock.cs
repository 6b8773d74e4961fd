namespace ProxyAdmin.Infrastructure.Data;

/// <summary>
/// On PostgreSQL every command transaction first takes one transaction-scoped advisory lock
/// (<c>pg_advisory_xact_lock(Key)</c>, sent by <see cref="Revisions.RevisionCounter"/> in the round trip that takes the
/// revision), so writers queue one behind the other, on every replica sharing the database, exactly as they queue for
/// SQLite's write lock
/// (<c>BEGIN IMMEDIATE</c>). Without it, PostgreSQL's READ COMMITTED lets concurrent writers to one team all read
/// version n; all but one then fail the version check and re-run, and under 20 concurrent member adds the last ones
/// run out of the 5 attempts and answer 409 although nothing conflicted. Queued writers each read what the previous
/// one committed, so rules that read other rows (sums over a team's projects, "already a member") cannot be raced
/// either. Reads take no lock and never wait. The lock is released by the commit or rollback that ends the
/// transaction; a wait cut short by the operator's <c>lock_timeout</c> or the command timeout is transient
/// (<see cref="UnitOfWork.IsTransient"/>): retried, then 503.
/// </summary>
internal static class PostgresWriteLock
{
    /// <summary>The advisory lock key, the ASCII of "ProxyAdm": unlikely to be taken by another application sharing the database.</summary>
    public const long Key = 0x50726F787941646D;
}
