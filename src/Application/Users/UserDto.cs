using System.Text.Json.Nodes;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Application.Users;

/// <summary>A user as every route returns it.</summary>
public record UserDto
{
    public required string UserId { get; init; }
    public required string? UserEmail { get; init; }
    public required string? UserAlias { get; init; }
    public required UserRole UserRole { get; init; }
    public required double? MaxBudget { get; init; }
    public required double Spend { get; init; }
    public required List<string> Models { get; init; }
    public required long? TpmLimit { get; init; }
    public required long? RpmLimit { get; init; }
    public required int? MaxParallelRequests { get; init; }
    public required string? BudgetDuration { get; init; }
    public required DateTime? BudgetResetAt { get; init; }
    public required JsonObject Metadata { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    public required DateTime UpdatedAt { get; init; }
    public required string UpdatedBy { get; init; }
}
