using ProxyAdmin.Application.Common.Secrets;
using ProxyAdmin.Application.Models;

namespace ProxyAdmin.Application.Credentials.Queries.GetCredentialByModel;

/// <summary>
/// <c>GET /credentials/by_model/{model_id}</c>: the credential a deployment uses, masked. A model with a stored credential
/// shows that credential (to a non-admin, its name only); any other shows its own credential parameters, named
/// <c>{model_name}-credential-{model_id}</c> as LiteLLM names them. For anyone who may see the model; 404 otherwise.
/// </summary>
[Authorize(AccessPolicy.SelfServiceRead)]
public sealed record GetCredentialByModelQuery(string ModelId) : IQuery<CredentialDto>;

public sealed class GetCredentialByModelQueryValidator : AbstractValidator<GetCredentialByModelQuery>
{
    public GetCredentialByModelQueryValidator() =>
        RuleFor(q => q.ModelId).NotEmpty().WithMessage("'model_id' is required in the path.");
}

public sealed class GetCredentialByModelQueryHandler(DeploymentCredentials deployments, ModelVisibility visibility, CredentialPresenter presenter, ICurrentCaller caller)
    : IQueryHandler<GetCredentialByModelQuery, CredentialDto>
{
    public async ValueTask<CredentialDto> Handle(GetCredentialByModelQuery query, CancellationToken cancellationToken)
    {
        var found = await deployments.FindAsync(query.ModelId, cancellationToken);
        if (found is null || !(await visibility.ForCallerAsync(cancellationToken)).Allows(found.TeamId, found.ModelName))
        {
            throw new NotFoundException("Model not found", "model_id");
        }

        if (found.Stored is { } stored)
        {
            return caller.ReadsEverything() ? presenter.Present(stored) : CredentialPresenter.NameOnly(stored.CredentialName);
        }

        return new CredentialDto
        {
            CredentialName = $"{found.PublicName}-credential-{query.ModelId}",
            CredentialValues = SealedValues.Mask(found.OwnValues),
            CredentialInfo = [],
            DecryptionError = found.Unreadable.Count == 0
                ? null
                : $"Could not decrypt litellm_params {string.Join(", ", found.Unreadable)} of model {query.ModelId}: the values were tampered with or sealed under a salt key that is no longer configured.",
        };
    }
}
