using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ProxyAdmin.RawReference;

/// <summary>
/// The raw reference's work for each request: authenticate the presented key (its hash looked up with its user's role
/// and its team's and project's state, on every request), check access, read or write, and write the JSON.
/// </summary>
internal sealed class RawStore(RawDialect dialect, string masterKey) : IAsyncDisposable
{
    private const string SecretPrefix = "sk-";
    private static readonly string[] ReservedUserIds =
        [RawCaller.DefaultUserId, "litellm_proxy_master_key", "litellm-dashboard", "litellm-internal-health-check", "litellm-cli", "litellm_internal_jobs"];

    private readonly ConcurrentBag<RawSession> _idle = [];
    private readonly byte[] _masterKeyHash = SHA256.HashData(Encoding.UTF8.GetBytes(masterKey));

    public RawDialect Dialect => dialect;

    public async ValueTask<RawSession> RentAsync() => _idle.TryTake(out var session) ? session : await RawSession.OpenAsync(dialect);

    public void Return(RawSession session) => _idle.Add(session);

    /// <summary>The caller, or a 401; <paramref name="route"/> is checked against the key's <c>allowed_routes</c>.</summary>
    public async ValueTask<RawCaller> AuthenticateAsync(RawSession session, string? presented, string route)
    {
        if (string.IsNullOrEmpty(presented))
        {
            throw new RawFailureException(401, "Authentication Error, No api key passed in.");
        }

        Span<byte> hash = stackalloc byte[32];
        HashOf(presented, hash);
        var hex = Convert.ToHexStringLower(hash);
        if (CryptographicOperations.FixedTimeEquals(hash, _masterKeyHash))
        {
            return new RawCaller(RawCaller.DefaultUserId, null, "ProxyAdmin", null, hex, IsMasterKey: true);
        }

        if (!presented.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            throw new RawFailureException(401, "Authentication Error, Malformed API Key passed in. Ensure Key has `Bearer ` prefix.");
        }

        return await LookUpAsync(session, hex, route) ?? throw new RawFailureException(401, "Authentication Error, Invalid proxy server token passed. Unable to find token.");
    }

    /// <summary>The key's stored state now, or null when it no longer exists; refusals as 401s.</summary>
    public static async ValueTask<RawCaller?> LookUpAsync(RawSession session, string hash, string route)
    {
        var command = session.KeyLookup;
        command.Parameters[0].Value = hash;
        await using var r = await command.ExecuteReaderAsync();
        if (!await r.ReadAsync())
        {
            return null;
        }

        var userId = r.IsDBNull(0) ? null : r.GetString(0);
        var role = r.IsDBNull(1) ? "InternalUser" : r.GetString(1);
        var teamId = r.IsDBNull(2) ? null : r.GetString(2);
        if (r.GetBoolean(3))
        {
            throw new RawFailureException(401, "Authentication Error, Key is blocked. Update via `/key/unblock` if you're admin.");
        }

        if (!r.IsDBNull(4) && r.GetBoolean(4))
        {
            throw new RawFailureException(401, "Authentication Error, the key's team is blocked. A proxy admin can unblock it via `/team/unblock`.");
        }

        if (!r.IsDBNull(5) && RawJson.Utc(r.GetDateTime(5)) <= DateTime.UtcNow)
        {
            throw new RawFailureException(401, "Authentication Error - Expired Key.");
        }

        if (!r.IsDBNull(6) && r.GetBoolean(6))
        {
            throw new RawFailureException(401, $"Authentication Error, Project {r.GetString(7)} is blocked.");
        }

        var allowedRoutes = r.GetString(8);
        if (allowedRoutes != "[]" && !AllowsRoute(allowedRoutes, route))
        {
            throw new RawFailureException(401, $"Authentication Error, the key may not call {route}.");
        }

        return userId is not null && !ReservedUserIds.Contains(userId, StringComparer.OrdinalIgnoreCase)
            ? new RawCaller(userId, userId, role, teamId, hash, IsMasterKey: false)
            : new RawCaller("key:" + hash, null, "InternalUser", teamId, hash, IsMasterKey: false);
    }

    public ValueTask DisposeAsync() => DisposeAllAsync();

    private async ValueTask DisposeAllAsync()
    {
        while (_idle.TryTake(out var session))
        {
            await session.DisposeAsync();
        }

        await dialect.DisposeAsync();
    }

    private static bool AllowsRoute(string allowedRoutes, string route)
    {
        using var document = JsonDocument.Parse(allowedRoutes);
        return document.RootElement.EnumerateArray().Any(allowed => allowed.GetString() == route);
    }

    private static void HashOf(string presented, Span<byte> hash)
    {
        var max = Encoding.UTF8.GetMaxByteCount(presented.Length);
        byte[]? rented = null;
        var utf8 = max <= 512 ? stackalloc byte[max] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var length = Encoding.UTF8.GetBytes(presented, utf8);
            SHA256.HashData(utf8[..length], hash);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
