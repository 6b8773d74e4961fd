using System.Security.Cryptography;
using System.Text;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Users;
using ProxyAdmin.Infrastructure.Data;

namespace ProxyAdmin.Infrastructure.Security;

/// <summary>
/// The master key is <c>proxy_admin</c> as <c>default_user_id</c>; a virtual key takes its user's role.
/// Failure messages never repeat more of a presented key than its last four characters.
/// </summary>
internal sealed class ApiKeyAuthenticator(ProxyAdminDbContext db, KeyLookupCache cache, ServiceSecrets secrets, TimeProvider clock)
    : IApiKeyAuthenticator
{
    public async Task<AuthenticationOutcome> AuthenticateAsync(string presentedKey, CancellationToken cancellationToken)
    {
        var hash = VirtualKeySecrets.HashKey(presentedKey);
        if (CryptographicOperations.FixedTimeEquals(Convert.FromHexString(hash), secrets.MasterKeyHash))
        {
            return AuthenticationOutcome.Success(new AuthenticatedCaller(SpecialValues.DefaultUserId, UserRole.ProxyAdmin, hash));
        }

        if (!presentedKey.StartsWith("sk-", StringComparison.Ordinal))
        {
            return AuthenticationOutcome.Fail("Authentication Error, invalid API key: a virtual key starts with 'sk-'.");
        }

        var key = await LookUpAsync(hash, cancellationToken);
        if (key is null)
        {
            return AuthenticationOutcome.Fail(
                $"Authentication Error, Invalid proxy server token passed. Received API Key = {VirtualKeySecrets.DisplayName(presentedKey)}. Unable to find token.");
        }

        if (key.Blocked)
        {
            return AuthenticationOutcome.Fail("Authentication Error, Key is blocked. Update via `/key/unblock` if you're admin.");
        }

        if (key.TeamBlocked)
        {
            return AuthenticationOutcome.Fail("Authentication Error, the key's team is blocked. A proxy admin can unblock it via `/team/unblock`.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (key.Expires is { } expires && expires <= now)
        {
            return AuthenticationOutcome.Fail($"Authentication Error - Expired Key. Key Expiry time {expires:O} and current time {now:O}");
        }

        return AuthenticationOutcome.Success(new AuthenticatedCaller(key.UserId ?? SpecialValues.DefaultUserId, key.Role, hash));
    }

    private async Task<StoredKey?> LookUpAsync(string hash, CancellationToken cancellationToken)
    {
        if (cache.TryGet(hash, out var cached))
        {
            return cached;
        }

        var generation = cache.CurrentGeneration;
        var stored = await (
                from key in db.VirtualKeys.AsNoTracking()
                where key.Token == hash
                join user in db.Users.AsNoTracking() on key.UserId equals user.UserId into owners
                from owner in owners.DefaultIfEmpty()
                join team in db.Teams.AsNoTracking() on key.TeamId equals team.TeamId into teams
                from keyTeam in teams.DefaultIfEmpty()
                select new StoredKey(
                    key.UserId,
                    owner == null ? UserRole.InternalUser : owner.UserRole,
                    key.Blocked,
                    keyTeam != null && keyTeam.Blocked,
                    key.Expires))
            .SingleOrDefaultAsync(cancellationToken);
        cache.Set(generation, hash, stored);
        return stored;
    }
}
