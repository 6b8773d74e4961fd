namespace ProxyAdmin.RawReference;

/// <summary>The databases the raw reference reads ProxyAdmin's schema from.</summary>
public enum RawProvider
{
    Sqlite,
    Postgres,
}
