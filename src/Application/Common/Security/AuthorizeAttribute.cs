namespace ProxyAdmin.Application.Common.Security;

/// <summary>
/// The access rule of a command or query, enforced by the authorization behaviour before validation or
/// handling. Every message carries either this or <see cref="AllowAnonymousAttribute"/>: a message with
/// neither is refused (deny by default), and a unit test fails the build when one appears.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AuthorizeAttribute(AccessPolicy policy) : Attribute
{
    public AccessPolicy Policy { get; } = policy;

    /// <summary>
    /// Whether a key without a user (a team's service account) may send the message at all; false unless said.
    /// LiteLLM lets such a key call only its info routes and the routes that check the caller themselves
    /// (<c>RouteChecks.non_proxy_admin_allowed_routes_check</c> with no user row), and every one of those refuses
    /// a write to a key without a user, so only reads set this.
    /// </summary>
    public bool ServiceAccounts { get; init; }

    /// <summary>The message of the refusal when the policy does not admit the caller, where LiteLLM words it; a generic one otherwise.</summary>
    public string? Refusal { get; init; }
}
