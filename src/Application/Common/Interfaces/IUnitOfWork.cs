namespace ProxyAdmin.Application.Common.Interfaces;

/// <summary>
/// The transaction around one command. Repositories only stage changes; <see cref="SaveChangesAsync"/>
/// writes them, and the transaction behaviour commits once the handler has returned.
/// </summary>
public interface IUnitOfWork
{
    /// <summary>
    /// Writes staged changes. A concurrent change raises <see cref="ConcurrencyConflictException"/>, a
    /// duplicate unique value <see cref="ConflictException"/>.
    /// </summary>
    Task SaveChangesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Opens the command's transaction and takes the next database revision in it: writers queue on the revision, and
    /// a rollback gives it back.
    /// </summary>
    Task<ITransaction> BeginTransactionAsync(CancellationToken cancellationToken);

    /// <summary>The database revision this scope's transaction committed; null until one commits.</summary>
    long? CommittedRevision { get; }

    /// <summary>Runs <paramref name="action"/> after the surrounding transaction commits (cache eviction and the like).</summary>
    void OnCommitted(Action action);

    /// <summary>Forgets everything staged and loaded, so a command can run again from a clean slate.</summary>
    void Reset();

    /// <summary>
    /// Whether <paramref name="exception"/> is the database saying "not now" (a lock held too long, a deadlock
    /// victim) rather than "no": the transaction was rolled back and the same command may succeed if run again.
    /// </summary>
    bool IsTransientFailure(Exception exception);
}
