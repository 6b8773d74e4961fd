using System.Globalization;
using Microsoft.EntityFrameworkCore.Storage;

namespace ProxyAdmin.Infrastructure.Data.Direct;

/// <summary>
/// A <c>SELECT</c> of Infrastructure's own, its text built once per model from the model's names: its parameters are
/// <c>@p0</c>, <c>@p1</c> …, each created by the type mapping of the column it is compared with, as EF creates its own.
/// Compared by reference: a SQLite session keeps one prepared statement per instance.
/// </summary>
internal sealed class DirectSelect
{
    /// <summary>The reads take one or two parameters (<see cref="DirectReads.ReadRowAsync"/>).</summary>
    public const int MaxParameters = 2;

    public DirectSelect(string sql, IReadOnlyList<RelationalTypeMapping> parameters)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(parameters.Count, MaxParameters);
        Sql = sql;
        Parameters = parameters;
    }

    public string Sql { get; }

    public IReadOnlyList<RelationalTypeMapping> Parameters { get; }

    /// <summary>
    /// How the SQL names parameter <paramref name="index"/>: <c>$1</c>, <c>$2</c> … on PostgreSQL, where a parameter
    /// without a name is bound by position and Npgsql sends the text as it is (a named <c>@p0</c> made it parse and
    /// rewrite the whole statement into a new string on every execution: a third of the read's allocation); <c>@p0</c>,
    /// <c>@p1</c> … elsewhere.
    /// </summary>
    public static string Placeholder(DbContext db, int index) =>
        db.Database.IsNpgsql() ? "$" + (index + 1).ToString(CultureInfo.InvariantCulture) : ParameterName(index);

    /// <summary>The name of parameter <paramref name="index"/> where parameters are named (<see cref="Placeholder"/>).</summary>
    public static string ParameterName(int index) => index switch
    {
        0 => "@p0",
        1 => "@p1",
        _ => "@p" + index.ToString(CultureInfo.InvariantCulture),
    };
}
