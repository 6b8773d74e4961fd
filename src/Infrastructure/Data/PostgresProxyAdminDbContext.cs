namespace ProxyAdmin.Infrastructure.Data;

/// <summary>
/// The PostgreSQL flavour of <see cref="ProxyAdminDbContext"/>: its own migration set, and the one rule that makes
/// PostgreSQL compare text as SQLite does.
/// </summary>
public sealed class PostgresProxyAdminDbContext(DbContextOptions<PostgresProxyAdminDbContext> options) : ProxyAdminDbContext(options)
{
    /// <summary>
    /// The collation of every text column. SQLite compares and orders text byte by byte (its <c>BINARY</c> collation)
    /// and its <c>lower()</c> folds ASCII letters only; PostgreSQL's <c>"C"</c> collation does exactly the same, whatever
    /// locale the server was created with. Ids, aliases and emails therefore match, sort and collide in a unique index
    /// the same way on both, and the one case-insensitive lookup (<c>UserRepository.FindByEmailAsync</c>, which compares
    /// <c>lower()</c> of both sides) folds the same letters. A nondeterministic ICU collation or <c>citext</c> would make
    /// every id case-insensitive (SQLite's are not), and PostgreSQL before 18 refuses <c>LIKE</c> and <c>strpos</c>, which
    /// the list searches translate to, on nondeterministic collations.
    /// </summary>
    public const string TextCollation = "C";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        // Every column stored as text, including enums and JSON written through a converter.
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(entity => entity.GetDeclaredProperties()))
        {
            var storedAs = property.GetProviderClrType() ?? property.GetValueConverter()?.ProviderClrType ?? property.ClrType;
            if (storedAs == typeof(string))
            {
                property.SetCollation(TextCollation);
            }
        }
    }
}
