using System.Text.Json.Nodes;
using ProxyAdmin.Domain.Models;

namespace ProxyAdmin.Application.Models.Queries.GetModelGroupInfo;

/// <summary>
/// <c>GET /model_group/info</c>: the caller's models grouped by public name, with the providers behind
/// each group, their summed tpm and rpm, and the mode and limits model_info declares.
/// </summary>
[Authorize(AccessPolicy.SelfServiceRead, ServiceAccounts = true)]
public sealed record GetModelGroupInfoQuery : IQuery<ModelGroupListDto>;

public sealed class GetModelGroupInfoQueryHandler(ModelVisibility visibility, VisibleModelReader reader)
    : IQueryHandler<GetModelGroupInfoQuery, ModelGroupListDto>
{
    public async ValueTask<ModelGroupListDto> Handle(GetModelGroupInfoQuery query, CancellationToken cancellationToken)
    {
        var models = await reader.AllAsync(await visibility.ForCallerAsync(cancellationToken), teamId: null, cancellationToken);
        var groups = models
            .GroupBy(m => ModelInfoFields.Read(m.ModelInfo).TeamPublicModelName ?? m.ModelName, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(group => new ModelGroupDto
            {
                ModelGroup = group.Key,
                Providers = group.Select(Provider).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
                Tpm = Sum(group, "tpm"),
                Rpm = Sum(group, "rpm"),
                Mode = group.Select(m => Text(m.ModelInfo, "mode")).FirstOrDefault(mode => mode is not null) ?? "chat",
                MaxInputTokens = group.Select(m => Whole(m.ModelInfo, "max_input_tokens")).Max(),
                MaxOutputTokens = group.Select(m => Whole(m.ModelInfo, "max_output_tokens")).Max(),
                InputCostPerToken = group.Select(m => Number(m.ModelInfo, "input_cost_per_token")).Min(),
                OutputCostPerToken = group.Select(m => Number(m.ModelInfo, "output_cost_per_token")).Min(),
            })
            .ToList();
        return new ModelGroupListDto { Data = groups };
    }

    /// <summary><c>custom_llm_provider</c>, else the prefix of <c>model</c> (<c>openai/gpt-4o</c> → <c>openai</c>).</summary>
    private static string? Provider(ModelDto model)
    {
        if (Text(model.LitellmParams, "custom_llm_provider") is { } provider)
        {
            return provider;
        }

        var name = Text(model.LitellmParams, "model");
        var slash = name?.IndexOf('/') ?? -1;
        return slash > 0 ? name![..slash] : "openai";
    }

    private static long? Sum(IEnumerable<ModelDto> models, string name)
    {
        var values = models.Select(m => Whole(m.LitellmParams, name)).OfType<long>().ToList();
        return values.Count == 0 ? null : values.Sum();
    }

    private static string? Text(JsonObject json, string name) =>
        json[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static long? Whole(JsonObject json, string name) =>
        json[name] is JsonValue value && value.TryGetValue<long>(out var number) ? number : null;

    private static double? Number(JsonObject json, string name) =>
        json[name] is JsonValue value && value.TryGetValue<double>(out var number) ? number : null;
}
