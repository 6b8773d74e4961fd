using ProxyAdmin.Domain.Common;

namespace ProxyAdmin.Domain.Users;

/// <summary>
/// Ids that name no person: LiteLLM's own identities (<c>litellm/constants.py</c>: the master key's
/// <c>LITELLM_PROXY_ADMIN_NAME</c> and <c>LITELLM_PROXY_MASTER_KEY_ALIAS</c>, the admin UI's
/// <c>UI_SESSION_TOKEN_TEAM_ID</c>, its internal health, CLI and jobs service accounts) and every service
/// account id (<see cref="Principal.ServiceAccountPrefix"/>). None may become a user or a team member: a
/// membership or a user row under one would hand what it grants to whatever authenticates under that id.
/// Compared without case, so a look-alike cannot slip through either.
/// </summary>
public static class ReservedUserIds
{
    private static readonly HashSet<string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        SpecialValues.DefaultUserId,
        "litellm_proxy_master_key",
        "litellm-dashboard",
        "litellm-internal-health-check",
        "litellm-cli",
        "litellm_internal_jobs",
    };

    public static IReadOnlyCollection<string> All => Names;

    public static bool IsReserved(string? userId) =>
        userId is not null && (Names.Contains(userId) || userId.StartsWith(Principal.ServiceAccountPrefix, StringComparison.OrdinalIgnoreCase));

    /// <summary>The refusal for <paramref name="userId"/> sent in <paramref name="field"/>.</summary>
    public static string Refusal(string userId, string field) =>
        $"'{field}' may not be '{userId}': it is reserved for LiteLLM's own identities (the master key, the admin UI, internal service accounts) and for keys without a user, so it can never be a user or a team member.";
}
