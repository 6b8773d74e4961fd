namespace ProxyAdmin.Infrastructure.Data;

/// <summary>The SQL Server flavour of <see cref="ProxyAdminDbContext"/>; it exists so SQL Server keeps its own migration set.</summary>
public sealed class SqlServerProxyAdminDbContext(DbContextOptions<SqlServerProxyAdminDbContext> options) : ProxyAdminDbContext(options);
