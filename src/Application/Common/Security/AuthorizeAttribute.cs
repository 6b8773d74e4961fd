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
}
