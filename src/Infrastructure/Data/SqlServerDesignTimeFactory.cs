using Microsoft.EntityFrameworkCore.Design;

namespace ProxyAdmin.Infrastructure.Data;

/// <summary>Lets <c>dotnet ef</c> build the SQL Server model without starting the service.</summary>
internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerProxyAdminDbContext>
{
    public SqlServerProxyAdminDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerProxyAdminDbContext>().UseSqlServer("Server=localhost;Database=ProxyAdmin;Integrated Security=true;TrustServerCertificate=true").Options);
}
