namespace ProxyAdmin.Infrastructure.Data;

/// <param name="MigrateOnStartup">Apply pending migrations when the service starts (default true).</param>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString, bool MigrateOnStartup = true)
{
    public const string DefaultSqliteConnectionString = "Data Source=proxyadmin.db";
}
