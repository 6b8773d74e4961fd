using System.Text.Json.Nodes;

namespace ProxyAdmin.Application.Budgets.Queries.GetBudgetSettings;

/// <summary>
/// <c>GET /budget/settings?budget_id=</c>: the fields a budget row can set, each with its type, description and current
/// value, in LiteLLM's order and words. Proxy admins and admin viewers; an unknown id is a 404 (LiteLLM answers the
/// fields with no values).
/// </summary>
[Authorize(AccessPolicy.AdminRead)]
public sealed record GetBudgetSettingsQuery(string BudgetId) : IQuery<List<BudgetSettingDto>>;

public sealed class GetBudgetSettingsQueryValidator : AbstractValidator<GetBudgetSettingsQuery>
{
    public GetBudgetSettingsQueryValidator() => RuleFor(q => q.BudgetId).NotEmpty().WithMessage("'budget_id' is required.");
}

public sealed class GetBudgetSettingsQueryHandler(IBudgetRepository budgets) : IQueryHandler<GetBudgetSettingsQuery, List<BudgetSettingDto>>
{
    public async ValueTask<List<BudgetSettingDto>> Handle(GetBudgetSettingsQuery query, CancellationToken cancellationToken)
    {
        var budget = await budgets.GetAsync(query.BudgetId, cancellationToken) ?? throw BudgetErrors.BudgetNotFound(query.BudgetId);
        return
        [
            Setting("max_budget", "Float", "Requests will fail if this budget (in USD) is exceeded.", budget.MaxBudget),
            Setting("soft_budget", "Float", "Requests will NOT fail if this is exceeded. Will fire alerting though.", budget.SoftBudget),
            Setting("max_parallel_requests", "Integer", "Max concurrent requests allowed for this budget id.", budget.MaxParallelRequests),
            Setting("tpm_limit", "Integer", "Max tokens per minute, allowed for this budget id.", budget.TpmLimit),
            Setting("rpm_limit", "Integer", "Max requests per minute, allowed for this budget id.", budget.RpmLimit),
            Setting("budget_duration", "String", "Max duration budget should be set for (e.g. '1hr', '1d', '28d')", budget.BudgetDuration),
            Setting(
                "model_max_budget",
                "Object",
                "Max budget for each model (e.g. {'gpt-4o': {'max_budget': '0.0000001', 'budget_duration': '1d', 'tpm_limit': 1000, 'rpm_limit': 1000}})",
                budget.ModelMaxBudget?.DeepClone()),
        ];
    }

    private static BudgetSettingDto Setting(string name, string type, string description, JsonNode? value) => new()
    {
        FieldName = name,
        FieldType = type,
        FieldDescription = description,
        FieldValue = value,
        StoredInDb = true,
        FieldDefaultValue = null,
    };
}
