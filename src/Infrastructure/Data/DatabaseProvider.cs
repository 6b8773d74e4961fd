namespace ProxyAdmin.Infrastructure.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}
