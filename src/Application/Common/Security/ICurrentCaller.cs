using ProxyAdmin.Domain.Common;

namespace ProxyAdmin.Application.Common.Security;

/// <summary>Who sent the request being handled, as established by API-key authentication.</summary>
public interface ICurrentCaller
{
    /// <summary>False only for anonymous routes (health); every other message has a caller.</summary>
    bool IsAuthenticated { get; }

    /// <summary>Who the request acts as; every access rule judges this, never a user id alone.</summary>
    Principal Principal { get; }

    /// <summary>
    /// Replaces the principal authentication established (possibly from a cache) with <paramref name="stored"/>, the one
    /// re-read inside the command's transaction, for the rest of the request (<c>CallerRecheckBehaviour</c>).
    /// </summary>
    void UseStoredPrincipal(Principal stored);
}
