namespace ProxyAdmin.Domain.Teams;

/// <summary>
/// What a team's <c>team_member_permissions</c> may name: LiteLLM's key management routes (<c>KeyManagementRoutes</c>),
/// the only values its permission check can read back.
/// </summary>
public static class TeamMemberPermissions
{
    public static readonly IReadOnlyList<string> All =
    [
        "/key/generate", "/key/update", "/key/delete", "/key/info", "/key/regenerate", "/key/service-account/generate",
        "/key/{key_id}/regenerate", "/key/list", "/key/block", "/key/unblock", "/key/bulk_update", "/team/daily/activity",
        "/spend/logs", "/key/{key_id}/reset_spend", "/key/aliases", "/key/health",
    ];

    /// <summary>What LiteLLM lets a team's members do when the team names nothing.</summary>
    public static readonly IReadOnlyList<string> Default = ["/key/info", "/key/health"];

    public static bool IsKnown(string permission) => All.Contains(permission, StringComparer.Ordinal);
}
