using ProxyAdmin.Application.Budgets.Commands.CreateBudget;
using ProxyAdmin.Application.Budgets.Commands.UpdateBudget;
using ProxyAdmin.Domain.Budgets;
using Riok.Mapperly.Abstractions;

namespace ProxyAdmin.Application.Budgets;

[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class BudgetMapper
{
    public static partial BudgetDto ToDto(this Budget source);

    [MapperIgnoreSource(nameof(CreateBudgetCommand.BudgetId))]
    public static partial BudgetSettings ToSettings(this CreateBudgetCommand source);

    [MapperIgnoreSource(nameof(UpdateBudgetCommand.BudgetId))]
    public static partial BudgetSettings ToSettings(this UpdateBudgetCommand source);
}
