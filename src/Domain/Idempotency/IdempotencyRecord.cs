namespace ProxyAdmin.Domain.Idempotency;

/// <summary>
/// The first answer of one caller's create (or key regeneration) sent with an <c>Idempotency-Key</c>, kept so a retry
/// with the same key and the same request gets that answer again instead of a second write. A record belongs to the
/// caller's key (<see cref="CallerScope"/>): another caller sending the same Idempotency-Key never meets it. The answer
/// is stored sealed (it may carry a new key's secret) and only until <see cref="ExpiresAt"/>; an expired record is
/// never replayed, and the next request with its key runs again and takes the record over (<see cref="Renew"/>).
/// </summary>
public sealed class IdempotencyRecord
{
    /// <summary>The longest Idempotency-Key accepted (visible ASCII only).</summary>
    public const int KeyMaxLength = 255;

    /// <summary>The caller scope is the SHA-256 hex of the caller's key, as <c>Principal.KeyToken</c>.</summary>
    public const int ScopeLength = 64;

    /// <summary>The request's fingerprint is a SHA-256 hex.</summary>
    public const int FingerprintLength = 64;

    private IdempotencyRecord()
    {
    }

    /// <summary>The SHA-256 hex of the key that sent the first request.</summary>
    public string CallerScope { get; private set; } = null!;

    /// <summary>The Idempotency-Key as sent.</summary>
    public string IdempotencyKey { get; private set; } = null!;

    /// <summary>The SHA-256 hex of the message's type and content: what "the same request" means.</summary>
    public string Fingerprint { get; private set; } = null!;

    /// <summary>The first answer's wire JSON, sealed under the salt keyring's active key.</summary>
    public string SealedResponse { get; private set; } = null!;

    /// <summary>The first answer's <c>ETag</c>, when it carried one.</summary>
    public string? EntityTag { get; private set; }

    public DateTime CreatedAt { get; private set; }

    /// <summary>The end of the window: from this instant the record is never replayed, and the purge deletes it.</summary>
    public DateTime ExpiresAt { get; private set; }

    /// <summary>The record of an answer given at <paramref name="now"/>, replayable for <paramref name="window"/>.</summary>
    public static IdempotencyRecord Record(
        string callerScope, string idempotencyKey, string fingerprint, string sealedResponse, string? entityTag, DateTime now, TimeSpan window)
    {
        var record = new IdempotencyRecord { CallerScope = callerScope, IdempotencyKey = idempotencyKey };
        record.Renew(fingerprint, sealedResponse, entityTag, now, window);
        return record;
    }

    /// <summary>True while the window is open at <paramref name="now"/>.</summary>
    public bool IsLiveAt(DateTime now) => now < ExpiresAt;

    /// <summary>True when <paramref name="fingerprint"/> is the first request's: the same message with the same content.</summary>
    public bool IsSameRequest(string fingerprint) => string.Equals(Fingerprint, fingerprint, StringComparison.Ordinal);

    /// <summary>Takes an expired record over for a new answer under the same caller and key.</summary>
    public void Renew(string fingerprint, string sealedResponse, string? entityTag, DateTime now, TimeSpan window)
    {
        if (window <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(window), "The replay window must be positive.");
        }

        Fingerprint = fingerprint;
        SealedResponse = sealedResponse;
        EntityTag = entityTag;
        CreatedAt = now;
        ExpiresAt = now + window;
    }
}
