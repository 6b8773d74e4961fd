using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Metadata;

namespace ProxyAdmin.Infrastructure.Data;

/// <summary>
/// An EF Core compiled query (<see cref="EF.CompileAsyncQuery{TContext, TParam1, TResult}(System.Linq.Expressions.Expression{Func{TContext, TParam1, TResult}})"/>)
/// made once per model. EF binds a compiled query to the first model it runs against and refuses every other one
/// ("CompiledQueryDifferentModel"), and one process can hold several models: each provider's context type has its own,
/// and so does every host a test or the benchmark starts. Compiled queries pay on the hot reads (every
/// <c>/key/info</c>, <c>/project/info</c> and key lookup): a LINQ query is otherwise rebuilt as an expression tree,
/// parameter-extracted and looked up in EF's query cache on every call.
/// </summary>
/// <typeparam name="TQuery">The delegate <c>EF.CompileAsyncQuery</c> returns.</typeparam>
internal sealed class CompiledPerModel<TQuery>(Func<TQuery> compile)
    where TQuery : Delegate
{
    // Weak on the model: a model that is no longer used (a disposed test host's) takes its compiled query with it.
    private readonly ConditionalWeakTable<IModel, TQuery> _byModel = new();

    private readonly ConditionalWeakTable<IModel, TQuery>.CreateValueCallback _create = _ => compile();

    public TQuery For(DbContext context) => _byModel.GetValue(context.Model, _create);
}
