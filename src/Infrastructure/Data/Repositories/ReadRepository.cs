using ProxyAdmin.Application.Common.Specifications;

namespace ProxyAdmin.Infrastructure.Data.Repositories;

/// <summary>The specification evaluator: filters, then ordering, then paging, untracked unless asked.</summary>
internal sealed class ReadRepository(ProxyAdminDbContext db) : IReadRepository
{
    public Task<List<T>> ListAsync<T>(Specification<T> specification, CancellationToken cancellationToken)
        where T : class =>
        Apply(specification, paged: true).ToListAsync(cancellationToken);

    public Task<int> CountAsync<T>(Specification<T> specification, CancellationToken cancellationToken)
        where T : class =>
        Apply(specification, paged: false).CountAsync(cancellationToken);

    public IAsyncEnumerable<T> StreamAsync<T>(Specification<T> specification)
        where T : class =>
        Apply(specification, paged: true).AsAsyncEnumerable();

    private IQueryable<T> Apply<T>(Specification<T> specification, bool paged)
        where T : class
    {
        IQueryable<T> query = db.Set<T>();
        if (!specification.AsTracking)
        {
            query = query.AsNoTracking();
        }

        foreach (var criterion in specification.Criteria)
        {
            query = query.Where(criterion);
        }

        if (!paged)
        {
            return query;
        }

        foreach (var include in specification.Includes)
        {
            query = query.Include(include);
        }

        foreach (var ordering in specification.Orderings)
        {
            query = ordering(query);
        }

        if (specification.Skip is { } skip)
        {
            query = query.Skip(skip);
        }

        if (specification.Take is { } take)
        {
            query = query.Take(take);
        }

        return query;
    }
}
