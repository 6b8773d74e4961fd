using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using ProxyAdmin.Application.Common.Idempotency;
using ProxyAdmin.Application.Models;
using ProxyAdmin.Infrastructure.Data;
using ProxyAdmin.Infrastructure.Encryption;
using ProxyAdmin.Infrastructure.Models;
using ProxyAdmin.Infrastructure.Revisions;
using ProxyAdmin.Infrastructure.Security;

namespace ProxyAdmin.Infrastructure;

/// <summary>
/// Every configuration key the service's infrastructure reads, with its default and its start-up error, in
/// one place. Each is read once, while the services are registered (before the host is built), so a wrong
/// setting stops the service at start rather than at its first request.
/// </summary>
internal static class SettingsReader
{
    public static DatabaseSettings Database(IConfiguration configuration) => new(
        configuration.GetValue("ProxyAdmin:Database:Provider", DatabaseProvider.Sqlite),
        configuration.GetConnectionString("ProxyAdmin") ?? DatabaseSettings.DefaultSqliteConnectionString,
        configuration.GetValue("ProxyAdmin:Database:MigrateOnStartup", true));

    /// <summary>
    /// The master key and the salt keyring: the original salt key (<c>ProxyAdmin:SaltKey</c>, <c>LITELLM_SALT_KEY</c>),
    /// further keys by id (<c>ProxyAdmin:SaltKeys:&lt;id&gt;</c>) and the one new values are sealed under
    /// (<c>ProxyAdmin:ActiveSaltKeyId</c>, default <c>original</c>); <see cref="SaltKeyring"/> refuses a bad one.
    /// </summary>
    /// <param name="console">Receives a generated master key, once; a logger never does.</param>
    /// <param name="startupLogger">Receives the warning about a generated salt key file.</param>
    public static ServiceSecrets Secrets(IConfiguration configuration, DatabaseSettings database, TextWriter console, ILogger startupLogger)
    {
        var saltKeys = configuration.GetSection("ProxyAdmin:SaltKeys");
        if (!string.IsNullOrEmpty(saltKeys.Value))
        {
            throw new InvalidOperationException(
                "ProxyAdmin refuses to start: ProxyAdmin__SaltKeys holds a value; set each key as ProxyAdmin__SaltKeys__<id>=<secret>.");
        }

        return ServiceSecretsFactory.Create(
            FirstSet(configuration["ProxyAdmin:MasterKey"], configuration["LITELLM_MASTER_KEY"]),
            FirstSet(configuration["ProxyAdmin:SaltKey"], configuration["LITELLM_SALT_KEY"]),
            [.. saltKeys.GetChildren().Select(key => KeyValuePair.Create(key.Key, key.Value))],
            configuration["ProxyAdmin:ActiveSaltKeyId"],
            database,
            console,
            startupLogger);
    }

    public static IConfigModelCatalog ConfigModels(IConfiguration configuration)
    {
        var configFile = configuration["ProxyAdmin:ConfigFile"];
        return string.IsNullOrWhiteSpace(configFile) ? YamlConfigModelCatalog.Empty : YamlConfigModelCatalog.Load(configFile);
    }

    public static AlertingSettings Alerting(IConfiguration configuration)
    {
        var webhook = configuration["ProxyAdmin:Alerting:WebhookUrl"];
        return new AlertingSettings(
            string.IsNullOrWhiteSpace(webhook) ? null
            : Uri.TryCreate(webhook, UriKind.Absolute, out var webhookUrl) ? webhookUrl
            : throw new InvalidOperationException($"ProxyAdmin refuses to start: ProxyAdmin__Alerting__WebhookUrl is not an absolute URL."));
    }

    public static ModelManagementSettings ModelManagement(IConfiguration configuration) => new(
        configuration.GetValue<bool?>("ProxyAdmin:StoreModelInDb") ?? configuration.GetValue("STORE_MODEL_IN_DB", true));

    public static RevisionSettings Revision(IConfiguration configuration) => new(
        Milliseconds(configuration, "ProxyAdmin:Revision:PollIntervalMilliseconds", RevisionSettings.DefaultPollInterval, minimum: 1),
        Milliseconds(configuration, "ProxyAdmin:Revision:MaxWaitMilliseconds", RevisionSettings.DefaultMaxWait, minimum: 0),
        configuration.GetValue("ProxyAdmin:Revision:Listen", true));

    public static EncryptionRotationSettings EncryptionRotation(IConfiguration configuration)
    {
        var batchSize = configuration["ProxyAdmin:Encryption:RotationBatchSize"];
        return new EncryptionRotationSettings(
            string.IsNullOrWhiteSpace(batchSize) ? EncryptionRotationSettings.DefaultBatchSize
            : int.TryParse(batchSize, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var size) && size is >= 1 and <= EncryptionRotationSettings.MaxBatchSize ? size
            : throw new InvalidOperationException($"ProxyAdmin refuses to start: ProxyAdmin__Encryption__RotationBatchSize must be a whole number from 1 to {EncryptionRotationSettings.MaxBatchSize}."),
            Milliseconds(configuration, "ProxyAdmin:Encryption:RotationPauseMilliseconds", EncryptionRotationSettings.DefaultPause, minimum: 0),
            Milliseconds(configuration, "ProxyAdmin:Encryption:RotationPollMilliseconds", EncryptionRotationSettings.DefaultPollInterval, minimum: 10));
    }

    public static IdempotencySettings Idempotency(IConfiguration configuration)
    {
        var minutes = configuration["ProxyAdmin:Idempotency:WindowMinutes"];
        var window = string.IsNullOrWhiteSpace(minutes) ? IdempotencySettings.DefaultWindow
            : int.TryParse(minutes, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
                && value >= 1 && TimeSpan.FromMinutes(value) <= IdempotencySettings.MaxWindow ? TimeSpan.FromMinutes(value)
            : throw new InvalidOperationException(
                $"ProxyAdmin refuses to start: ProxyAdmin__Idempotency__WindowMinutes must be a whole number of minutes from 1 to {IdempotencySettings.MaxWindow.TotalMinutes:0}.");
        return new IdempotencySettings(
            window,
            Milliseconds(configuration, "ProxyAdmin:Idempotency:PurgeIntervalMilliseconds", IdempotencySettings.DefaultPurgeInterval, minimum: 10));
    }

    private static TimeSpan Milliseconds(IConfiguration configuration, string key, TimeSpan fallback, int minimum)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        return int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var milliseconds) && milliseconds >= minimum
            ? TimeSpan.FromMilliseconds(milliseconds)
            : throw new InvalidOperationException(
                $"ProxyAdmin refuses to start: {key.Replace(":", "__", StringComparison.Ordinal)} must be a whole number of milliseconds, at least {minimum}.");
    }

    /// <summary>An empty setting counts as absent, so <c>ProxyAdmin__MasterKey=</c> cannot hide <c>LITELLM_MASTER_KEY</c>.</summary>
    private static string? FirstSet(params string?[] values) => values.FirstOrDefault(value => !string.IsNullOrWhiteSpace(value));
}
