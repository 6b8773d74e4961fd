using ProxyAdmin.Application.Models.Queries.ListOpenAiModels;

namespace ProxyAdmin.Application.Models.Queries.GetOpenAiModel;

/// <summary>
/// <c>GET /models/{model_id}</c> and <c>/v1/models/{model_id}</c> (OpenAI's retrieve model, LiteLLM's
/// <c>model_info</c>): the one model name the caller may call, in OpenAI's shape, owned by the provider of its first
/// deployment. A name the caller may not call, or that <c>/models</c> would not list, is a 404 whose message contains
/// LiteLLM's <c>does not exist or is not accessible</c>.
/// </summary>
/// <param name="ModelId">The model name, as <c>/models</c> lists it; it may contain <c>/</c>.</param>
/// <param name="TeamId">Only the models of this team, as on <c>/models</c>.</param>
[Authorize(AccessPolicy.SelfServiceRead, ServiceAccounts = true)]
public sealed record GetOpenAiModelQuery(string ModelId, string? TeamId = null) : IQuery<OpenAiModelDto>;

public sealed class GetOpenAiModelQueryValidator : AbstractValidator<GetOpenAiModelQuery>
{
    public GetOpenAiModelQueryValidator() => RuleFor(q => q.ModelId).NotEmpty().WithMessage("'model_id' is required: a model name as /models lists it.");
}

public sealed class GetOpenAiModelQueryHandler(CallableModels callable) : IQueryHandler<GetOpenAiModelQuery, OpenAiModelDto>
{
    public async ValueTask<OpenAiModelDto> Handle(GetOpenAiModelQuery query, CancellationToken cancellationToken)
    {
        var model = (await callable.ForCallerAsync(query.TeamId, cancellationToken)).FirstOrDefault(m => m.Name == query.ModelId)
            ?? throw new NotFoundException($"The model `{query.ModelId}` does not exist or is not accessible", "model_id");
        return ListOpenAiModelsQueryHandler.Entry(model.Name, ModelProvider.Of(model.Deployments[0].LitellmParams));
    }
}
