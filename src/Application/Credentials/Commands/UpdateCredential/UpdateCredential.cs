using System.Text.Json.Nodes;
using ProxyAdmin.Application.Common.Secrets;
using ProxyAdmin.Application.Common.Validation;
using ProxyAdmin.Application.Models;
using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Application.Credentials.Commands.UpdateCredential;

/// <summary>
/// <c>PATCH /credentials/{credential_name}</c>: merges the values and info sent into the stored credential (a null
/// removes that entry; what is not sent stays) and renames it when <c>credential_name</c> differs; the models that use
/// it follow the rename, each audited. Proxy admins only.
/// </summary>
[Authorize(AccessPolicy.ProxyAdmin, Refusal = "Only proxy admins can update credentials")]
public sealed record UpdateCredentialCommand(string CredentialName, UpdateCredentialRequest Changes) : ICommand<CredentialWriteResultDto>;

/// <summary>The body of <c>PATCH /credentials/{credential_name}</c>: every field optional.</summary>
public sealed record UpdateCredentialRequest
{
    /// <summary>A new name; the models that use the credential follow it.</summary>
    public string? CredentialName { get; init; }

    /// <summary>Values to set (encrypted at rest); a null removes that value.</summary>
    public JsonObject? CredentialValues { get; init; }

    /// <summary>Info entries to set; a null removes that entry.</summary>
    public JsonObject? CredentialInfo { get; init; }
}

public sealed class UpdateCredentialCommandValidator : AbstractValidator<UpdateCredentialCommand>
{
    public UpdateCredentialCommandValidator()
    {
        RuleFor(c => c.CredentialName).NotEmpty().WithMessage("'credential_name' is required in the path.");
        RuleFor(c => c.Changes.CredentialName).ValidCredentialName().When(c => c.Changes.CredentialName is not null);
        RuleFor(c => c.Changes.CredentialValues).JsonSize();
        RuleFor(c => c.Changes.CredentialInfo).JsonSize();
    }
}

public sealed class UpdateCredentialCommandHandler(
    ICredentialRepository credentials,
    IModelRepository models,
    SealedValues sealedValues,
    CredentialPresenter presenter,
    ModelPresenter modelPresenter,
    IAuditTrail audit,
    IUnitOfWork unitOfWork,
    ICurrentCaller caller,
    EntityTags tags,
    TimeProvider clock) : ICommandHandler<UpdateCredentialCommand, CredentialWriteResultDto>
{
    public async ValueTask<CredentialWriteResultDto> Handle(UpdateCredentialCommand command, CancellationToken cancellationToken)
    {
        var credential = await credentials.GetAsync(command.CredentialName, cancellationToken) ?? throw CredentialErrors.NotFound(command.CredentialName);
        tags.EnsureCurrent(AuditTables.Credentials, credential.CredentialId, credential.Version);
        var changes = command.Changes;
        var newName = changes.CredentialName is { } requested && requested != credential.CredentialName ? requested : null;
        if (newName is not null && await credentials.ExistsAsync(newName, cancellationToken))
        {
            throw CredentialErrors.NameTaken(newName);
        }

        var stamp = caller.Stamp(clock);
        var before = presenter.Present(credential);
        credential.MergeChanges(sealedValues.SealChanges(changes.CredentialValues), changes.CredentialInfo, stamp);
        if (newName is not null)
        {
            foreach (var model in await models.GetByCredentialAsync(credential.CredentialName, cancellationToken))
            {
                var modelBefore = modelPresenter.Present(model);
                model.FollowCredentialRename(newName, stamp);
                audit.Record(AuditAction.Updated, AuditTables.Models, model.ModelId, modelBefore, modelPresenter.Present(model));
            }

            credential.Rename(newName, stamp);
        }

        var after = presenter.Present(credential);
        audit.Record(AuditAction.Updated, AuditTables.Credentials, command.CredentialName, before, after);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        tags.Answer(AuditTables.Credentials, credential.CredentialId, credential.Version);
        return new CredentialWriteResultDto { Message = "Credential updated successfully", Credential = after };
    }
}
