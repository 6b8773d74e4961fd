using System.Reflection;

namespace ProxyAdmin.Application.Common.Behaviours;

/// <summary>
/// Deny by default: a message runs only when its <see cref="AuthorizeAttribute"/> admits the caller's
/// role, or when it is marked <see cref="AllowAnonymousAttribute"/>. Runs before validation, so a caller
/// who may not send a message learns nothing from its validation errors.
/// </summary>
public sealed class AuthorizationBehaviour<TMessage, TResponse>(ICurrentCaller caller) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (AccessRule.IsAnonymous)
        {
            return next(message, cancellationToken);
        }

        if (!caller.IsAuthenticated)
        {
            throw new UnauthenticatedException("No api key passed in.");
        }

        if (AccessRule.Policy is not { } policy || !policy.Allows(caller.Role))
        {
            throw new ForbiddenAccessException(
                $"Your role ({RoleNames.ToWire(caller.Role)}) is not allowed to perform {MessageNames.Describe(typeof(TMessage))}.");
        }

        return next(message, cancellationToken);
    }

    /// <summary>Read once per message type.</summary>
    private static class AccessRule
    {
        public static readonly bool IsAnonymous = typeof(TMessage).GetCustomAttribute<AllowAnonymousAttribute>() is not null;
        public static readonly AccessPolicy? Policy = typeof(TMessage).GetCustomAttribute<AuthorizeAttribute>()?.Policy;
    }
}
