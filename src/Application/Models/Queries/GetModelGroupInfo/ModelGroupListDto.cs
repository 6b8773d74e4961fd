namespace ProxyAdmin.Application.Models.Queries.GetModelGroupInfo;

public sealed record ModelGroupListDto
{
    public required List<ModelGroupDto> Data { get; init; }
}
