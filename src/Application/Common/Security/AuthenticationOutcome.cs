using ProxyAdmin.Domain.Common;

namespace ProxyAdmin.Application.Common.Security;

/// <summary>Exactly one of <see cref="Principal"/> and <see cref="Failure"/> is set; the failure is safe to show.</summary>
public sealed record AuthenticationOutcome(Principal? Principal, string? Failure)
{
    public static AuthenticationOutcome Success(Principal principal) => new(principal, null);

    public static AuthenticationOutcome Fail(string reason) => new(null, reason);
}
