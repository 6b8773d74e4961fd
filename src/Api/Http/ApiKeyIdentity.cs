using System.Security.Claims;
using ProxyAdmin.Domain.Common;

namespace ProxyAdmin.Api.Http;

/// <summary>
/// The identity API-key authentication establishes: authenticated, and carrying the caller as the domain knows it
/// (<see cref="Domain.Common.Principal"/>), which <see cref="HttpCurrentCaller"/> hands on. No claims: nothing reads them,
/// and building claims for the principal's five fields and parsing them back cost every request about 1 KB.
/// </summary>
public sealed class ApiKeyIdentity(Principal principal, string authenticationType) : ClaimsIdentity(authenticationType)
{
    public Principal Principal { get; } = principal;
}
