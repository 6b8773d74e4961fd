namespace ProxyAdmin.Application.Organizations;

/// <summary>The organization routes' refusals, with LiteLLM's messages where it has them.</summary>
public static class OrganizationErrors
{
    /// <summary>The most teams a refusal to delete names; the count says how many there are.</summary>
    public const int TeamsNamed = 20;

    /// <summary>An organization route's own subject that does not exist (or that the caller may not know of).</summary>
    public static NotFoundException NotFound(string organizationId) =>
        new($"Organization not found for organization_id={organizationId}", "organization_id");

    /// <summary>The organization a team request names (LiteLLM's team-route wording).</summary>
    public static NotFoundException NamedByTeamNotFound(string organizationId) =>
        new($"Organization not found, passed organization_id={organizationId}", "organization_id");

    public static ConflictException AlreadyExists(string organizationId) =>
        new($"Organization id = {organizationId} already exists. Please use a different organization id.", "organization_id");

    public static ConflictException HasTeams(string organizationId, IReadOnlyList<string> named, int total) =>
        new(
            $"Cannot delete organization {organizationId}: {total} team(s) belong to it ({string.Join(", ", named)}{(total > named.Count ? $", and {total - named.Count} more" : "")}). Move or delete the teams first.",
            "organization_ids");

    public static NotFoundException MemberNotFound(string? userId, string? userEmail) =>
        userId is not null
            ? new($"Member not found in organization for user_id={userId}", "user_id")
            : new($"Member not found in organization for user_email={userEmail}", "user_email");

    public static ConflictException AlreadyMember(string userId, string organizationId) =>
        new($"User={userId} is already a member of organization {organizationId}.", "member");

    public static ForbiddenAccessException NotOrganizationMembers(string organizationId, IReadOnlyList<string> userIds) =>
        new(
            $"User(s) {string.Join(", ", userIds)} not a member of organization {organizationId}: add them with /organization/member_add first; a team in an organization only has members of it.",
            "member");
}
