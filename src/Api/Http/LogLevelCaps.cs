using Microsoft.Extensions.Options;

namespace ProxyAdmin.Api.Http;

/// <summary>
/// Raises the minimum level of some log categories to at least a cap, and never lowers one: a category configured
/// stricter than its cap stays as configured. Runs after every configured and coded filter rule is in place
/// (post-configure), works out, for every provider that has rules of its own and for all the others, the level that
/// would apply to the capped category, and adds a rule at the stricter of that level and the cap; rules for narrower
/// categories below a capped one are raised to the cap as well, so no setting, provider-specific or narrower, can
/// switch a capped category below its cap.
/// </summary>
public sealed class LogLevelCaps(IReadOnlyDictionary<string, LogLevel> caps) : IPostConfigureOptions<LoggerFilterOptions>
{
    public void PostConfigure(string? name, LoggerFilterOptions options)
    {
        var providers = options.Rules.Select(r => r.ProviderName).Where(p => p is not null).Distinct(StringComparer.Ordinal).Prepend(null).ToList();
        var added = new List<LoggerFilterRule>();
        foreach (var (category, cap) in caps)
        {
            foreach (var provider in providers)
            {
                var applying = Select(options.Rules, provider, category);
                var level = applying?.LogLevel ?? options.MinLevel;
                added.Add(new LoggerFilterRule(provider, category, Stricter(level, cap), applying?.Filter));
            }
        }

        for (var i = 0; i < options.Rules.Count; i++)
        {
            var rule = options.Rules[i];
            if (rule.CategoryName is { } ruleCategory && caps.FirstOrDefault(c => IsUnder(ruleCategory, c.Key)) is { Key: not null } narrowerCap)
            {
                options.Rules[i] = new LoggerFilterRule(rule.ProviderName, ruleCategory, Stricter(rule.LogLevel ?? options.MinLevel, narrowerCap.Value), rule.Filter);
            }
        }

        foreach (var rule in added)
        {
            options.Rules.Add(rule);
        }
    }

    private static LogLevel Stricter(LogLevel configured, LogLevel cap) => configured > cap ? configured : cap;

    /// <summary><paramref name="category"/> is <paramref name="capped"/> or a category beneath it.</summary>
    private static bool IsUnder(string category, string capped) =>
        category.StartsWith(capped, StringComparison.OrdinalIgnoreCase)
        && (category.Length == capped.Length || category[capped.Length] == '.');

    /// <summary>
    /// The rule Microsoft.Extensions.Logging would pick for <paramref name="provider"/> (null: a provider without rules of
    /// its own) and <paramref name="category"/>: a provider's own rule before a general one, then the longest matching
    /// category, the last one added on a tie. A wildcard category is taken to match, so its level is never lowered.
    /// </summary>
    private static LoggerFilterRule? Select(IEnumerable<LoggerFilterRule> rules, string? provider, string category)
    {
        LoggerFilterRule? current = null;
        foreach (var rule in rules)
        {
            if ((rule.ProviderName is not null && rule.ProviderName != provider)
                || (rule.CategoryName is { } ruleCategory && !Matches(category, ruleCategory)))
            {
                continue;
            }

            if (current?.ProviderName is not null && rule.ProviderName is null)
            {
                continue;
            }

            var providerWins = current is not null && current.ProviderName is null && rule.ProviderName is not null;
            if (!providerWins && current?.CategoryName is { } currentCategory
                && (rule.CategoryName is null || currentCategory.Length > rule.CategoryName.Length))
            {
                continue;
            }

            current = rule;
        }

        return current;
    }

    private static bool Matches(string category, string ruleCategory)
    {
        var star = ruleCategory.IndexOf('*', StringComparison.Ordinal);
        if (star < 0)
        {
            return category.StartsWith(ruleCategory, StringComparison.OrdinalIgnoreCase);
        }

        var prefix = ruleCategory[..star];
        var suffix = ruleCategory[(star + 1)..];
        return category.Length >= prefix.Length + suffix.Length
            && category.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            && category.EndsWith(suffix, StringComparison.OrdinalIgnoreCase);
    }
}
