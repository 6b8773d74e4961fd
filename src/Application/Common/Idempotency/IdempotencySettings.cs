namespace ProxyAdmin.Application.Common.Idempotency;

/// <summary>
/// How long a first answer is kept for replay and how the expired ones are purged (<c>ProxyAdmin:Idempotency:*</c>).
/// </summary>
/// <param name="Window">How long a retry gets the first answer (<c>WindowMinutes</c>, default 1440: 24 hours).</param>
/// <param name="PurgeInterval">How often each replica deletes expired records (<c>PurgeIntervalMilliseconds</c>, default 10 minutes).</param>
public sealed record IdempotencySettings(TimeSpan Window, TimeSpan PurgeInterval)
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromHours(24);
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(30);
    public static readonly TimeSpan DefaultPurgeInterval = TimeSpan.FromMinutes(10);

    /// <summary>Records deleted per purge transaction, so the write lock is never held long.</summary>
    public const int PurgeBatchSize = 500;
}
