using ProxyAdmin.Application.Common.Paging;

namespace ProxyAdmin.Application.Common.Specifications;

public static class PagingExtensions
{
    /// <summary>Restricts the results to one 1-based page.</summary>
    public static ISpecificationBuilder<T> Page<T>(this ISpecificationBuilder<T> query, int page, int pageSize) =>
        query.Skip((page - 1) * pageSize).Take(pageSize);

    /// <summary>Restricts the results to a window; a skip of 0 adds no <c>OFFSET</c> at all.</summary>
    public static ISpecificationBuilder<T> Window<T>(this ISpecificationBuilder<T> query, PageWindow window)
    {
        if (window.Skip > 0)
        {
            query.Skip(window.Skip);
        }

        return query.Take(window.Take);
    }
}
