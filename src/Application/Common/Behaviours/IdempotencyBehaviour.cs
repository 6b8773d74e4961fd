using ProxyAdmin.Application.Common.Idempotency;

namespace ProxyAdmin.Application.Common.Behaviours;

/// <summary>
/// Safe retries, outside the command's transaction: a request with an Idempotency-Key whose caller already has a live
/// record under it gets the first answer again (after the caller is judged as a command would judge it), or a 409 when
/// the key was used for another request, without taking the write lock or moving the revision. Otherwise the command
/// runs; when the transaction finds, under the lock, that a concurrent duplicate committed first
/// (<see cref="IdempotencyRecordBehaviour{TMessage, TResponse}"/>), it rolls back and this answers that duplicate's answer.
/// </summary>
public sealed class IdempotencyBehaviour<TMessage, TResponse>(IdempotentResponses responses) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IBaseCommand
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (responses.AttemptOf(message) is not { } attempt)
        {
            return await next(message, cancellationToken);
        }

        if (await responses.ReadLiveAsync(attempt, cancellationToken) is { } record)
        {
            return await responses.ReplayAsync<TMessage, TResponse>(record, attempt, recheckCaller: true, cancellationToken);
        }

        try
        {
            return await next(message, cancellationToken);
        }
        catch (IdempotentReplayException replay)
        {
            return (TResponse)replay.Response;
        }
    }
}
