namespace ProxyAdmin.Application.Health.Queries.GetRevision;

/// <summary>
/// <c>GET /health/revision</c>: the database revision this replica has applied, so an operator can see how far each
/// replica behind a load balancer has got. Proxy admins and admin viewers.
/// </summary>
[Authorize(AccessPolicy.AdminRead)]
public sealed record GetRevisionQuery : IQuery<RevisionDto>;

public sealed class GetRevisionQueryHandler(IAppliedRevision revision) : IQueryHandler<GetRevisionQuery, RevisionDto>
{
    public ValueTask<RevisionDto> Handle(GetRevisionQuery query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new RevisionDto { Revision = revision.Applied });
}
