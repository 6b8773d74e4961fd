using ProxyAdmin.Application.Common.Idempotency;

namespace ProxyAdmin.Application.Common.Behaviours;

/// <summary>
/// Safe retries, inside the command's transaction (after <see cref="CallerRecheckBehaviour{TMessage, TResponse}"/>, so
/// the caller is already judged from the database): the record is looked up again under the write lock, so of
/// concurrent duplicates on any replica exactly one runs the handler. A live record means a duplicate committed
/// meanwhile: its answer is replayed and the transaction rolled back (<see cref="IdempotentReplayException"/>), or a 409
/// for another request. Otherwise the handler runs and its answer is staged, sealed, and saved in the same transaction,
/// so the record and the write commit together or not at all; a refusal stores nothing and a retry runs again.
/// </summary>
public sealed class IdempotencyRecordBehaviour<TMessage, TResponse>(IdempotentResponses responses, IUnitOfWork unitOfWork)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IBaseCommand
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (responses.AttemptOf(message) is not { } attempt)
        {
            return await next(message, cancellationToken);
        }

        var existing = await responses.GetAsync(attempt, cancellationToken);
        if (existing is not null && responses.IsLive(existing))
        {
            var replayed = await responses.ReplayAsync<TMessage, TResponse>(existing, attempt, recheckCaller: false, cancellationToken);
            throw new IdempotentReplayException(replayed!);
        }

        var response = await next(message, cancellationToken);
        responses.Stage(attempt, existing, response);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return response;
    }
}
