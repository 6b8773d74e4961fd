using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Application.Common.Security;

public static class CurrentCallerExtensions
{
    public static bool IsProxyAdmin(this ICurrentCaller caller) => caller.Principal.Role.IsProxyAdmin();

    /// <summary>Admins and admin viewers read everything; everyone else reads only their own data.</summary>
    public static bool ReadsEverything(this ICurrentCaller caller) => caller.Principal.Role.ReadsEverything();

    /// <summary>The author and instant of the change a command makes now: one stamp for every row it touches.</summary>
    public static AuditStamp Stamp(this ICurrentCaller caller, TimeProvider clock) => new(caller.Principal.Id, clock.GetUtcNow().UtcDateTime);
}
