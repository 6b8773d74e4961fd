namespace ProxyAdmin.Infrastructure.Data;

/// <summary>The SQLite flavour of <see cref="ProxyAdminDbContext"/>; it exists so SQLite keeps its own migration set.</summary>
public sealed class SqliteProxyAdminDbContext(DbContextOptions<SqliteProxyAdminDbContext> options) : ProxyAdminDbContext(options);
