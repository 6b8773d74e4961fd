namespace ProxyAdmin.Api.Infrastructure;

public sealed record ErrorField
{
    public required string Param { get; init; }
    public required string Message { get; init; }
}
