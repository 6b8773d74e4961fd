namespace ProxyAdmin.Application.Teams.Queries.ListTeamsPaged;

public sealed record TeamPageDto
{
    public required List<TeamDto> Teams { get; init; }
    public required int Total { get; init; }
    public required int Page { get; init; }
    public required int PageSize { get; init; }
    public required int TotalPages { get; init; }
}
