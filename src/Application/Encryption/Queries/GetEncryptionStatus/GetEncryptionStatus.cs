namespace ProxyAdmin.Application.Encryption.Queries.GetEncryptionStatus;

/// <summary>
/// <c>GET /encryption/status</c>: which salt keys the stored secrets are under, per table (done = rows wholly under the
/// active key, of the total), the keys still in use, those that can be removed, and the latest rotation run. Proxy
/// admins and admin viewers.
/// </summary>
[Authorize(AccessPolicy.AdminRead)]
public sealed record GetEncryptionStatusQuery : IQuery<EncryptionStatusDto>;

public sealed class GetEncryptionStatusQueryHandler(EncryptionInventory inventory) : IQueryHandler<GetEncryptionStatusQuery, EncryptionStatusDto>
{
    public async ValueTask<EncryptionStatusDto> Handle(GetEncryptionStatusQuery query, CancellationToken cancellationToken) =>
        await inventory.StatusAsync(cancellationToken);
}
