using ProxyAdmin.Application.Models;
using ProxyAdmin.Application.Organizations;
using ProxyAdmin.Application.Teams;

namespace ProxyAdmin.Application.Credentials;

/// <summary>
/// Which stored credentials a caller may see, and how much of them. Proxy admins and admin viewers see every
/// credential, values masked. A team admin sees the names of the credentials its teams' models use, nothing more, and
/// an <c>org_admin</c> those of the teams in its organizations; anyone else sees none, and a credential it may not see
/// does not exist for it (404).
/// </summary>
public sealed class CredentialVisibility(ITeamRepository teams, IOrganizationRepository organizations, IModelRepository models, ICurrentCaller caller)
{
    /// <summary>Null when the caller sees everything; else the names it may see (by name only).</summary>
    public async Task<IReadOnlySet<string>?> NamesVisibleToCallerAsync(CancellationToken cancellationToken)
    {
        if (caller.ReadsEverything())
        {
            return null;
        }

        if (caller.Principal.UserId is not { } userId)
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }

        var memberOf = await teams.GetTeamIdsOfMemberAsync(userId, cancellationToken);
        var administered = memberOf.Count == 0
            ? []
            : (await teams.GetManyAsync(memberOf, cancellationToken)).Where(t => t.IsAdministeredBy(caller.Principal)).Select(t => t.TeamId).ToList();
        var organizationsAdministered = await organizations.AdministeredByAsync(userId, cancellationToken);
        if (organizationsAdministered.Count > 0)
        {
            administered = [.. administered.Union(await organizations.TeamIdsInAsync(organizationsAdministered, cancellationToken), StringComparer.Ordinal)];
        }

        return administered.Count == 0
            ? new HashSet<string>(StringComparer.Ordinal)
            : new HashSet<string>(await models.CredentialNamesOfTeamsAsync(administered, cancellationToken), StringComparer.Ordinal);
    }
}
