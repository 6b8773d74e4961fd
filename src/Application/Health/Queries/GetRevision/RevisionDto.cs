namespace ProxyAdmin.Application.Health.Queries.GetRevision;

public sealed record RevisionDto
{
    /// <summary>
    /// The highest database revision this replica has applied: every change committed up to it, through any replica, is
    /// honoured by this one. Compare with the <c>x-proxyadmin-revision</c> header of a write.
    /// </summary>
    public required long Revision { get; init; }
}
