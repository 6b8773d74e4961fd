namespace ProxyAdmin.Infrastructure.Revisions;

/// <summary>
/// How this replica follows the database's revision (<c>ProxyAdmin:Revision:*</c>).
/// </summary>
/// <param name="PollInterval">How often the revision row is read (<c>PollIntervalMilliseconds</c>, default 100): the
/// longest a change committed through another replica takes to reach this one's key cache, plus one read.</param>
/// <param name="MaxWait">How long a request with <c>x-proxyadmin-min-revision</c> waits for this replica to apply that
/// revision before it is answered 503 (<c>MaxWaitMilliseconds</c>, default 5000).</param>
/// <param name="Listen">On PostgreSQL, also hear commits pushed by <c>LISTEN/NOTIFY</c> (<c>Listen</c>, default true);
/// off behind a pooler that cannot keep a session's <c>LISTEN</c> (PgBouncer in transaction mode), where the poll
/// alone carries the revision.</param>
public sealed record RevisionSettings(TimeSpan PollInterval, TimeSpan MaxWait, bool Listen = true)
{
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMilliseconds(100);

    public static readonly TimeSpan DefaultMaxWait = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long after the last successful read of the revision row cached key lookups are still used: one second (the
    /// bound every replica keeps for revocations), or two poll intervals when polling is configured slower than that.
    /// A replica that cannot read the row for longer stops trusting its cache and asks the database on every request,
    /// so a lost database connection can never stretch a revocation's reach to the cache's own lifetime.
    /// </summary>
    public TimeSpan CacheTrust => PollInterval * 2 > TimeSpan.FromSeconds(1) ? PollInterval * 2 : TimeSpan.FromSeconds(1);
}
