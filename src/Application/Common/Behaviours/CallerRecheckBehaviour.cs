namespace ProxyAdmin.Application.Common.Behaviours;

/// <summary>
/// Writes never trust a cache. Authentication may answer from this replica's key cache, which learns of a change made
/// through another replica only within the propagation bound; so inside every command's transaction, before the
/// handler reads anything, the caller's key is judged again from the database (blocked, expired, deleted, its team or
/// project blocked) together with its user's current role (<see cref="CallerRecheck"/>). A key revoked meanwhile is
/// refused with the 401 its next authentication would give; a changed role passes the message's gate again
/// (<see cref="AccessGate"/>) and becomes the principal the handler judges, so a demoted admin cannot write as an admin
/// through any replica. Team standing (membership, team role) is read by the handlers from the rows they load in the
/// same transaction. Writers queue on the revision row, so nothing can change the caller between this read and the commit.
/// </summary>
public sealed class CallerRecheckBehaviour<TMessage, TResponse>(CallerRecheck recheck)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IBaseCommand
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        await recheck.EnsureCurrentAsync<TMessage>(cancellationToken);
        return await next(message, cancellationToken);
    }
}
