using ProxyAdmin.Domain.Common;

namespace ProxyAdmin.Domain.Models;

/// <summary>
/// The one rule by which a level's <c>models</c> (a key's, a project's, a team's, an organization's or a user's) allows a
/// model name, in LiteLLM's order (<c>_check_model_access_helper</c>): an empty list restricts nothing; an entry that is
/// one of the model's access groups allows it; so does a team alias of the name; then a wildcard entry that matches the
/// name (<c>openai/*</c>); then <c>all-proxy-models</c> or <c>*</c>; then the name itself. A user's
/// <c>no-default-models</c> allows nothing outside a team's models. Every check of which models a caller or a key may use
/// goes through here: what <c>/models</c> lists and what <c>/key/explain</c> explains cannot disagree.
/// </summary>
/// <remarks>
/// A wildcard is a glob: <c>*</c> matches any run of characters, every other character only itself, case-sensitively
/// (LiteLLM turns the entry into a regular expression unescaped, so its <c>.</c> matches any character; here it is a dot).
/// </remarks>
public static class ModelAllowList
{
    /// <summary>What <paramref name="allowList"/> says of <paramref name="model"/>.</summary>
    /// <param name="accessGroups">The access groups of the deployments named <paramref name="model"/>.</param>
    /// <param name="aliases">The team's aliases (public name to internal name), at the team level only.</param>
    public static ModelAllowance Decide(
        IReadOnlyCollection<string> allowList,
        string model,
        IReadOnlyCollection<string> accessGroups,
        IReadOnlyDictionary<string, string>? aliases = null)
    {
        if (allowList.Count == 0)
        {
            return new ModelAllowance(true, ModelAllowanceReason.Unrestricted);
        }

        // Loops, not LINQ: this runs for every name a restricted caller's lists are judged against, on every read.
        foreach (var entry in allowList)
        {
            if (entry == SpecialValues.NoDefaultModels)
            {
                return new ModelAllowance(false, ModelAllowanceReason.NoDefaultModels, SpecialValues.NoDefaultModels);
            }
        }

        foreach (var entry in allowList)
        {
            if (accessGroups.Contains(entry))
            {
                return new ModelAllowance(true, ModelAllowanceReason.AccessGroup, entry);
            }
        }

        if (aliases is not null && aliases.TryGetValue(model, out var target))
        {
            return new ModelAllowance(true, ModelAllowanceReason.TeamAlias, target);
        }

        // LiteLLM judges the rest without the entries that are the model's access groups; none is, or it returned above.
        foreach (var entry in allowList)
        {
            if (IsWildcard(entry) && Matches(entry, model))
            {
                return new ModelAllowance(true, ModelAllowanceReason.Wildcard, entry);
            }
        }

        foreach (var entry in allowList)
        {
            if (entry is SpecialValues.AllProxyModels or SpecialValues.AnyModel)
            {
                return new ModelAllowance(true, ModelAllowanceReason.AllProxyModels, entry);
            }
        }

        foreach (var entry in allowList)
        {
            if (entry == model)
            {
                return new ModelAllowance(true, ModelAllowanceReason.Listed, model);
            }
        }

        return new ModelAllowance(false, ModelAllowanceReason.NotListed);
    }

    /// <summary>True for an entry with a <c>*</c> that is not <c>*</c> alone (which allows everything).</summary>
    public static bool IsWildcard(string entry) => entry.Length > 1 && entry.Contains('*', StringComparison.Ordinal);

    /// <summary>Glob matching, greedy with one backtrack point: time linear in the two lengths' product at worst, never a regex's blow-up.</summary>
    private static bool Matches(string pattern, string model)
    {
        int p = 0, m = 0, star = -1, resume = 0;
        while (m < model.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = m;
            }
            else if (p < pattern.Length && pattern[p] == model[m])
            {
                p++;
                m++;
            }
            else if (star >= 0)
            {
                p = star + 1;
                m = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
