namespace ProxyAdmin.Application.Common.Specifications;

public static class PagingExtensions
{
    /// <summary>Restricts the results to one 1-based page.</summary>
    public static ISpecificationBuilder<T> Page<T>(this ISpecificationBuilder<T> query, int page, int pageSize) =>
        query.Skip((page - 1) * pageSize).Take(pageSize);
}
