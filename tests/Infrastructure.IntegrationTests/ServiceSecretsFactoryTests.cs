using Microsoft.Extensions.Logging.Abstractions;
using ProxyAdmin.Infrastructure.Data;
using ProxyAdmin.Infrastructure.Security;

namespace ProxyAdmin.Infrastructure.IntegrationTests;

public sealed class ServiceSecretsFactoryTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory()
    {
        _directory = Path.Combine(Path.GetTempPath(), "proxyadmin-secrets-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    private DatabaseSettings Sqlite => new(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_directory, "proxyadmin.db")}");

    [TestCase("")]
    [TestCase("  \n")]
    public void AnEmptySaltKeyFileRefusesToStart(string content)
    {
        // An empty file (a crash between creating and writing it, a truncated restore) would otherwise derive the
        // data key from an empty string, which anyone with the database could repeat.
        File.WriteAllText(Path.Combine(_directory, ServiceSecretsFactory.SaltKeyFileName), content);

        var refused = Assert.Throws<InvalidOperationException>(() => ServiceSecretsFactory.Create("sk-master", null, [], null, Sqlite, TextWriter.Null, NullLogger.Instance));

        Assert.That(refused!.Message, Does.StartWith("ProxyAdmin refuses to start").And.Contain(ServiceSecretsFactory.SaltKeyFileName).And.Contain("empty"));
    }

    [Test]
    public void WithoutAMasterKeyOneIsGeneratedAndPrintedOnce()
    {
        var console = new StringWriter();

        ServiceSecretsFactory.Create(null, "salt", [], null, Sqlite, console, NullLogger.Instance);

        var printed = console.ToString();
        Assert.That(printed, Does.Match(@"Generated for this run only: sk-[A-Za-z0-9_-]{32}\s*$"));
    }

    [Test]
    public void AConfiguredMasterKeyIsNeverPrinted()
    {
        var console = new StringWriter();

        ServiceSecretsFactory.Create("sk-configured-master", "salt", [], null, Sqlite, console, NullLogger.Instance);

        Assert.That(console.ToString(), Is.Empty);
    }

    [Test]
    public void WithoutASaltKeySqliteKeepsAGeneratedOneBesideTheDatabaseForOwnerOnly()
    {
        ServiceSecretsFactory.Create("sk-master", null, [], null, Sqlite, TextWriter.Null, NullLogger.Instance);

        var path = Path.Combine(_directory, ServiceSecretsFactory.SaltKeyFileName);
        Assert.That(File.Exists(path), Is.True);
        var saltKey = File.ReadAllText(path);
        Assert.That(saltKey, Has.Length.GreaterThanOrEqualTo(40));
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        }

        // A second start reuses it: data encrypted under it stays readable.
        ServiceSecretsFactory.Create("sk-master", null, [], null, Sqlite, TextWriter.Null, NullLogger.Instance);
        Assert.That(File.ReadAllText(path), Is.EqualTo(saltKey));
    }

    private static KeyValuePair<string, string?>[] K2 => [KeyValuePair.Create("k2", (string?)"second-salt-key")];

    private string SaltKeyFile => Path.Combine(_directory, ServiceSecretsFactory.SaltKeyFileName);

    [Test]
    public void WithOtherSaltKeysSqliteGeneratesNoFileAndTheRingHasNoOriginalKey()
    {
        var secrets = ServiceSecretsFactory.Create("sk-master", null, K2, "k2", Sqlite, TextWriter.Null, NullLogger.Instance);

        Assert.That(File.Exists(SaltKeyFile), Is.False, "a file is generated only when no salt key at all is configured");
        Assert.That(secrets.Keyring.KeyIds, Is.EqualTo(new[] { "k2" }));
        Assert.That(secrets.Keyring.ActiveKeyId, Is.EqualTo("k2"));
    }

    [Test]
    public void WithOtherSaltKeysButNoOriginalTheActiveIdMustBeSetAndNoFileIsMade()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => ServiceSecretsFactory.Create("sk-master", null, K2, null, Sqlite, TextWriter.Null, NullLogger.Instance));

        Assert.That(refused!.Message, Does.StartWith("ProxyAdmin refuses to start: ProxyAdmin__ActiveSaltKeyId is not set"));
        Assert.That(File.Exists(SaltKeyFile), Is.False);
    }

    [Test]
    public void AnActiveIdNamingNoKeyRefusesToStartBeforeAnyFileIsMade()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => ServiceSecretsFactory.Create("sk-master", null, [], "k2", Sqlite, TextWriter.Null, NullLogger.Instance));

        Assert.That(refused!.Message, Is.EqualTo("ProxyAdmin refuses to start: ProxyAdmin__ActiveSaltKeyId names 'k2', which is not a configured salt key. Configured: none."));
        Assert.That(File.Exists(SaltKeyFile), Is.False, "no key is generated for a start that is refused");
    }

    [Test]
    public void WithNoSaltKeyAndOriginalActiveSqliteStillGeneratesItsFile()
    {
        var secrets = ServiceSecretsFactory.Create("sk-master", null, [], "Original", Sqlite, TextWriter.Null, NullLogger.Instance);

        Assert.That(File.Exists(SaltKeyFile), Is.True);
        Assert.That(secrets.Keyring.ActiveKeyId, Is.EqualTo("original"));
    }

    [Test]
    public void AnExistingSaltKeyFileStaysTheOriginalKeyWhenOtherKeysAreAdded()
    {
        // A SQLite service that started without a salt key, later given k2 to rotate to: what the file's key sealed
        // must stay readable.
        var first = new AesGcmSecretProtector(ServiceSecretsFactory.Create("sk-master", null, [], null, Sqlite, TextWriter.Null, NullLogger.Instance));
        var stored = first.Protect("sk-sealed-under-the-file-key");

        var secrets = ServiceSecretsFactory.Create("sk-master", null, K2, "k2", Sqlite, TextWriter.Null, NullLogger.Instance);
        var second = new AesGcmSecretProtector(secrets);

        Assert.That(second.KeyIds, Is.EqualTo(new[] { "original", "k2" }));
        Assert.That(second.Unprotect(stored), Is.EqualTo("sk-sealed-under-the-file-key"));
        Assert.That(second.Protect("x"), Does.StartWith("v3:gcm:k2:"));
    }

    [Test]
    public void AnEmptySaltKeyFileRefusesToStartEvenWithOtherKeys()
    {
        File.WriteAllText(SaltKeyFile, "");

        var refused = Assert.Throws<InvalidOperationException>(() => ServiceSecretsFactory.Create("sk-master", null, K2, "k2", Sqlite, TextWriter.Null, NullLogger.Instance));

        Assert.That(refused!.Message, Does.StartWith("ProxyAdmin refuses to start").And.Contain("empty"));
    }

    [Test]
    public void AnIdGivenTwiceInAnyCaseRefusesToStart()
    {
        KeyValuePair<string, string?>[] twice = [KeyValuePair.Create("k2", (string?)"second-salt-key"), KeyValuePair.Create("K2", (string?)"other-salt-key")];

        var refused = Assert.Throws<InvalidOperationException>(() => ServiceSecretsFactory.Create("sk-master", "salt", twice, null, Sqlite, TextWriter.Null, NullLogger.Instance));

        Assert.That(refused!.Message, Is.EqualTo("ProxyAdmin refuses to start: the salt key id 'K2' is configured twice (ids ignore case)."));
    }

    [TestCase(DatabaseProvider.SqlServer, "Server=nowhere;Database=x")]
    [TestCase(DatabaseProvider.Postgres, "Host=nowhere;Database=x")]
    public void WithoutASaltKeyAServerDatabaseRefusesToStart(DatabaseProvider provider, string connectionString)
    {
        var server = new DatabaseSettings(provider, connectionString);

        var refusal = Assert.Throws<InvalidOperationException>(() =>
            ServiceSecretsFactory.Create("sk-master", null, [], null, server, TextWriter.Null, NullLogger.Instance));

        Assert.That(refusal!.Message, Does.Contain("ProxyAdmin__SaltKey"));
    }
}
