using System.Text.Json;
using System.Text.Json.Nodes;
using ProxyAdmin.Domain.Models;

namespace ProxyAdmin.Application.Models.Queries.GetModelGroupInfo;

/// <summary>
/// <c>GET /model_group/info</c>: the caller's models grouped by public name (one group per name <c>/models</c> would list
/// if blocked names were shown), with every <c>ModelGroupInfo</c> field. With <paramref name="ModelGroup"/>, only that
/// group, as LiteLLM's <c>model_group</c> query parameter.
/// </summary>
/// <param name="ModelGroup">Only the group of this name.</param>
[Authorize(AccessPolicy.SelfServiceRead, ServiceAccounts = true)]
public sealed record GetModelGroupInfoQuery(string? ModelGroup = null) : IQuery<ModelGroupListDto>;

public sealed class GetModelGroupInfoQueryHandler(ModelVisibility visibility, VisibleModelReader reader)
    : IQueryHandler<GetModelGroupInfoQuery, ModelGroupListDto>
{
    public async ValueTask<ModelGroupListDto> Handle(GetModelGroupInfoQuery query, CancellationToken cancellationToken)
    {
        var models = await reader.AllAsync(await visibility.ForCallerAsync(cancellationToken), teamId: null, cancellationToken);
        var groups = models
            .Where(m => ModelInfoFields.Read(m.ModelInfo).TeamId is not { } teamId || !ModelDeployment.IsTeamInternalName(teamId, m.ModelName))
            .GroupBy(m => m.ModelName, StringComparer.Ordinal)
            .Where(g => query.ModelGroup is null || g.Key == query.ModelGroup)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(Group)
            .ToList();
        return new ModelGroupListDto { Data = groups };
    }

    private static ModelGroupDto Group(IGrouping<string, ModelDto> group) => new()
    {
        ModelGroup = group.Key,
        Providers = group.Select(m => ModelProvider.Of(m.LitellmParams)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
        MaxInputTokens = group.Select(m => Whole(m.ModelInfo, "max_input_tokens")).Max(),
        MaxOutputTokens = group.Select(m => Whole(m.ModelInfo, "max_output_tokens")).Max(),
        InputCostPerToken = group.Select(m => Number(m.ModelInfo, "input_cost_per_token")).Min(),
        OutputCostPerToken = group.Select(m => Number(m.ModelInfo, "output_cost_per_token")).Min(),
        InputCostPerPixel = group.Select(m => Number(m.ModelInfo, "input_cost_per_pixel")).Min(),
        Mode = group.Select(m => Text(m.ModelInfo, "mode")).FirstOrDefault(mode => mode is not null) ?? "chat",
        Tpm = Sum(group, "tpm"),
        Rpm = Sum(group, "rpm"),
        Itpm = Sum(group, "itpm"),
        Otpm = Sum(group, "otpm"),
        SupportsParallelFunctionCalling = Any(group, "supports_parallel_function_calling"),
        SupportsVision = Any(group, "supports_vision"),
        SupportsWebSearch = Any(group, "supports_web_search"),
        SupportsUrlContext = Any(group, "supports_url_context"),
        SupportsReasoning = Any(group, "supports_reasoning"),
        SupportsFunctionCalling = Any(group, "supports_function_calling"),
        SupportedReasoningEfforts = group.Any(m => m.ModelInfo["supported_reasoning_efforts"] is JsonArray)
            ? Union(group, "supported_reasoning_efforts")
            : null,
        SupportedOpenaiParams = Union(group, "supported_openai_params"),
        ConfigurableClientsideAuthParams = group
            .Select(m => m.LitellmParams["configurable_clientside_auth_params"])
            .OfType<JsonArray>()
            .Select(list => (JsonArray)list.DeepClone())
            .LastOrDefault(),
        IsPublicModelGroup = false,
        HealthStatus = null,
        HealthResponseTime = null,
        HealthCheckedAt = null,
    };

    /// <summary>A deployment's rate from <c>litellm_params</c>, else its <c>model_info</c> (the router's order), summed; null when none sets it.</summary>
    private static long? Sum(IEnumerable<ModelDto> models, string name)
    {
        var values = models.Select(m => Whole(m.LitellmParams, name) ?? Whole(m.ModelInfo, name)).OfType<long>().ToList();
        return values.Count == 0 ? null : values.Sum();
    }

    private static bool Any(IEnumerable<ModelDto> models, string name) =>
        models.Any(m => m.ModelInfo[name] is JsonValue value && value.TryGetValue<bool>(out var flag) && flag);

    private static List<string> Union(IEnumerable<ModelDto> models, string name) =>
        models
            .Select(m => m.ModelInfo[name])
            .OfType<JsonArray>()
            .SelectMany(list => list.OfType<JsonValue>())
            .Select(value => value.TryGetValue<string>(out var text) ? text : null)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();

    private static string? Text(JsonObject json, string name) =>
        json[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static long? Whole(JsonObject json, string name) =>
        json[name] is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var number) ? number : null;

    private static double? Number(JsonObject json, string name) =>
        json[name] is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<double>(out var number) ? number : null;
}
