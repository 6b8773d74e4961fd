namespace ProxyAdmin.Application.Common.Behaviours;

/// <summary>
/// Deny by default: a message runs only when its <see cref="AuthorizeAttribute"/> admits the caller's
/// role (and, for a key without a user, admits service accounts), or when it is marked
/// <see cref="AllowAnonymousAttribute"/> (<see cref="AccessGate"/>). Runs before validation and before anything is
/// loaded, so a caller who may not send a message learns nothing from its validation errors or from which objects exist.
/// </summary>
public sealed class AuthorizationBehaviour<TMessage, TResponse>(ICurrentCaller caller) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (AccessGate.IsAnonymous<TMessage>())
        {
            return next(message, cancellationToken);
        }

        if (!caller.IsAuthenticated)
        {
            throw new UnauthenticatedException("No api key passed in.");
        }

        AccessGate.Admit<TMessage>(caller.Principal);
        return next(message, cancellationToken);
    }
}
