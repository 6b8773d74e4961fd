namespace ProxyAdmin.Application.Models.Queries.ListOpenAiModels;

/// <summary>
/// <c>GET /models</c> and <c>/v1/models</c>: the model names the caller may call, in OpenAI's list shape;
/// team models appear under their public names, each name once.
/// </summary>
[Authorize(AccessPolicy.SelfServiceRead)]
public sealed record ListOpenAiModelsQuery(string? TeamId) : IQuery<OpenAiModelListDto>;

public sealed record OpenAiModelListDto
{
    public required List<OpenAiModelDto> Data { get; init; }

    /// <summary>Always <c>list</c>.</summary>
    public required string Object { get; init; }
}

public sealed record OpenAiModelDto
{
    public required string Id { get; init; }

    /// <summary>Always <c>model</c>.</summary>
    public required string Object { get; init; }

    /// <summary>LiteLLM's fixed creation time, kept for clients that compare it.</summary>
    public required long Created { get; init; }

    public required string OwnedBy { get; init; }
}

public sealed class ListOpenAiModelsQueryHandler(ModelVisibility visibility, VisibleModelReader reader)
    : IQueryHandler<ListOpenAiModelsQuery, OpenAiModelListDto>
{
    /// <summary>LiteLLM's <c>DEFAULT_MODEL_CREATED_AT_TIME</c>.</summary>
    public const long CreatedAt = 1677610602;

    public async ValueTask<OpenAiModelListDto> Handle(ListOpenAiModelsQuery query, CancellationToken cancellationToken)
    {
        var models = await reader.AllAsync(await visibility.ForCallerAsync(cancellationToken), query.TeamId, cancellationToken);
        var names = models
            .Select(m => m.ModelInfo["team_public_model_name"]?.GetValue<string>() ?? m.ModelName)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(name => name, StringComparer.Ordinal);
        return new OpenAiModelListDto
        {
            Object = "list",
            Data = names.Select(name => new OpenAiModelDto { Id = name, Object = "model", Created = CreatedAt, OwnedBy = "openai" }).ToList(),
        };
    }
}
