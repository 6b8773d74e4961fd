using Ardalis.Specification;
using ProxyAdmin.Application.Common.Specifications;

namespace ProxyAdmin.Infrastructure.Data.Repositories;

/// <summary>
/// The specification evaluator. Ardalis.Specification's EF Core evaluator package is not served here, so this is
/// the small part of it ProxyAdmin uses: the package's own where, order and paging evaluators, plus includes and
/// tracking, which need EF Core. Reads are untracked unless the specification asks for tracking; counts apply
/// the criteria only.
/// </summary>
internal sealed class ReadRepository(ProxyAdminDbContext db) : IReadRepository
{
    public Task<List<T>> ListAsync<T>(ISpecification<T> specification, CancellationToken cancellationToken)
        where T : class =>
        Query(specification).ToListAsync(cancellationToken);

    public Task<int> CountAsync<T>(ISpecification<T> specification, CancellationToken cancellationToken)
        where T : class =>
        WhereEvaluator.Instance.GetQuery(db.Set<T>().AsNoTracking(), specification).CountAsync(cancellationToken);

    public async Task<int> CountAllAsync<T>(CancellationToken cancellationToken)
        where T : class
    {
        var table = db.Model.FindEntityType(typeof(T))?.GetTableName();
        if (table is null || !RowCount.CountedTables.Contains(table))
        {
            throw new NotSupportedException($"The rows of {typeof(T).Name} are not counted by the database.");
        }

        var count = await db.RowCounts.AsNoTracking().Where(r => r.TableName == table).Select(r => r.Count).SingleAsync(cancellationToken);
        return (int)Math.Min(count, int.MaxValue);
    }

    public IAsyncEnumerable<T> StreamAsync<T>(ISpecification<T> specification)
        where T : class =>
        Query(specification).AsAsyncEnumerable();

    private IQueryable<T> Query<T>(ISpecification<T> specification)
        where T : class
    {
        if (specification.IncludeStrings.Any() || specification.SearchCriterias.Any())
        {
            // Not evaluated here; refusing them is better than silently returning more than the specification asks for.
            throw new NotSupportedException($"{specification.GetType().Name} uses include strings or search criteria, which ProxyAdmin's evaluator does not apply.");
        }

        IQueryable<T> query = db.Set<T>();
        query = specification.AsTracking ? query.AsTracking() : query.AsNoTracking();
        query = WhereEvaluator.Instance.GetQuery(query, specification);
        foreach (var include in specification.IncludeExpressions)
        {
            query = query.Include(IncludePath(include));
        }

        query = OrderEvaluator.Instance.GetQuery(query, specification);
        return PaginationEvaluator.Instance.GetQuery(query, specification);
    }

    /// <summary>
    /// <c>Include(p =&gt; p.Budget)</c> as EF's navigation path <c>"Budget"</c>; a <c>ThenInclude</c> continues the path of
    /// the include before it.
    /// </summary>
    private static string IncludePath(IncludeExpressionInfo include) =>
        include.Type == IncludeTypeEnum.Include && include.LambdaExpression.Body is System.Linq.Expressions.MemberExpression member
            ? member.Member.Name
            : throw new NotSupportedException("Only single-navigation includes (Include(x => x.Navigation)) are evaluated.");
}
