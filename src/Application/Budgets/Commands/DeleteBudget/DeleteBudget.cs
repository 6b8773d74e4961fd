using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Application.Budgets.Commands.DeleteBudget;

/// <summary>
/// <c>POST /budget/delete</c> with body <c>{"id": ...}</c>: deletes a budget row nothing links, and answers it. Proxy
/// admins only (LiteLLM's rule; it answers others 400, here 403). A row still linked by a project, key, team or team
/// member is a 409 naming them (LiteLLM: the database's foreign-key error); an unknown id is a 404.
/// </summary>
[Authorize(AccessPolicy.ProxyAdmin, Refusal = "Only proxy admins can delete budgets")]
public sealed record DeleteBudgetCommand : ICommand<BudgetDto>
{
    public required string Id { get; init; }
}

public sealed class DeleteBudgetCommandValidator : AbstractValidator<DeleteBudgetCommand>
{
    public DeleteBudgetCommandValidator()
    {
        RuleFor(c => c.Id).NotEmpty().WithMessage("'id' is required: the budget_id to delete.");
    }
}

public sealed class DeleteBudgetCommandHandler(
    IBudgetRepository budgets,
    IAuditTrail audit,
    IUnitOfWork unitOfWork,
    EntityTags tags) : ICommandHandler<DeleteBudgetCommand, BudgetDto>
{
    public async ValueTask<BudgetDto> Handle(DeleteBudgetCommand command, CancellationToken cancellationToken)
    {
        var budget = await budgets.GetAsync(command.Id, cancellationToken) ?? throw BudgetErrors.BudgetNotFound(command.Id, "id");
        tags.EnsureCurrent(AuditTables.Budgets, budget.BudgetId, budget.Version);
        var links = await budgets.ListLinksAsync(budget.BudgetId, BudgetErrors.LinksNamed, cancellationToken);
        if (links.Count > 0)
        {
            var total = await budgets.CountLinksAsync(budget.BudgetId, cancellationToken);
            throw BudgetErrors.StillLinked(budget.BudgetId, links, total);
        }

        var deleted = budget.ToDto();
        audit.Record(AuditAction.Deleted, AuditTables.Budgets, budget.BudgetId, deleted, after: null);
        budgets.Remove(budget);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return deleted;
    }
}
