namespace ProxyAdmin.Application.Keys;

/// <summary>The <c>allowed_routes</c> of the key a caller authenticated with, checked on every request.</summary>
public interface IKeyRouteRestrictions
{
    /// <summary>The routes the key with this hash may call; empty for no restriction (and for the master key, which has no row).</summary>
    Task<IReadOnlyList<string>> AllowedRoutesAsync(string keyHash, CancellationToken cancellationToken);
}
