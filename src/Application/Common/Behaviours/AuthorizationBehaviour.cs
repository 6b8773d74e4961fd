using System.Reflection;

namespace ProxyAdmin.Application.Common.Behaviours;

/// <summary>
/// Deny by default: a message runs only when its <see cref="AuthorizeAttribute"/> admits the caller's
/// role (and, for a key without a user, admits service accounts), or when it is marked
/// <see cref="AllowAnonymousAttribute"/>. Runs before validation and before anything is loaded, so a caller
/// who may not send a message learns nothing from its validation errors or from which objects exist.
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

        var principal = caller.Principal;
        if (AccessRule.Rule is not { } rule)
        {
            throw new ForbiddenAccessException($"Nobody may perform {MessageNames.Describe(typeof(TMessage))}.");
        }

        if (principal.IsServiceAccount && !rule.ServiceAccounts)
        {
            throw new ForbiddenAccessException(
                $"This key has no user: it is {(principal.TeamId is { } teamId ? $"the service account of team {teamId}" : "a key of no user and no team")}, which may only read itself, its team and the models it may call. To {MessageNames.Describe(typeof(TMessage))}, use a user's key or the master key.");
        }

        if (!rule.Policy.Allows(principal.Role))
        {
            throw new ForbiddenAccessException(
                rule.Refusal ?? $"Your role ({RoleNames.ToWire(principal.Role)}) is not allowed to perform {MessageNames.Describe(typeof(TMessage))}.");
        }

        return next(message, cancellationToken);
    }

    /// <summary>Read once per message type.</summary>
    private static class AccessRule
    {
        public static readonly bool IsAnonymous = typeof(TMessage).GetCustomAttribute<AllowAnonymousAttribute>() is not null;
        public static readonly AuthorizeAttribute? Rule = typeof(TMessage).GetCustomAttribute<AuthorizeAttribute>();
    }
}
