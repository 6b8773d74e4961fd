using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using ProxyAdmin.Infrastructure.Data;

namespace ProxyAdmin.Infrastructure.Security;

/// <summary>
/// Decides the master and salt keys at start. There is never an unauthenticated admin: without a
/// configured master key one is generated for this run and printed once. Without a configured salt key,
/// the embedded SQLite database gets one generated once and kept beside it; SQL Server refuses to start,
/// because a key lost with a container would make every stored credential unreadable.
/// </summary>
public static partial class ServiceSecretsFactory
{
    public const string SaltKeyFileName = "proxyadmin.salt";

    public static ServiceSecrets Create(string? masterKey, string? saltKey, DatabaseSettings database, TextWriter console, ILogger logger)
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
                DatabaseProvider.Sqlite => LoadOrCreateSaltKeyFile(database.ConnectionString, logger),
                _ => throw new InvalidOperationException(
                    "ProxyAdmin refuses to start: no salt key configured. Set ProxyAdmin__SaltKey (or LITELLM_SALT_KEY) to a long random secret and keep it: it encrypts stored provider credentials, which become unreadable without it."),
            };
        }

        return new ServiceSecrets(masterKey, saltKey);
    }

    private static string LoadOrCreateSaltKeyFile(string connectionString, ILogger logger)
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
