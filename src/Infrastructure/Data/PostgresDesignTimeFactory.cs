using Microsoft.EntityFrameworkCore.Design;

namespace ProxyAdmin.Infrastructure.Data;

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL model without starting the service (it never connects).</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresProxyAdminDbContext>
{
    public PostgresProxyAdminDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresProxyAdminDbContext>().UseNpgsql("Host=localhost;Database=proxyadmin").Options);
}
