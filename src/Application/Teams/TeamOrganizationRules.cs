using ProxyAdmin.Application.Organizations;
using ProxyAdmin.Domain.Organizations;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.Teams;

/// <summary>
/// The rules a team keeps with its organization (<see cref="OrganizationLimits"/>): the organization it names exists
/// (404), its models and limits fit within the organization's (400; a team naming no models gets the organization's),
/// its members are members of the organization (403), and moving into an organization needs all of that (403 with
/// LiteLLM's "Cannot move team to organization" messages). A team whose stored <c>organization_id</c> names no
/// organization (stored as given before organizations existed) keeps it unchecked until it moves.
/// </summary>
public sealed class TeamOrganizationRules(IOrganizationRepository organizations)
{
    /// <summary>The settings a new team is created with: <paramref name="settings"/>, with the organization's models when it names none.</summary>
    public async Task<TeamSettings> ForNewTeamAsync(TeamSettings settings, IReadOnlyCollection<string> memberIds, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(settings.OrganizationId))
        {
            return settings;
        }

        var organization = await organizations.ReadAsync(settings.OrganizationId, cancellationToken)
            ?? throw OrganizationErrors.NamedByTeamNotFound(settings.OrganizationId);
        var models = OrganizationLimits.ModelsFor(organization, settings.Models ?? []);
        OrganizationLimits.EnsureTeamWithin(organization, models, settings.MaxBudget, settings.TpmLimit, settings.RpmLimit);
        EnsureMembers(organization, memberIds);
        return settings with { Models = models };
    }

    /// <summary>Whether <paramref name="userId"/> may join a team of <paramref name="organizationId"/> without being refused.</summary>
    public async Task<bool> IsMemberAsync(string organizationId, string userId, CancellationToken cancellationToken) =>
        await organizations.RoleOfAsync(organizationId, userId, cancellationToken) is not null;

    /// <summary>The changes to apply to <paramref name="team"/>: <paramref name="changes"/>, with the organization's models when the team would name none.</summary>
    public async Task<TeamSettings> ForChangeAsync(Team team, TeamSettings changes, CancellationToken cancellationToken)
    {
        if (team.OrganizationAfter(changes) is not { } organizationId)
        {
            return changes;
        }

        var moves = team.MovesOrganization(changes);
        var organization = await organizations.ReadAsync(organizationId, cancellationToken);
        if (organization is null)
        {
            return moves ? throw OrganizationErrors.NamedByTeamNotFound(organizationId) : changes;
        }

        var models = changes.Models ?? team.Models;
        var maxBudget = changes.MaxBudget ?? team.MaxBudget;
        var tpmLimit = changes.TpmLimit ?? team.TpmLimit;
        var rpmLimit = changes.RpmLimit ?? team.RpmLimit;
        if (moves)
        {
            return OrganizationLimits.RefusalToJoin(organization, models, maxBudget, tpmLimit, rpmLimit, team.Members.Select(m => m.UserId)) is { } refusal
                ? throw new ForbiddenAccessException(refusal, "organization_id")
                : changes;
        }

        var inherited = OrganizationLimits.ModelsFor(organization, models);
        OrganizationLimits.EnsureTeamWithin(organization, inherited, maxBudget, tpmLimit, rpmLimit);
        return ReferenceEquals(inherited, models) ? changes : changes with { Models = inherited };
    }

    /// <summary>Refuses (403) adding a user to a team of an organization it is not a member of.</summary>
    public async Task EnsureMayJoinAsync(Team team, string userId, CancellationToken cancellationToken)
    {
        if (team.OrganizationId is { } organizationId
            && !await IsMemberAsync(organizationId, userId, cancellationToken)
            && await organizations.ExistsAsync(organizationId, cancellationToken))
        {
            throw OrganizationErrors.NotOrganizationMembers(organizationId, [userId]);
        }
    }

    private static void EnsureMembers(Organization organization, IEnumerable<string> userIds)
    {
        var outsiders = userIds.Where(userId => !organization.IsMember(userId)).Distinct(StringComparer.Ordinal).ToList();
        if (outsiders.Count > 0)
        {
            throw OrganizationErrors.NotOrganizationMembers(organization.OrganizationId, outsiders);
        }
    }
}
