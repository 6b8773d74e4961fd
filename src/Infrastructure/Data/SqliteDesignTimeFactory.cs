using Microsoft.EntityFrameworkCore.Design;

namespace ProxyAdmin.Infrastructure.Data;

/// <summary>Lets <c>dotnet ef</c> build the SQLite model without starting the service.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteProxyAdminDbContext>
{
    public SqliteProxyAdminDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteProxyAdminDbContext>().UseSqlite(DatabaseSettings.DefaultSqliteConnectionString).Options);
}
