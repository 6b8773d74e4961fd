using Ardalis.Specification;
using ProxyAdmin.Application.Common.Specifications;

namespace ProxyAdmin.Application.UnitTests.TestSupport;

/// <summary>
/// Evaluates specifications over seeded rows with Ardalis.Specification's own in-memory evaluator (filters,
/// ordering, then paging; counts apply the filters only, as Infrastructure's evaluator does), so list handlers
/// are tested against what their specifications mean.
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

    public Task<List<T>> ListAsync<T>(ISpecification<T> specification, CancellationToken cancellationToken)
        where T : class =>
        Task.FromResult(InMemorySpecificationEvaluator.Default.Evaluate(Rows(specification), specification).ToList());

    public Task<int> CountAsync<T>(ISpecification<T> specification, CancellationToken cancellationToken)
        where T : class =>
        Task.FromResult(WhereEvaluator.Instance.Evaluate(Rows(specification), specification).Count());

    /// <summary>All seeded rows of the type, as the database's maintained count would say.</summary>
    public Task<int> CountAllAsync<T>(CancellationToken cancellationToken)
        where T : class
    {
        CountsAll.Add(typeof(T));
        return Task.FromResult(_rows.TryGetValue(typeof(T), out var rows) ? rows.Count : 0);
    }

    /// <summary>The types whose maintained count the handler read.</summary>
    public List<Type> CountsAll { get; } = [];

    public IAsyncEnumerable<T> StreamAsync<T>(ISpecification<T> specification)
        where T : class =>
        InMemorySpecificationEvaluator.Default.Evaluate(Rows(specification), specification).ToList().ToAsyncEnumerable();

    private IEnumerable<T> Rows<T>(ISpecification<T> specification)
        where T : class
    {
        Specifications.Add(specification);
        return _rows.TryGetValue(typeof(T), out var rows) ? rows.Cast<T>() : [];
    }
}
