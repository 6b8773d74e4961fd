using System.Data.Common;

namespace ProxyAdmin.Infrastructure.Data.Direct;

/// <summary>
/// Runs the hand-written reads of the requests every client sends (<c>/key/info</c>, <c>/project/info</c>) without EF's
/// query pipeline: a <see cref="DirectSelect"/> with one or two text parameters, its first row given to a mapper (an
/// <see cref="EntityRowReader{T}"/> per entity). One implementation per provider that has one
/// (<see cref="SqliteDirectReads"/>, <see cref="PostgresDirectReads"/>); SQL Server registers none and its repositories read
/// through EF. Never inside a transaction: a command's reads must see its own transaction, so the repositories take
/// EF's path then.
/// </summary>
internal abstract class DirectReads
{
    /// <returns>What <paramref name="map"/> made of the first row; null when there is no row.</returns>
    public abstract ValueTask<TResult?> ReadRowAsync<TState, TResult>(
        ProxyAdminDbContext db,
        DirectSelect select,
        string? first,
        string? second,
        TState state,
        Func<DbDataReader, TState, TResult> map,
        CancellationToken cancellationToken)
        where TResult : class;

    /// <summary>Whether a read of <paramref name="db"/> may run here now: not inside its transaction.</summary>
    public static bool MayRun(DirectReads? reads, ProxyAdminDbContext db) => reads is not null && db.Database.CurrentTransaction is null;
}
