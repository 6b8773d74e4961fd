namespace ProxyAdmin.Application.Common.Idempotency;

/// <summary>
/// Not an error: the command's transaction found, under the write lock, that a concurrent duplicate committed the
/// answer meanwhile. Thrown so the transaction rolls back (nothing written, the revision given back) and caught by
/// <see cref="Behaviours.IdempotencyBehaviour{TMessage, TResponse}"/>, outside the transaction, which answers
/// <see cref="Response"/>. It never reaches the caller.
/// </summary>
public sealed class IdempotentReplayException(object response)
    : Exception("A concurrent duplicate of this request committed first; its answer is replayed.")
{
    public object Response { get; } = response;
}
