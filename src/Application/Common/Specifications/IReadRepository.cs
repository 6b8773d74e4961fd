namespace ProxyAdmin.Application.Common.Specifications;

/// <summary>
/// Runs Ardalis specifications for reads; implemented once in Infrastructure for every entity type. Results are
/// untracked unless the specification asks for tracking; counts ignore ordering and paging.
/// </summary>
public interface IReadRepository
{
    Task<List<T>> ListAsync<T>(ISpecification<T> specification, CancellationToken cancellationToken)
        where T : class;

    Task<int> CountAsync<T>(ISpecification<T> specification, CancellationToken cancellationToken)
        where T : class;

    /// <summary>
    /// Every row of <typeparamref name="T"/>'s table, from the count the database keeps in the transaction of each
    /// insert and delete (a trigger per counted table): exact, and read without scanning the table.
    /// </summary>
    Task<int> CountAllAsync<T>(CancellationToken cancellationToken)
        where T : class;

    /// <summary>The results one row at a time, for lists too long to hold in memory.</summary>
    IAsyncEnumerable<T> StreamAsync<T>(ISpecification<T> specification)
        where T : class;
}
