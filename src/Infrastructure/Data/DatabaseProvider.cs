namespace ProxyAdmin.Infrastructure.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,

    /// <summary>PostgreSQL through Npgsql: the database LiteLLM itself runs on, so its users already operate one.</summary>
    Postgres,
}
