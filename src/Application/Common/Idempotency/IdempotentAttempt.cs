namespace ProxyAdmin.Application.Common.Idempotency;

/// <summary>One request that idempotency applies to: whose it is, the Idempotency-Key it sent, and what it asks.</summary>
/// <param name="CallerScope">The SHA-256 hex of the caller's key: records never cross callers.</param>
/// <param name="Key">The Idempotency-Key as sent.</param>
/// <param name="Fingerprint">The SHA-256 hex of the message's type and wire content.</param>
public sealed record IdempotentAttempt(string CallerScope, string Key, string Fingerprint);
