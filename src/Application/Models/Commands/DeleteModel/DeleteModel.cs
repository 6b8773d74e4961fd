using ProxyAdmin.Application.Teams;
using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Application.Models.Commands.DeleteModel;

/// <summary>
/// <c>POST /model/delete</c> with <c>{"id"}</c>: deletes a DB deployment. A team model's public name and
/// alias leave the team only when no sibling deployment still serves that name. A model the caller may not see
/// is answered as a missing one: <c>Model with id=… not found in db</c> (LiteLLM's text, with 404 for its 400).
/// </summary>
[Authorize(AccessPolicy.SelfServiceWrite)]
public sealed record DeleteModelCommand(string Id) : ICommand<DeletedModelDto>;

public sealed class DeleteModelCommandValidator : AbstractValidator<DeleteModelCommand>
{
    public DeleteModelCommandValidator() => RuleFor(c => c.Id).NotEmpty().WithMessage("'id' is required: the model_info.id of the model to delete.");
}

public sealed class DeleteModelCommandHandler(
    IModelRepository models,
    ModelAccess access,
    TeamModelLinks links,
    ModelPresenter presenter,
    IAuditTrail audit,
    IUnitOfWork unitOfWork,
    ICurrentCaller caller,
    TimeProvider clock,
    ModelManagementSettings settings,
    EntityTags tags) : ICommandHandler<DeleteModelCommand, DeletedModelDto>
{
    public async ValueTask<DeletedModelDto> Handle(DeleteModelCommand command, CancellationToken cancellationToken)
    {
        if (!settings.StoreModelInDb)
        {
            throw new BadRequestException("Model writes are disabled: ProxyAdmin__StoreModelInDb is false, so only config models exist.");
        }

        var model = await access.FindWritableAsync(
            command.Id,
            () => new NotFoundException($"Model with id={command.Id} not found in db", "id"),
            () => new BadRequestException("Cannot delete config-based model. Remove it from the config file instead.", "id"),
            cancellationToken);
        var team = await access.EnsureCanWriteAsync(model.TeamId, teamMayBeGone: true, cancellationToken);
        tags.EnsureCurrent(AuditTables.Models, model.ModelId, model.Version);

        audit.Record(AuditAction.Deleted, AuditTables.Models, model.ModelId, presenter.Present(model), after: null);
        if (team is not null)
        {
            var before = team.ToDto();
            await links.UnlinkAsync(team, model, model.PublicName, model.ModelName, caller.Stamp(clock), cancellationToken);
            audit.Record(AuditAction.Updated, AuditTables.Teams, team.TeamId, before, team.ToDto());
        }

        models.Remove(model);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return new DeletedModelDto { Message = $"Model: {model.ModelId} deleted successfully" };
    }
}
