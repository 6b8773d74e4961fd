using ProxyAdmin.Domain.Models;

namespace ProxyAdmin.Application.Models.Queries.ListOpenAiModels;

/// <summary>
/// <c>GET /models</c> and <c>/v1/models</c>: the model names the caller may call, in OpenAI's list shape;
/// team models appear under their public names, each name once.
/// </summary>
[Authorize(AccessPolicy.SelfServiceRead, ServiceAccounts = true)]
public sealed record ListOpenAiModelsQuery(string? TeamId) : IQuery<OpenAiModelListDto>;

public sealed class ListOpenAiModelsQueryHandler(ModelVisibility visibility, VisibleModelReader reader)
    : IQueryHandler<ListOpenAiModelsQuery, OpenAiModelListDto>
{
    /// <summary>LiteLLM's <c>DEFAULT_MODEL_CREATED_AT_TIME</c>.</summary>
    public const long CreatedAt = 1677610602;

    public async ValueTask<OpenAiModelListDto> Handle(ListOpenAiModelsQuery query, CancellationToken cancellationToken)
    {
        var models = await reader.AllAsync(await visibility.ForCallerAsync(cancellationToken), query.TeamId, cancellationToken);
        var names = models
            .Select(m => ModelInfoFields.Read(m.ModelInfo).TeamPublicModelName ?? m.ModelName)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(name => name, StringComparer.Ordinal);
        return new OpenAiModelListDto
        {
            Object = "list",
            Data = names.Select(name => new OpenAiModelDto { Id = name, Object = "model", Created = CreatedAt, OwnedBy = "openai" }).ToList(),
        };
    }
}
