namespace ProxyAdmin.Domain.Keys;

/// <summary>
/// When a presented virtual key may act at all, with LiteLLM's refusals: it must look like a virtual key,
/// and must not be blocked, belong to a blocked team or a blocked project, or have expired. Authentication applies this to every
/// request; what the key may then do is its owner's role.
/// </summary>
public static class KeyValidity
{
    /// <summary>Every virtual key's secret starts with this.</summary>
    public const string SecretPrefix = "sk-";

    public const string NotAVirtualKey = "Authentication Error, invalid API key: a virtual key starts with 'sk-'.";

    public static bool LooksLikeVirtualKey(string presented) => presented.StartsWith(SecretPrefix, StringComparison.Ordinal);

    public static bool IsExpired(DateTime? expires, DateTime now) => expires is { } expiry && expiry <= now;

    /// <summary>Why a stored key may not authenticate now, or null when it may.</summary>
    /// <param name="blockedProjectId">The key's project when that project is blocked (LiteLLM's <c>_run_project_checks</c>), else null.</param>
    public static string? Refusal(bool blocked, bool teamBlocked, DateTime? expires, DateTime now, string? blockedProjectId = null) =>
        blocked ? "Authentication Error, Key is blocked. Update via `/key/unblock` if you're admin."
        : teamBlocked ? "Authentication Error, the key's team is blocked. A proxy admin can unblock it via `/team/unblock`."
        : blockedProjectId is not null ? $"Authentication Error, Project={blockedProjectId} is blocked. Update via `/project/update` if you're an admin."
        : IsExpired(expires, now) ? $"Authentication Error - Expired Key. Key Expiry time {expires:O} and current time {now:O}"
        : null;
}
