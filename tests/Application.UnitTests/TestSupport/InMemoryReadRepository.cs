using ProxyAdmin.Application.Common.Specifications;

namespace ProxyAdmin.Application.UnitTests.TestSupport;

/// <summary>
/// Evaluates specifications over seeded rows the way Infrastructure's evaluator does (filters, ordering,
/// then paging; counts ignore paging), so list handlers are tested against what their specifications mean.
/// </summary>
public sealed class InMemoryReadRepository : IReadRepository
{
    private readonly Dictionary<Type, List<object>> _rows = [];

    /// <summary>Every specification the handler ran, in order.</summary>
    public List<object> Specifications { get; } = [];

    public void Seed<T>(params T[] rows)
        where T : class
    {
        if (!_rows.TryGetValue(typeof(T), out var list))
        {
            _rows[typeof(T)] = list = [];
        }

        list.AddRange(rows);
    }

    public Task<List<T>> ListAsync<T>(Specification<T> specification, CancellationToken cancellationToken)
        where T : class =>
        Task.FromResult(Evaluate(specification, paged: true).ToList());

    public Task<int> CountAsync<T>(Specification<T> specification, CancellationToken cancellationToken)
        where T : class =>
        Task.FromResult(Evaluate(specification, paged: false).Count());

    public IAsyncEnumerable<T> StreamAsync<T>(Specification<T> specification)
        where T : class =>
        Evaluate(specification, paged: true).ToList().ToAsyncEnumerable();

    private IQueryable<T> Evaluate<T>(Specification<T> specification, bool paged)
        where T : class
    {
        Specifications.Add(specification);
        var query = (_rows.TryGetValue(typeof(T), out var rows) ? rows.Cast<T>() : []).AsQueryable();
        query = specification.Criteria.Aggregate(query, (current, criterion) => current.Where(criterion));
        query = specification.Orderings.Aggregate(query, (current, ordering) => ordering(current));
        if (paged && specification.Skip is { } skip)
        {
            query = query.Skip(skip);
        }

        if (paged && specification.Take is { } take)
        {
            query = query.Take(take);
        }

        return query;
    }
}
