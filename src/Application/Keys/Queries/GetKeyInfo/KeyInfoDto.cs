namespace ProxyAdmin.Application.Keys.Queries.GetKeyInfo;

/// <summary>LiteLLM's <c>/key/info</c> shape: <c>key</c> echoes the request (a secret shortened).</summary>
public sealed record KeyInfoDto
{
    public required string Key { get; init; }
    public required KeyDto Info { get; init; }
}
