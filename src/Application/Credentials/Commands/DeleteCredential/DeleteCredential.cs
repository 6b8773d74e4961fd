using ProxyAdmin.Application.Models;
using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Application.Credentials.Commands.DeleteCredential;

/// <summary>
/// <c>DELETE /credentials/{credential_name}</c>: deletes a credential no model uses (409 naming the models that do;
/// LiteLLM deletes it and leaves them pointing at nothing). Proxy admins only.
/// </summary>
[Authorize(AccessPolicy.ProxyAdmin, Refusal = "Only proxy admins can delete credentials")]
public sealed record DeleteCredentialCommand(string CredentialName) : ICommand<CredentialWriteResultDto>;

public sealed class DeleteCredentialCommandValidator : AbstractValidator<DeleteCredentialCommand>
{
    public DeleteCredentialCommandValidator() =>
        RuleFor(c => c.CredentialName).NotEmpty().WithMessage("'credential_name' is required in the path.");
}

public sealed class DeleteCredentialCommandHandler(
    ICredentialRepository credentials,
    IModelRepository models,
    CredentialPresenter presenter,
    IAuditTrail audit,
    IUnitOfWork unitOfWork,
    EntityTags tags) : ICommandHandler<DeleteCredentialCommand, CredentialWriteResultDto>
{
    public async ValueTask<CredentialWriteResultDto> Handle(DeleteCredentialCommand command, CancellationToken cancellationToken)
    {
        var credential = await credentials.GetAsync(command.CredentialName, cancellationToken) ?? throw CredentialErrors.NotFound(command.CredentialName);
        tags.EnsureCurrent(AuditTables.Credentials, credential.CredentialId, credential.Version);
        var users = await models.ModelIdsUsingCredentialAsync(credential.CredentialName, cancellationToken);
        if (users.Count > 0)
        {
            throw CredentialErrors.InUse(credential.CredentialName, users);
        }

        var deleted = presenter.Present(credential);
        credentials.Remove(credential);
        audit.Record(AuditAction.Deleted, AuditTables.Credentials, credential.CredentialName, before: deleted, after: null);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return new CredentialWriteResultDto { Message = "Credential deleted successfully", Credential = deleted };
    }
}
