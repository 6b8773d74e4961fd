namespace ProxyAdmin.Application.Common.Interfaces;

/// <summary>
/// The idempotency part of the current request, as the transport carries it: HTTP's <c>Idempotency-Key</c> header and
/// the answer's <c>Idempotent-Replayed: true</c>. <see cref="Idempotency.IdempotentResponses"/> is what the pipeline
/// uses; this port only carries the values.
/// </summary>
public interface IIdempotencyRequest
{
    /// <summary>
    /// The request's Idempotency-Key; null when it sent none or an empty one. A malformed one (over 255 characters,
    /// anything but visible ASCII, or the header sent twice) is a <see cref="Exceptions.BadRequestException"/> naming it.
    /// </summary>
    string? Key { get; }

    /// <summary>Marks the answer as the replay of a stored one.</summary>
    void MarkReplayed();
}
