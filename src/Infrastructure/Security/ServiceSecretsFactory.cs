using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using ProxyAdmin.Infrastructure.Data;

namespace ProxyAdmin.Infrastructure.Security;

/// <summary>
/// Decides the master and salt keys at start. There is never an unauthenticated admin: without a
/// configured master key one is generated for this run and printed once. Without a configured original salt key,
/// the embedded SQLite database reads the one kept beside it, or gets one generated once when no other salt key
/// (<c>ProxyAdmin__SaltKeys__&lt;id&gt;</c>) is configured either; a server database refuses to start without any
/// salt key, because a key lost with a container would make every stored credential unreadable.
/// </summary>
public static partial class ServiceSecretsFactory
{
    public const string SaltKeyFileName = "proxyadmin.salt";

    /// <param name="saltKey">The original salt key (<c>ProxyAdmin__SaltKey</c> or <c>LITELLM_SALT_KEY</c>), or null.</param>
    /// <param name="saltKeys">The further salt keys (<c>ProxyAdmin__SaltKeys__&lt;id&gt;</c>), id and secret.</param>
    /// <param name="activeSaltKeyId"><c>ProxyAdmin__ActiveSaltKeyId</c>, or null for the original key.</param>
    public static ServiceSecrets Create(
        string? masterKey,
        string? saltKey,
        IReadOnlyList<KeyValuePair<string, string?>> saltKeys,
        string? activeSaltKeyId,
        DatabaseSettings database,
        TextWriter console,
        ILogger logger)
    {
        if (string.IsNullOrWhiteSpace(masterKey))
        {
            masterKey = "sk-" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24));

            // Straight to the console, not the logger: log sinks are shipped and kept, the console of this run is not.
            console.WriteLine($"ProxyAdmin: no master key configured (ProxyAdmin__MasterKey or LITELLM_MASTER_KEY). Generated for this run only: {masterKey}");
        }

        if (string.IsNullOrWhiteSpace(saltKey))
        {
            saltKey = database.Provider switch
            {
                // An existing file is still the original key when other keys are added (values sealed under it stay
                // readable); a new one is made only for a service configured with no salt key at all, and not when
                // the start is about to be refused for an active id that names a key nobody configured.
                DatabaseProvider.Sqlite => LoadOrCreateSaltKeyFile(
                    database.ConnectionString,
                    create: saltKeys.Count == 0 && (string.IsNullOrWhiteSpace(activeSaltKeyId) || string.Equals(activeSaltKeyId, SaltKeyring.OriginalKeyId, StringComparison.OrdinalIgnoreCase)),
                    logger),
                _ when saltKeys.Count > 0 => null,
                _ => throw new InvalidOperationException(
                    "ProxyAdmin refuses to start: no salt key configured. Set ProxyAdmin__SaltKey (or LITELLM_SALT_KEY) to a long random secret and keep it: it encrypts stored provider credentials, which become unreadable without it."),
            };
        }

        return new ServiceSecrets(masterKey, new SaltKeyring(saltKey, saltKeys, activeSaltKeyId));
    }

    /// <returns>The key in the file; or, when there is none, a new one written there if <paramref name="create"/>, else null.</returns>
    private static string? LoadOrCreateSaltKeyFile(string connectionString, bool create, ILogger logger)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource)) ?? Directory.GetCurrentDirectory();
        var path = Path.Combine(directory, SaltKeyFileName);
        if (File.Exists(path))
        {
            var stored = File.ReadAllText(path).Trim();

            // Never derive the data key from an empty string: anyone with the database could do the same.
            return stored.Length > 0
                ? stored
                : throw new InvalidOperationException(
                    $"ProxyAdmin refuses to start: the salt key file '{path}' ({SaltKeyFileName}) is empty. Restore it from the backup taken with the database, or set ProxyAdmin__SaltKey; delete the file only if no credential was ever stored.");
        }

        if (!create)
        {
            return null;
        }

        var saltKey = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        Directory.CreateDirectory(directory);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(path, options))
        {
            writer.Write(saltKey);
        }

        LogSaltKeyFileCreated(logger, path);
        return saltKey;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No salt key configured: generated one and stored it in {SaltKeyFile} (owner-only). Back it up with the database, or set ProxyAdmin__SaltKey.")]
    private static partial void LogSaltKeyFileCreated(ILogger logger, string saltKeyFile);
}
