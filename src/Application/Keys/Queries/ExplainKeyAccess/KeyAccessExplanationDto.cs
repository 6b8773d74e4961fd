namespace ProxyAdmin.Application.Keys.Queries.ExplainKeyAccess;

/// <summary>
/// <c>/key/explain</c>: what a key may use and why. <see cref="EffectiveModels"/> is what <c>/models</c> answers that
/// key; <see cref="Levels"/> the key and every row above it with its models and limits; <see cref="Verdict"/> the answer
/// for one model, when one was asked about.
/// </summary>
public sealed record KeyAccessExplanationDto
{
    /// <summary>The key's hash, as <c>token</c> everywhere else; the secret itself is never shown.</summary>
    public required string Token { get; init; }

    /// <summary>The key's display name (<c>sk-...abcd</c>).</summary>
    public required string KeyName { get; init; }

    public string? KeyAlias { get; init; }

    /// <summary>The model names the key may call, as <c>/models</c> lists them for it (team models by public name), sorted.</summary>
    public required List<string> EffectiveModels { get; init; }

    /// <summary>key, team, project, organization, user: those the key has, in the order they are checked.</summary>
    public required List<AccessLevelDto> Levels { get; init; }

    /// <summary>For the <c>model</c> asked about: allowed or not, and the first rule that denies it; null when none was asked.</summary>
    public ModelVerdictDto? Verdict { get; init; }
}
