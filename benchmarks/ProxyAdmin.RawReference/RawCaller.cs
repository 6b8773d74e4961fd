namespace ProxyAdmin.RawReference;

/// <summary>
/// Who presented the key, as ProxyAdmin's authentication decides it: the master key (<c>default_user_id</c>, a
/// proxy admin), a user's key (the user's stored role) or a service account (a key with no user, its team's).
/// </summary>
/// <param name="Id">The id audit rows and stamps name (ProxyAdmin's <c>Principal.Id</c>).</param>
/// <param name="Role">The role as ProxyAdmin stores it (<c>ProxyAdmin</c>, <c>InternalUser</c> …).</param>
public sealed record RawCaller(string Id, string? UserId, string Role, string? TeamId, string KeyHash, bool IsMasterKey)
{
    public const string DefaultUserId = "default_user_id";

    public bool ReadsEverything => Role is "ProxyAdmin" or "ProxyAdminViewer";

    public bool IsProxyAdmin => Role == "ProxyAdmin";
}
