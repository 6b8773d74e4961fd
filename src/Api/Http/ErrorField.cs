namespace ProxyAdmin.Api.Http;

public sealed record ErrorField
{
    public required string Param { get; init; }
    public required string Message { get; init; }
}
