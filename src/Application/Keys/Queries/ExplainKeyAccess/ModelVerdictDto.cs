namespace ProxyAdmin.Application.Keys.Queries.ExplainKeyAccess;

/// <summary>Whether the key may use one model, and if not the first rule that denies it and at which level.</summary>
public sealed record ModelVerdictDto
{
    public required string Model { get; init; }

    public required bool Allowed { get; init; }

    /// <summary>The level of the first denial (<c>key</c>, <c>team</c>, <c>project</c>, <c>organization</c>, <c>user</c>, or <c>model</c> for the model itself); null when allowed.</summary>
    public string? DeniedBy { get; init; }

    /// <summary>
    /// The first rule that denies: <c>key_blocked</c>, <c>team_blocked</c>, <c>project_blocked</c>, <c>key_expired</c>,
    /// <c>model_not_found</c>, <c>other_team_model</c> (told only to callers who read everything; to anyone else it is
    /// <c>model_not_found</c>, as the model does not exist outside its team), <c>not_listed</c>, <c>no_default_models</c>, <c>model_blocked</c>,
    /// <c>budget_exceeded</c>; null when allowed.
    /// </summary>
    public string? Rule { get; init; }

    /// <summary>What a call would be told (LiteLLM's message where it has one); null when allowed.</summary>
    public string? Message { get; init; }
}
