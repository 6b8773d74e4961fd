namespace ProxyAdmin.Api.Http;

/// <summary>
/// Whether every update and delete must name the version it changes (<c>ProxyAdmin:RequireIfMatch</c>, default false):
/// when true, a write without <c>If-Match</c> is refused with 428 before anything is changed. Off by default because
/// LiteLLM's clients send no <c>If-Match</c> (README, "No lost edits").
/// </summary>
public sealed record ConditionalWriteSettings(bool RequireIfMatch)
{
    public const string SettingName = "ProxyAdmin__RequireIfMatch";

    private const string Key = "ProxyAdmin:RequireIfMatch";

    /// <summary>Reads the setting; a value that is not true or false stops the start.</summary>
    public static ConditionalWriteSettings Read(IConfiguration configuration)
    {
        var value = configuration[Key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return new ConditionalWriteSettings(RequireIfMatch: false);
        }

        return bool.TryParse(value.Trim(), out var required)
            ? new ConditionalWriteSettings(required)
            : throw new InvalidOperationException($"ProxyAdmin refuses to start: {SettingName} must be true or false.");
    }
}
