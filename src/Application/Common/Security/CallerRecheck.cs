using ProxyAdmin.Domain.Common;

namespace ProxyAdmin.Application.Common.Security;

/// <summary>
/// The caller judged again from the database (never the key cache), as a write must be: the key blocked, expired or
/// deleted since it was authenticated is the 401 its next authentication would give; a role changed since passes the
/// message's gate again (<see cref="AccessGate"/>, 403 when it no longer may) and becomes the principal for the rest of
/// the request. <see cref="Behaviours.CallerRecheckBehaviour{TMessage, TResponse}"/> runs it inside every command's
/// transaction; a replayed answer (<see cref="Idempotency.IdempotentResponses"/>) runs it before anything is given back.
/// </summary>
public sealed class CallerRecheck(ICurrentCaller caller, IApiKeyAuthenticator authenticator)
{
    public async Task EnsureCurrentAsync<TMessage>(CancellationToken cancellationToken)
    {
        if (AccessGate.IsAnonymous<TMessage>() || !caller.IsAuthenticated)
        {
            return;
        }

        var authenticated = caller.Principal;
        var outcome = await authenticator.ReauthenticateAsync(authenticated, cancellationToken);
        if (outcome.Principal is not Principal stored)
        {
            throw new UnauthenticatedException(outcome.Failure ?? "Authentication Error.");
        }

        if (stored != authenticated)
        {
            AccessGate.Admit<TMessage>(stored);
            caller.UseStoredPrincipal(stored);
        }
    }
}
