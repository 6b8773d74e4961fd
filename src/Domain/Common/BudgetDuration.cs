using System.Globalization;
using System.Text.RegularExpressions;

namespace ProxyAdmin.Domain.Common;

/// <summary>
/// LiteLLM's duration strings: a positive whole number followed by <c>s</c>, <c>m</c>, <c>h</c>, <c>d</c>,
/// <c>w</c> or <c>mo</c> (calendar months), e.g. <c>30s</c>, <c>30m</c>, <c>30h</c>, <c>30d</c>, <c>1mo</c>,
/// at most <see cref="MaxYears"/> years long so that every date computed from one stays representable; and LiteLLM's
/// words for budget periods (<c>hourly</c> 1h, <c>daily</c> 24h, <c>weekly</c> 7d, <c>monthly</c> 30d, in any case),
/// kept as sent and read as those.
/// </summary>
public static partial class BudgetDuration
{
    public const int MaxLength = 16;
    public const int MaxYears = 1000;
    public const string FormatDescription = "a whole number followed by s, m, h, d, w or mo (e.g. 30s, 30m, 30h, 30d, 1mo), at most 1000 years, or hourly, daily, weekly or monthly";

    private const int MaxDays = MaxYears * 365;

    [GeneratedRegex(@"^(?<amount>[1-9][0-9]{0,5})(?<unit>mo|s|m|h|d|w)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool IsValid(string? value) => value is not null && Pattern().Match(Normalized(value)) is { Success: true } match && IsWithinMaximum(match);

    /// <summary>Refuses a duration <see cref="AddTo"/> could not add, so a verb can check it before it changes anything.</summary>
    public static void EnsureValid(string? duration)
    {
        if (duration is not null && !IsValid(duration))
        {
            throw new DomainRuleException("duration", $"Invalid duration '{duration}': expected {FormatDescription}.");
        }
    }

    /// <summary>The instant <paramref name="duration"/> after <paramref name="from"/>.</summary>
    public static DateTime AddTo(DateTime from, string duration)
    {
        EnsureValid(duration);
        var match = Pattern().Match(Normalized(duration));

        var amount = int.Parse(match.Groups["amount"].Value, CultureInfo.InvariantCulture);
        return match.Groups["unit"].Value switch
        {
            "s" => from.AddSeconds(amount),
            "m" => from.AddMinutes(amount),
            "h" => from.AddHours(amount),
            "d" => from.AddDays(amount),
            "w" => from.AddDays(7 * amount),
            _ => from.AddMonths(amount),
        };
    }

    /// <summary>LiteLLM's words (<c>_BUDGET_DURATION_WORD_ALIASES</c>): trimmed and in any case, as LiteLLM reads them.</summary>
    private static string Normalized(string duration) => duration.Trim().ToLowerInvariant() switch
    {
        "hourly" => "1h",
        "daily" => "24h",
        "weekly" => "7d",
        "monthly" => "30d",
        _ => duration,
    };

    /// <summary>Six digits of seconds, minutes or hours stay under 115 years; longer units are bounded explicitly.</summary>
    private static bool IsWithinMaximum(Match match)
    {
        var amount = int.Parse(match.Groups["amount"].Value, CultureInfo.InvariantCulture);
        return match.Groups["unit"].Value switch
        {
            "mo" => amount <= MaxYears * 12,
            "w" => amount * 7 <= MaxDays,
            "d" => amount <= MaxDays,
            _ => true,
        };
    }
}
