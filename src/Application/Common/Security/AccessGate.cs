using System.Reflection;
using ProxyAdmin.Domain.Common;

namespace ProxyAdmin.Application.Common.Security;

/// <summary>
/// The role gate of a message: its <see cref="AuthorizeAttribute"/> or <see cref="AllowAnonymousAttribute"/>, deny by
/// default. The authorization behaviour applies it to the principal authentication established; the caller recheck
/// applies it again to the principal a command's transaction re-reads, when that one differs.
/// </summary>
public static class AccessGate
{
    public static bool IsAnonymous<TMessage>() => Rules<TMessage>.IsAnonymous;

    /// <summary>Throws <see cref="ForbiddenAccessException"/> unless <typeparamref name="TMessage"/>'s rule admits <paramref name="principal"/>.</summary>
    public static void Admit<TMessage>(Principal principal)
    {
        if (Rules<TMessage>.Rule is not { } rule)
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
    }

    /// <summary>Read once per message type.</summary>
    private static class Rules<TMessage>
    {
        public static readonly bool IsAnonymous = typeof(TMessage).GetCustomAttribute<AllowAnonymousAttribute>() is not null;
        public static readonly AuthorizeAttribute? Rule = typeof(TMessage).GetCustomAttribute<AuthorizeAttribute>();
    }
}
