namespace ProxyAdmin.Application.Models.Commands.DeleteModel;

public sealed record DeletedModelDto
{
    public required string Message { get; init; }
}
