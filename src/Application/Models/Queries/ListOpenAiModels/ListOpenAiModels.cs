namespace ProxyAdmin.Application.Models.Queries.ListOpenAiModels;

/// <summary>
/// <c>GET /models</c> and <c>/v1/models</c>: the model names the caller may call (<see cref="CallableModels"/>), in
/// OpenAI's list shape. Model access groups are the names in the <c>model_info.access_groups</c> of the deployments the
/// caller may see; as in LiteLLM's <c>get_complete_model_list</c>, <paramref name="IncludeModelAccessGroups"/> adds them to
/// the list and <paramref name="OnlyModelAccessGroups"/> keeps only the listed names that are groups (so, alone, it
/// lists only model names that are also group names).
/// </summary>
/// <param name="TeamId">Only the models of this team.</param>
/// <param name="IncludeModelAccessGroups">LiteLLM's <c>include_model_access_groups</c>.</param>
/// <param name="OnlyModelAccessGroups">LiteLLM's <c>only_model_access_groups</c>.</param>
[Authorize(AccessPolicy.SelfServiceRead, ServiceAccounts = true)]
public sealed record ListOpenAiModelsQuery(string? TeamId, bool IncludeModelAccessGroups = false, bool OnlyModelAccessGroups = false) : IQuery<OpenAiModelListDto>;

public sealed class ListOpenAiModelsQueryHandler(CallableModels callable)
    : IQueryHandler<ListOpenAiModelsQuery, OpenAiModelListDto>
{
    /// <summary>LiteLLM's <c>DEFAULT_MODEL_CREATED_AT_TIME</c>.</summary>
    public const long CreatedAt = 1677610602;

    public async ValueTask<OpenAiModelListDto> Handle(ListOpenAiModelsQuery query, CancellationToken cancellationToken)
    {
        var models = await callable.ForCallerAsync(query.TeamId, cancellationToken);
        var groups = models
            .SelectMany(model => model.Deployments)
            .SelectMany(deployment => ModelAccessGroups.Of(deployment.ModelInfo))
            .ToHashSet(StringComparer.Ordinal);

        var names = models.Select(model => model.Name).ToList();
        if (query.IncludeModelAccessGroups)
        {
            names.AddRange(groups.Where(group => !names.Contains(group, StringComparer.Ordinal)).Order(StringComparer.Ordinal));
        }

        if (query.OnlyModelAccessGroups)
        {
            names = names.Where(groups.Contains).ToList();
        }

        return new OpenAiModelListDto
        {
            Object = "list",
            // LiteLLM's model_list passes provider="openai" for every entry; only the retrieve route names the provider.
            Data = names.Select(name => Entry(name, ownedBy: "openai")).ToList(),
        };
    }

    public static OpenAiModelDto Entry(string name, string ownedBy) => new() { Id = name, Object = "model", Created = CreatedAt, OwnedBy = ownedBy };
}
