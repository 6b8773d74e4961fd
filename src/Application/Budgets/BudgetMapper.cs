using ProxyAdmin.Domain.Budgets;
using Riok.Mapperly.Abstractions;

namespace ProxyAdmin.Application.Budgets;

[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class BudgetMapper
{
    public static partial BudgetDto ToDto(this Budget source);

    public static partial BudgetSettings ToSettings(this BudgetRequestFields source);
}
