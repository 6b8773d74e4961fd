using System.Linq.Expressions;

namespace ProxyAdmin.Application.Common.Specifications;

/// <summary>
/// A query over one entity type, described as data so handlers stay free of the ORM: filters, ordering
/// and paging. Infrastructure's evaluator turns it into SQL. Reads are untracked unless asked otherwise;
/// counts ignore paging.
/// </summary>
public abstract class Specification<T>
    where T : class
{
    private readonly List<Expression<Func<T, bool>>> _criteria = [];
    private readonly List<Func<IQueryable<T>, IQueryable<T>>> _orderings = [];
    private readonly List<Expression<Func<T, object?>>> _includes = [];

    public IReadOnlyList<Expression<Func<T, bool>>> Criteria => _criteria;

    /// <summary>Applied in order: the first is the primary sort key, the rest break ties.</summary>
    public IReadOnlyList<Func<IQueryable<T>, IQueryable<T>>> Orderings => _orderings;

    /// <summary>Related entities loaded with the results (owned collections always are).</summary>
    public IReadOnlyList<Expression<Func<T, object?>>> Includes => _includes;

    public int? Skip { get; private set; }
    public int? Take { get; private set; }
    public bool AsTracking { get; protected init; }

    protected void Where(Expression<Func<T, bool>> criterion) => _criteria.Add(criterion);

    protected void Include(Expression<Func<T, object?>> navigation) => _includes.Add(navigation);

    protected void OrderBy<TKey>(Expression<Func<T, TKey>> key, bool descending = false) =>
        _orderings.Add(_orderings.Count == 0
            ? query => descending ? query.OrderByDescending(key) : query.OrderBy(key)
            : query => descending
                ? ((IOrderedQueryable<T>)query).ThenByDescending(key)
                : ((IOrderedQueryable<T>)query).ThenBy(key));

    /// <summary>Restricts the results to one 1-based page.</summary>
    protected void Page(int page, int pageSize) => Window((page - 1) * pageSize, pageSize);

    /// <summary>Restricts the results to <paramref name="take"/> of them after the first <paramref name="skip"/>.</summary>
    protected void Window(int skip, int take)
    {
        Skip = skip;
        Take = take;
    }
}

/// <summary>Runs specifications; implemented once in Infrastructure for every entity type.</summary>
public interface IReadRepository
{
    Task<List<T>> ListAsync<T>(Specification<T> specification, CancellationToken cancellationToken)
        where T : class;

    Task<int> CountAsync<T>(Specification<T> specification, CancellationToken cancellationToken)
        where T : class;

    /// <summary>The results one row at a time, for lists too long to hold in memory.</summary>
    IAsyncEnumerable<T> StreamAsync<T>(Specification<T> specification)
        where T : class;
}
