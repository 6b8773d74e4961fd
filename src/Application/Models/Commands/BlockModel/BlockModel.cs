using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Application.Models.Commands.BlockModel;

/// <summary>
/// <c>POST /model/block</c> with <c>{"model_id"}</c>: the deployment stops serving requests (LiteLLM's pause). Proxy admins only (LiteLLM's
/// <c>_set_model_blocked_status</c>); a model the caller may not see is answered as a missing one, 404, before
/// the role is refused.
/// </summary>
[Authorize(AccessPolicy.SelfServiceWrite)]
public sealed record BlockModelCommand(string ModelId) : ICommand<ModelDto>;

public sealed class BlockModelCommandValidator : AbstractValidator<BlockModelCommand>
{
    public BlockModelCommandValidator() => RuleFor(c => c.ModelId).NotEmpty().WithMessage("'model_id' is required: the model_info.id of the model to block.");
}

public sealed class BlockModelCommandHandler(
    ModelAccess access,
    ModelPresenter presenter,
    IAuditTrail audit,
    IUnitOfWork unitOfWork,
    ICurrentCaller caller,
    TimeProvider clock,
    ModelManagementSettings settings) : ICommandHandler<BlockModelCommand, ModelDto>
{
    public async ValueTask<ModelDto> Handle(BlockModelCommand command, CancellationToken cancellationToken)
    {
        if (!settings.StoreModelInDb)
        {
            throw new BadRequestException("Model updates only supported for DB-stored models: ProxyAdmin__StoreModelInDb is false.");
        }

        var model = await access.FindWritableAsync(
            command.ModelId,
            () => new NotFoundException($"Model {command.ModelId} not found on proxy.", "model_id"),
            () => new BadRequestException("Cannot edit config-based model. Store model in DB via /model/new first.", "model_id"),
            cancellationToken);
        access.EnsureCanChangeBlocked();

        var before = presenter.Present(model);
        model.SetBlocked(true, caller.Stamp(clock));
        var after = presenter.Present(model);
        audit.Record(AuditAction.Blocked, AuditTables.Models, model.ModelId, before, after);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return after;
    }
}
