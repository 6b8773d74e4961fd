using ProxyAdmin.Application.Common.Idempotency;
using ProxyAdmin.Application.Common.Validation;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Budgets;

namespace ProxyAdmin.Application.Budgets.Commands.CreateBudget;

/// <summary>
/// <c>POST /budget/new</c>: a budget row that projects, keys and team memberships then link by <c>budget_id</c>, and that
/// stays until <c>/budget/delete</c> (deleting the projects that link it leaves it).
/// Proxy admins only: a row may be shared, and only they may link one (LiteLLM lets any key create one). An id the
/// caller chose that exists already is a 409 with LiteLLM's message (LiteLLM: 400). A <c>budget_duration</c> without a
/// <c>budget_reset_at</c> starts its first period now.
/// </summary>
[Authorize(AccessPolicy.ProxyAdmin, Refusal = "Only proxy admins can create budgets")]
public sealed record CreateBudgetCommand : BudgetRequestFields, ICommand<BudgetDto>, IIdempotentCommand
{
    /// <summary>Chosen by the caller, or a new uuid.</summary>
    public string? BudgetId { get; init; }
}

public sealed class CreateBudgetCommandValidator : AbstractValidator<CreateBudgetCommand>
{
    public CreateBudgetCommandValidator()
    {
        Include(new BudgetFieldsValidator());
        RuleFor(c => c.BudgetId).Identifier(Budget.IdMaxLength);
    }
}

public sealed class CreateBudgetCommandHandler(
    IBudgetRepository budgets,
    IAuditTrail audit,
    IUnitOfWork unitOfWork,
    ICurrentCaller caller,
    TimeProvider clock) : ICommandHandler<CreateBudgetCommand, BudgetDto>
{
    public async ValueTask<BudgetDto> Handle(CreateBudgetCommand command, CancellationToken cancellationToken)
    {
        if (command.BudgetId is { } chosen && await budgets.GetAsync(chosen, cancellationToken) is not null)
        {
            throw BudgetErrors.AlreadyExists(chosen);
        }

        var budget = Budget.CreateStandalone(command.ToSettings(), caller.Stamp(clock), command.BudgetId);
        budgets.Add(budget);
        var created = budget.ToDto();
        audit.Record(AuditAction.Created, AuditTables.Budgets, budget.BudgetId, before: null, created);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return created;
    }
}
