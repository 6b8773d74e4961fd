using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Application.Budgets.Commands.UpdateBudget;

/// <summary>
/// <c>POST /budget/update</c>: changes the fields sent (<c>model_max_budget</c> is merged; a null entry removes that
/// model's budget). Proxy admins only. The row may be shared, so the new limits are checked against every team whose
/// projects link it (<see cref="BudgetLimits"/>); an unknown id is a 404 (LiteLLM: an unhandled error).
/// </summary>
[Authorize(AccessPolicy.ProxyAdmin, Refusal = "Only proxy admins can update budgets")]
public sealed record UpdateBudgetCommand : BudgetRequestFields, ICommand<BudgetDto>
{
    public required string BudgetId { get; init; }
}

public sealed class UpdateBudgetCommandValidator : AbstractValidator<UpdateBudgetCommand>
{
    public UpdateBudgetCommandValidator()
    {
        RuleFor(c => c.BudgetId).NotEmpty().WithMessage("budget_id is required");
        Include(new BudgetFieldsValidator());
    }
}

public sealed class UpdateBudgetCommandHandler(
    IBudgetRepository budgets,
    IAuditTrail audit,
    IUnitOfWork unitOfWork,
    ICurrentCaller caller,
    EntityTags tags,
    TimeProvider clock) : ICommandHandler<UpdateBudgetCommand, BudgetDto>
{
    public async ValueTask<BudgetDto> Handle(UpdateBudgetCommand command, CancellationToken cancellationToken)
    {
        var budget = await budgets.GetAsync(command.BudgetId, cancellationToken) ?? throw BudgetErrors.BudgetNotFound(command.BudgetId);
        tags.EnsureCurrent(AuditTables.Budgets, budget.BudgetId, budget.Version);
        var changes = command.ToSettings();
        await budgets.EnsureWithinLinkingTeamsAsync(budget, changes, exceptProjectId: null, cancellationToken);

        var before = budget.ToDto();
        budget.Update(changes, caller.Stamp(clock));
        var after = budget.ToDto();
        audit.Record(AuditAction.Updated, AuditTables.Budgets, budget.BudgetId, before, after);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        tags.Answer(AuditTables.Budgets, budget.BudgetId, budget.Version);
        return after;
    }
}
