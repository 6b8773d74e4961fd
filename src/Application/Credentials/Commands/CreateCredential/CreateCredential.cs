using ProxyAdmin.Application.Common.Idempotency;
using System.Text.Json.Nodes;
using ProxyAdmin.Application.Common.Secrets;
using ProxyAdmin.Application.Common.Validation;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Credentials;

namespace ProxyAdmin.Application.Credentials.Commands.CreateCredential;

/// <summary>
/// <c>POST /credentials</c>: stores a named credential, every string value encrypted. The values are given, or copied
/// from a deployment's credential (<c>model_id</c>). Proxy admins only.
/// </summary>
[Authorize(AccessPolicy.ProxyAdmin, Refusal = "Only proxy admins can create credentials")]
public sealed record CreateCredentialCommand : ICommand<CredentialWriteResultDto>, IIdempotentCommand
{
    /// <summary>The unique name models reference in <c>litellm_params.litellm_credential_name</c>; may contain slashes.</summary>
    public required string CredentialName { get; init; }

    /// <summary>The provider values (<c>api_key</c>, <c>api_base</c>, …); required unless <see cref="ModelId"/> is given.</summary>
    public JsonObject? CredentialValues { get; init; }

    /// <summary>Free-form description (provider, purpose); stored plain, so never put a secret here.</summary>
    public JsonObject? CredentialInfo { get; init; }

    /// <summary>Copy the values from this deployment's credential instead of sending them.</summary>
    public string? ModelId { get; init; }
}

public sealed class CreateCredentialCommandValidator : AbstractValidator<CreateCredentialCommand>
{
    public CreateCredentialCommandValidator()
    {
        RuleFor(c => c.CredentialName).ValidCredentialName();
        RuleFor(c => c.CredentialValues)
            .NotNull()
            .When(c => c.ModelId is null)
            .WithMessage("Credential values are required. Send 'credential_values', or 'model_id' to copy a model's credential.");
        RuleFor(c => c.ModelId)
            .Null()
            .When(c => c.CredentialValues is not null)
            .WithMessage("Send 'credential_values' or 'model_id', not both: 'model_id' copies the values of that model's credential.");
        RuleFor(c => c.ModelId).NotEmpty().When(c => c.ModelId is not null).WithMessage("'model_id' must not be empty.");
        RuleFor(c => c.CredentialValues).JsonSize();
        RuleFor(c => c.CredentialInfo).JsonSize();
    }
}

public sealed class CreateCredentialCommandHandler(
    ICredentialRepository credentials,
    DeploymentCredentials deployments,
    SealedValues sealedValues,
    CredentialPresenter presenter,
    IAuditTrail audit,
    IUnitOfWork unitOfWork,
    ICurrentCaller caller,
    TimeProvider clock) : ICommandHandler<CreateCredentialCommand, CredentialWriteResultDto>
{
    public async ValueTask<CredentialWriteResultDto> Handle(CreateCredentialCommand command, CancellationToken cancellationToken)
    {
        if (await credentials.ExistsAsync(command.CredentialName, cancellationToken))
        {
            throw CredentialErrors.NameTaken(command.CredentialName);
        }

        var values = command.ModelId is { } modelId ? await ValuesOfModelAsync(modelId, cancellationToken) : sealedValues.Seal(command.CredentialValues!);
        var credential = Credential.Create(command.CredentialName, values, command.CredentialInfo, caller.Stamp(clock));
        credentials.Add(credential);
        var created = presenter.Present(credential);
        audit.Record(AuditAction.Created, AuditTables.Credentials, credential.CredentialName, before: null, after: created);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return new CredentialWriteResultDto { Message = "Credential created successfully", Credential = created };
    }

    private async Task<JsonObject> ValuesOfModelAsync(string modelId, CancellationToken cancellationToken)
    {
        var found = await deployments.FindAsync(modelId, cancellationToken) ?? throw new NotFoundException("Model not found", "model_id");
        if (found.Stored is { } stored)
        {
            return stored.Values;
        }

        if (found.Unreadable.Count > 0)
        {
            throw new BadRequestException(
                $"The credential of model {modelId} cannot be copied: its {string.Join(", ", found.Unreadable)} could not be decrypted. Send 'credential_values' instead.",
                "model_id");
        }

        return found.OwnValues.Count > 0
            ? sealedValues.Seal(found.OwnValues)
            : throw new BadRequestException("Credential values are required. Unable to infer credential values from model ID.", "model_id");
    }
}
