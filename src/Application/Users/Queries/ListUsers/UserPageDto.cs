namespace ProxyAdmin.Application.Users.Queries.ListUsers;

public sealed record UserPageDto
{
    public required List<UserDto> Users { get; init; }
    public required int Total { get; init; }
    public required int Page { get; init; }
    public required int PageSize { get; init; }
    public required int TotalPages { get; init; }
}
