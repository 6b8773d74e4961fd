namespace ProxyAdmin.Application.Common.Interfaces;

/// <summary>
/// The transaction around one command. Repositories only stage changes; <see cref="SaveChangesAsync"/>
/// writes them, and the transaction behaviour commits once the handler has returned.
/// </summary>
public interface IUnitOfWork
{
    /// <summary>Writes staged changes. A concurrent change or a duplicate unique value raises <see cref="ConflictException"/>.</summary>
    Task SaveChangesAsync(CancellationToken cancellationToken);

    Task<ITransaction> BeginTransactionAsync(CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="action"/> after the surrounding transaction commits (cache eviction and the like).</summary>
    void OnCommitted(Action action);
}

public interface ITransaction : IAsyncDisposable
{
    Task CommitAsync(CancellationToken cancellationToken);
}
