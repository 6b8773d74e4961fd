using System.Security.Cryptography;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Keys;
using ProxyAdmin.Domain.Users;
using ProxyAdmin.Infrastructure.Data;

namespace ProxyAdmin.Infrastructure.Security;

/// <summary>
/// Authentication: which key was presented and whose it is; whether a stored key may act is the domain's rule
/// (<see cref="KeyValidity"/>). The master key is <c>proxy_admin</c> (recorded as <c>default_user_id</c>); a virtual
/// key owned by a user takes that user's role; a key without a user is a service account, its own identity, whose
/// role comes from no row at all. A key stored under a reserved id (LiteLLM writes <c>default_user_id</c>) is
/// treated as having no user, so a user row under that id can never lend a key its role.
/// Failure messages never repeat more of a presented key than its last four characters. Authentication may answer
/// from the key cache; <see cref="ReauthenticateAsync"/>, which every command runs inside its transaction, never does.
/// </summary>
internal sealed class ApiKeyAuthenticator(ProxyAdminDbContext db, KeyLookupCache cache, ServiceSecrets secrets, TimeProvider clock)
    : IApiKeyAuthenticator
{
    public async Task<AuthenticationOutcome> AuthenticateAsync(string presentedKey, CancellationToken cancellationToken)
    {
        var hash = VirtualKeySecrets.HashKey(presentedKey);
        if (IsMasterKey(hash))
        {
            return AuthenticationOutcome.Success(Principal.ForMasterKey(hash));
        }

        if (!KeyValidity.LooksLikeVirtualKey(presentedKey))
        {
            return AuthenticationOutcome.Fail(KeyValidity.NotAVirtualKey);
        }

        return Judge(hash, await CachedLookUpAsync(hash, cancellationToken), presentedKey);
    }

    public async Task<AuthenticationOutcome> ReauthenticateAsync(Principal principal, CancellationToken cancellationToken)
    {
        // The master key is configuration, not a row: nothing in the database can revoke it.
        if (principal.Kind == PrincipalKind.MasterKey && IsMasterKey(principal.KeyToken))
        {
            return AuthenticationOutcome.Success(principal);
        }

        return Judge(principal.KeyToken, await LookUpAsync(principal.KeyToken, cancellationToken), presentedKey: null);
    }

    private bool IsMasterKey(string hash)
    {
        Span<byte> bytes = stackalloc byte[SHA256.HashSizeInBytes];
        return Convert.FromHexString(hash, bytes, out _, out var written) == System.Buffers.OperationStatus.Done
            && CryptographicOperations.FixedTimeEquals(bytes[..written], secrets.MasterKeyHash);
    }

    /// <param name="presentedKey">The key as sent, if this is its first authentication; a failure names it by its last four
    /// characters only.</param>
    private AuthenticationOutcome Judge(string hash, StoredKey? key, string? presentedKey)
    {
        if (key is null)
        {
            var received = presentedKey is null ? string.Empty : $" Received API Key = {VirtualKeySecrets.DisplayName(presentedKey)}.";
            return AuthenticationOutcome.Fail($"Authentication Error, Invalid proxy server token passed.{received} Unable to find token.");
        }

        if (KeyValidity.Refusal(key.Blocked, key.TeamBlocked, key.Expires, clock.GetUtcNow().UtcDateTime, key.BlockedProjectId) is { } refusal)
        {
            return AuthenticationOutcome.Fail(refusal);
        }

        return AuthenticationOutcome.Success(
            key.UserId is { } userId && !ReservedUserIds.IsReserved(userId)
                ? Principal.ForUser(userId, key.OwnerRole ?? UserRole.InternalUser, hash)
                : Principal.ForServiceAccount(hash, key.TeamId));
    }

    private async Task<StoredKey?> CachedLookUpAsync(string hash, CancellationToken cancellationToken)
    {
        if (cache.TryGet(hash, KeyCacheMetrics.Authentication, out var cached))
        {
            return cached;
        }

        var generation = cache.CurrentGeneration;
        var stored = await LookUpAsync(hash, cancellationToken);
        cache.Set(generation, hash, stored);
        return stored;
    }

    private Task<StoredKey?> LookUpAsync(string hash, CancellationToken cancellationToken) => LookUp.For(db)(db, hash, cancellationToken);

    private static readonly CompiledPerModel<Func<ProxyAdminDbContext, string, CancellationToken, Task<StoredKey?>>> LookUp = new(() =>
        EF.CompileAsyncQuery((ProxyAdminDbContext context, string hash, CancellationToken _) => (
                from key in context.VirtualKeys.AsNoTracking()
                where key.Token == hash
                join user in context.Users.AsNoTracking() on key.UserId equals user.UserId into owners
                from owner in owners.DefaultIfEmpty()
                join team in context.Teams.AsNoTracking() on key.TeamId equals team.TeamId into teams
                from keyTeam in teams.DefaultIfEmpty()
                join project in context.Projects.AsNoTracking() on key.ProjectId equals project.ProjectId into projects
                from keyProject in projects.DefaultIfEmpty()
                select new StoredKey(
                    key.UserId,
                    owner == null ? null : owner.UserRole,
                    key.TeamId,
                    key.Blocked,
                    keyTeam != null && keyTeam.Blocked,
                    key.Expires,
                    keyProject != null && keyProject.Blocked ? keyProject.ProjectId : null,
                    key.AllowedRoutes))
            .SingleOrDefault()));
}
