namespace ProxyAdmin.Infrastructure.Encryption;

/// <summary>
/// How this replica runs rotation batches (<c>ProxyAdmin:Encryption:*</c>).
/// </summary>
/// <param name="BatchSize">Rows per batch, one transaction each (<c>RotationBatchSize</c>, default 100): the write lock is
/// held for one batch, so smaller batches keep writers' waits shorter.</param>
/// <param name="Pause">The pause between batches (<c>RotationPauseMilliseconds</c>, default 20), which lets queued writers in.</param>
/// <param name="PollInterval">How often an idle replica looks for a running rotation it should help with or resume
/// (<c>RotationPollMilliseconds</c>, default 5000); the replica that starts one is woken at once.</param>
public sealed record EncryptionRotationSettings(int BatchSize, TimeSpan Pause, TimeSpan PollInterval)
{
    public const int DefaultBatchSize = 100;
    public const int MaxBatchSize = 10_000;
    public static readonly TimeSpan DefaultPause = TimeSpan.FromMilliseconds(20);
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(5);
}
