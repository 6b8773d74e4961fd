using System.Text.Json.Nodes;

namespace ProxyAdmin.Application.Models.Queries.GetModelGroupInfo;

/// <summary>
/// One model group: every field of LiteLLM's <c>ModelGroupInfo</c> (litellm/types/router.py) and of the proxy's
/// <c>ModelGroupInfoProxy</c>, with their defaults. What LiteLLM reads from its cost map, ProxyAdmin reads from the
/// deployments' <c>model_info</c> (pricing mirrored from <c>litellm_params</c>) and <c>litellm_params</c>.
/// </summary>
public sealed record ModelGroupDto
{
    public required string ModelGroup { get; init; }
    public required List<string> Providers { get; init; }
    public required long? MaxInputTokens { get; init; }
    public required long? MaxOutputTokens { get; init; }
    public required double? InputCostPerToken { get; init; }
    public required double? OutputCostPerToken { get; init; }
    public required double? InputCostPerPixel { get; init; }

    /// <summary><c>chat</c> unless model_info says otherwise.</summary>
    public required string Mode { get; init; }

    /// <summary>Summed over the group's deployments (<c>litellm_params</c>, else <c>model_info</c>); null when none sets it.</summary>
    public required long? Tpm { get; init; }

    public required long? Rpm { get; init; }
    public required long? Itpm { get; init; }
    public required long? Otpm { get; init; }

    /// <summary>True when any deployment's model_info says so; false by default, as every boolean of <c>ModelGroupInfo</c>.</summary>
    public required bool SupportsParallelFunctionCalling { get; init; }

    public required bool SupportsVision { get; init; }
    public required bool SupportsWebSearch { get; init; }
    public required bool SupportsUrlContext { get; init; }
    public required bool SupportsReasoning { get; init; }
    public required bool SupportsFunctionCalling { get; init; }

    /// <summary>Null unless a deployment's model_info lists them.</summary>
    public required List<string>? SupportedReasoningEfforts { get; init; }

    /// <summary>The union of the deployments' model_info lists; empty by default.</summary>
    public required List<string> SupportedOpenaiParams { get; init; }

    /// <summary>A deployment's <c>litellm_params.configurable_clientside_auth_params</c> (names, or <c>{"api_base"}</c> objects), or null.</summary>
    public required JsonArray? ConfigurableClientsideAuthParams { get; init; }

    /// <summary>Always false: ProxyAdmin has no public model hub (<c>/model_group/make_public</c>).</summary>
    public required bool IsPublicModelGroup { get; init; }

    /// <summary>Always null: ProxyAdmin runs no background health checks.</summary>
    public required string? HealthStatus { get; init; }

    public required double? HealthResponseTime { get; init; }
    public required string? HealthCheckedAt { get; init; }
}
