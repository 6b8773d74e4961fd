namespace ProxyAdmin.Application.Keys.Queries.ExplainKeyAccess;

/// <summary>One level above a key (or the key itself): its model list as it applies, its limits, and what is left of its budget.</summary>
public sealed record AccessLevelDto
{
    /// <summary><c>key</c>, <c>team</c>, <c>project</c>, <c>organization</c> or <c>user</c>.</summary>
    public required string Level { get; init; }

    /// <summary>The row's id (a key's hash).</summary>
    public required string Id { get; init; }

    public string? Alias { get; init; }

    /// <summary>The models as they apply here: a key's <c>all-team-models</c> is its team's list; empty restricts nothing.</summary>
    public required List<string> Models { get; init; }

    public bool Blocked { get; init; }

    public double Spend { get; init; }

    /// <summary>The level's own <c>max_budget</c>, else its budget row's; null when unbounded.</summary>
    public double? MaxBudget { get; init; }

    /// <summary><c>max_budget</c> minus <c>spend</c>, never below 0; null when unbounded.</summary>
    public double? BudgetRemaining { get; init; }

    public long? TpmLimit { get; init; }

    public long? RpmLimit { get; init; }

    public string? BudgetDuration { get; init; }

    public DateTime? BudgetResetAt { get; init; }

    /// <summary>What this level's list says of the model asked about; null when none was asked.</summary>
    public ModelAllowanceDto? ModelAllowance { get; init; }
}
