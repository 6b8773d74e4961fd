namespace ProxyAdmin.Infrastructure.Data;

/// <summary>
/// The number of rows of one table, kept by that table's insert and delete triggers (migration <c>AddKeysetPaging</c>)
/// in the transaction of the write itself, so an unfiltered list's <c>total</c> is one primary-key read, exact on every
/// replica the moment the write commits, whichever path wrote the rows (a command, a cascade, a bulk load).
/// </summary>
/// <remarks>
/// A later SQLite migration that rebuilds a counted table (EF's "table rebuild" for a change SQLite cannot alter in
/// place) drops that table's triggers with it: such a migration must create them again, as <c>AddKeysetPaging</c> and
/// <c>AddTeamProjectCounts</c> do. <c>MigrationTests</c> would not notice; the paging tests' totals would.
/// </remarks>
public sealed class RowCount
{
    /// <summary>The tables whose rows are counted: those of the paged lists.</summary>
    public static readonly IReadOnlyList<string> CountedTables = ["AuditLogs", "ModelDeployments", "Projects", "Teams", "Users", "VirtualKeys"];

    public required string TableName { get; init; }

    public long Count { get; init; }

    /// <summary>The trigger SQL Server needs named in the model (EF then saves those tables without <c>OUTPUT</c>).</summary>
    public static string TriggerOf(string tableName) => $"{tableName}_RowCount";
}
