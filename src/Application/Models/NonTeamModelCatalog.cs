using System.Collections.Frozen;

namespace ProxyAdmin.Application.Models;

/// <summary>
/// Every non-team model name, config and DB, with the access groups of all its deployments: what
/// <see cref="ModelVisibility"/> judges a restricted caller's lists against. Read once per database revision this
/// replica has applied, not once per request: every committed write moves the revision (here at once, from other
/// replicas as soon as the replica learns of it, as its key cache does), and the next read after it reads again.
/// </summary>
public sealed class NonTeamModelCatalog(IAppliedRevision revisions, IConfigModelCatalog configModels)
{
    private Snapshot? _snapshot;

    /// <summary>Each name's access groups, as of the revision applied when the call began (or a later one).</summary>
    public async Task<FrozenDictionary<string, FrozenSet<string>>> GetAsync(IReadRepository reads, CancellationToken cancellationToken)
    {
        // Read first: a write that commits while the rows are read moves the revision past this one, so the next call reads again.
        var revision = revisions.Applied;
        if (Volatile.Read(ref _snapshot) is { } snapshot && snapshot.Revision == revision)
        {
            return snapshot.GroupsByName;
        }

        var groupsByName = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        void Add(string name, System.Text.Json.Nodes.JsonObject modelInfo)
        {
            if (!groupsByName.TryGetValue(name, out var groups))
            {
                groupsByName[name] = groups = new HashSet<string>(StringComparer.Ordinal);
            }

            groups.UnionWith(ModelAccessGroups.Of(modelInfo));
        }

        foreach (var model in configModels.Models.Where(m => m.TeamId is null))
        {
            Add(model.ModelName, model.ModelInfo);
        }

        foreach (var model in await reads.ListAsync(new NonTeamModels(), cancellationToken))
        {
            Add(model.ModelName, model.ModelInfo);
        }

        var frozen = groupsByName.ToFrozenDictionary(entry => entry.Key, entry => entry.Value.ToFrozenSet(StringComparer.Ordinal), StringComparer.Ordinal);
        Volatile.Write(ref _snapshot, new Snapshot(revision, frozen));
        return frozen;
    }

    private sealed record Snapshot(long Revision, FrozenDictionary<string, FrozenSet<string>> GroupsByName);
}
