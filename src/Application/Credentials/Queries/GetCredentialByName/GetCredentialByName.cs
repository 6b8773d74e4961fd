using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Application.Credentials.Queries.GetCredentialByName;

/// <summary>
/// <c>GET /credentials/by_name/{credential_name}</c>: the credential, values masked, for proxy admins and admin viewers;
/// its name alone for a team admin whose team's models use it; 404 for anyone else.
/// </summary>
[Authorize(AccessPolicy.SelfServiceRead)]
public sealed record GetCredentialByNameQuery(string CredentialName) : IQuery<CredentialDto>;

public sealed class GetCredentialByNameQueryValidator : AbstractValidator<GetCredentialByNameQuery>
{
    public GetCredentialByNameQueryValidator() =>
        RuleFor(q => q.CredentialName).NotEmpty().WithMessage("'credential_name' is required in the path.");
}

public sealed class GetCredentialByNameQueryHandler(ICredentialRepository credentials, CredentialVisibility visibility, CredentialPresenter presenter, EntityTags tags)
    : IQueryHandler<GetCredentialByNameQuery, CredentialDto>
{
    public async ValueTask<CredentialDto> Handle(GetCredentialByNameQuery query, CancellationToken cancellationToken)
    {
        var visible = await visibility.NamesVisibleToCallerAsync(cancellationToken);
        if (visible is not null)
        {
            // A name its models use exists (models can only reference stored credentials).
            return visible.Contains(query.CredentialName) ? CredentialPresenter.NameOnly(query.CredentialName) : throw CredentialErrors.NotFound(query.CredentialName);
        }

        var credential = await credentials.ReadAsync(query.CredentialName, cancellationToken) ?? throw CredentialErrors.NotFound(query.CredentialName);
        tags.Answer(AuditTables.Credentials, credential.CredentialId, credential.Version);
        return presenter.Present(credential);
    }
}
