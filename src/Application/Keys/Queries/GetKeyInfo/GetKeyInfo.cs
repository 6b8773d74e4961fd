using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Application.Keys.Queries.GetKeyInfo;

/// <summary>
/// <c>GET /key/info?key=</c>: a key by secret or hash; without <c>key</c>, the key the caller
/// authenticated with. Non-admins see only their own keys.
/// </summary>
[Authorize(AccessPolicy.SelfServiceRead, ServiceAccounts = true)]
public sealed record GetKeyInfoQuery(string? Key) : IQuery<KeyInfoDto>;

public sealed class GetKeyInfoQueryHandler(IVirtualKeyRepository keys, IVirtualKeySecrets secrets, ICurrentCaller caller, EntityTags tags)
    : IQueryHandler<GetKeyInfoQuery, KeyInfoDto>
{
    public async ValueTask<KeyInfoDto> Handle(GetKeyInfoQuery query, CancellationToken cancellationToken)
    {
        var hash = string.IsNullOrEmpty(query.Key) ? caller.Principal.KeyToken : secrets.ToHash(query.Key);
        var presented = query.Key ?? hash;
        var key = caller.EnsureReadable(await keys.ReadByTokenAsync(hash, cancellationToken), presented);
        tags.Answer(AuditTables.Keys, key.Token, key.Version);
        return new KeyInfoDto { Key = KeyAccess.Describe(presented), Info = key.ToDto() };
    }
}
