namespace ProxyAdmin.Application.Credentials.Queries.ListCredentials;

/// <summary>
/// <c>GET /credentials</c>: every credential, values masked, for proxy admins and admin viewers; for a team admin the
/// names of the credentials its teams' models use; for anyone else none.
/// </summary>
[Authorize(AccessPolicy.SelfServiceRead)]
public sealed record ListCredentialsQuery : IQuery<CredentialListDto>;

public sealed class ListCredentialsQueryHandler(ICredentialRepository credentials, CredentialVisibility visibility, CredentialPresenter presenter)
    : IQueryHandler<ListCredentialsQuery, CredentialListDto>
{
    public async ValueTask<CredentialListDto> Handle(ListCredentialsQuery query, CancellationToken cancellationToken)
    {
        var visible = await visibility.NamesVisibleToCallerAsync(cancellationToken);
        if (visible is not null)
        {
            return new CredentialListDto { Credentials = visible.Order(StringComparer.Ordinal).Select(CredentialPresenter.NameOnly).ToList() };
        }

        var all = await credentials.ListAsync(cancellationToken);
        return new CredentialListDto { Credentials = all.ConvertAll(presenter.Present) };
    }
}
