using ProxyAdmin.Api.OpenApi;
using ProxyAdmin.Application.Budgets;
using ProxyAdmin.Application.Budgets.Commands.CreateBudget;
using ProxyAdmin.Application.Budgets.Commands.DeleteBudget;
using ProxyAdmin.Application.Budgets.Commands.UpdateBudget;
using ProxyAdmin.Application.Budgets.Queries.GetBudgetInfo;
using ProxyAdmin.Application.Budgets.Queries.GetBudgetSettings;
using ProxyAdmin.Application.Budgets.Queries.ListBudgets;

namespace ProxyAdmin.Api.Controllers;

/// <summary>Budget rows that projects, keys and team memberships link by <c>budget_id</c> (LiteLLM's budget routes).</summary>
[Tags("budgets")]
public sealed class BudgetsController(ISender sender) : ApiControllerBase(sender)
{
    /// <summary>Creates a budget row to link by <c>budget_id</c>. Proxy admins.</summary>
    [RequestExample(
        "litellm/proxy/management_endpoints/budget_management_endpoints.py, new_budget",
        """
        {
          "budget_id": "team-alpha-monthly",
          "max_budget": 500,
          "soft_budget": 400,
          "budget_duration": "30d",
          "tpm_limit": 100000,
          "rpm_limit": 1000,
          "model_max_budget": {"openai/gpt-4o-mini": {"max_budget": 100.0, "budget_duration": "1d", "tpm_limit": 100000, "rpm_limit": 100000}}
        }
        """)]
    [HttpPost("/budget/new")]
    [ProducesResponseType<BudgetDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<BudgetDto>> Create(CreateBudgetCommand command, CancellationToken cancellationToken) =>
        await Sender.Send(command, cancellationToken);

    /// <summary>Changes the fields sent, within the limits of every team whose projects link the row. Proxy admins.</summary>
    [HttpPost("/budget/update")]
    [ProducesResponseType<BudgetDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<BudgetDto>> Update(UpdateBudgetCommand command, CancellationToken cancellationToken) =>
        await Sender.Send(command, cancellationToken);

    /// <summary>The rows of the ids asked for (<c>{"budgets": [...]}</c>) that exist. Proxy admins and admin viewers.</summary>
    [HttpPost("/budget/info")]
    [ProducesResponseType<List<BudgetDto>>(StatusCodes.Status200OK)]
    public async Task<ActionResult<List<BudgetDto>>> Info(GetBudgetInfoQuery query, CancellationToken cancellationToken) =>
        await Sender.Send(query, cancellationToken);

    /// <summary>Every budget row, oldest first. Proxy admins and admin viewers.</summary>
    [HttpGet("/budget/list")]
    [ProducesResponseType<List<BudgetDto>>(StatusCodes.Status200OK)]
    public async Task<ActionResult<List<BudgetDto>>> List(CancellationToken cancellationToken) =>
        await Sender.Send(new ListBudgetsQuery(), cancellationToken);

    /// <summary>The settable fields of a budget row with their current values (LiteLLM's admin UI). Proxy admins and admin viewers.</summary>
    [HttpGet("/budget/settings")]
    [ProducesResponseType<List<BudgetSettingDto>>(StatusCodes.Status200OK)]
    public async Task<ActionResult<List<BudgetSettingDto>>> Settings([FromQuery(Name = "budget_id")] string? budgetId, CancellationToken cancellationToken) =>
        await Sender.Send(new GetBudgetSettingsQuery(budgetId ?? string.Empty), cancellationToken);

    /// <summary>Deletes a budget row nothing links (<c>{"id": ...}</c>) and answers it. Proxy admins.</summary>
    [HttpPost("/budget/delete")]
    [ProducesResponseType<BudgetDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult<BudgetDto>> Delete(DeleteBudgetCommand command, CancellationToken cancellationToken) =>
        await Sender.Send(command, cancellationToken);
}
