namespace ProxyAdmin.Application.Models;

/// <summary>
/// Reads config and DB models together, as one list: config models first (by name), then DB models. Team models
/// show their public name to every caller, admins too (LiteLLM's <c>_translate_model_name_for_response</c>): an edit
/// form bound to a read must never see, and send back, the internal name.
/// </summary>
public sealed class VisibleModelReader(IReadRepository reads, IConfigModelCatalog configModels, ModelPresenter presenter)
{
    public IEnumerable<ConfigModel> ConfigModels(ModelScope scope, string? teamId, string? search) =>
        configModels.Models
            .Where(m => scope.Allows(m.TeamId, m.ModelName))
            .Where(m => teamId is null || m.TeamId == teamId)
            .Where(m => string.IsNullOrEmpty(search) || m.ModelName.Contains(search, StringComparison.Ordinal) || m.PublicName.Contains(search, StringComparison.Ordinal))
            .OrderBy(m => m.ModelName, StringComparer.Ordinal)
            .ThenBy(m => m.ModelId, StringComparer.Ordinal);

    public async Task<List<ModelDto>> AllAsync(ModelScope scope, string? teamId, CancellationToken cancellationToken)
    {
        var stored = await reads.ListAsync(new VisibleModels(scope, teamId, search: null), cancellationToken);
        return
        [
            .. ConfigModels(scope, teamId, search: null).Select(m => ModelPresenter.Present(m, showPublicName: true)),
            .. stored.Select(m => presenter.Present(m, showPublicName: true)),
        ];
    }
}
