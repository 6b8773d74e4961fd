using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using ProxyAdmin.Infrastructure.Data;
using ProxyAdmin.Infrastructure.Security;

namespace ProxyAdmin.Infrastructure.IntegrationTests;

/// <summary>The configuration keys, defaults and start-up errors the service has always had, read by Infrastructure.</summary>
public sealed class SettingsReaderTests
{
    private static IConfiguration Configuration(params (string Key, string? Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, s.Value))).Build();

    private static void AssertOnlyOriginalKeyIs(ServiceSecrets secrets, string saltKey)
    {
        Assert.That(secrets.Keyring.KeyIds, Is.EqualTo(new[] { SaltKeyring.OriginalKeyId }));
        Assert.That(secrets.Keyring.ActiveKeyId, Is.EqualTo(SaltKeyring.OriginalKeyId));
        Assert.That(secrets.Keyring.Active.DataKey, Is.EqualTo(SaltKeyring.DeriveKey(saltKey)));
    }

    [Test]
    public void WithNothingConfiguredTheEmbeddedDefaultsApply()
    {
        var configuration = Configuration();

        Assert.That(SettingsReader.Database(configuration), Is.EqualTo(new DatabaseSettings(DatabaseProvider.Sqlite, DatabaseSettings.DefaultSqliteConnectionString, MigrateOnStartup: true)));
        Assert.That(SettingsReader.ModelManagement(configuration).StoreModelInDb, Is.True);
        Assert.That(SettingsReader.Alerting(configuration).WebhookUrl, Is.Null);
        Assert.That(SettingsReader.ConfigModels(configuration), Is.SameAs(Models.YamlConfigModelCatalog.Empty));
    }

    [Test]
    public void TheDatabaseIsChosenByProviderConnectionStringAndMigrationSwitch()
    {
        var configuration = Configuration(
            ("ProxyAdmin:Database:Provider", "SqlServer"),
            ("ConnectionStrings:ProxyAdmin", "Server=db;Database=proxyadmin"),
            ("ProxyAdmin:Database:MigrateOnStartup", "false"));

        Assert.That(SettingsReader.Database(configuration), Is.EqualTo(new DatabaseSettings(DatabaseProvider.SqlServer, "Server=db;Database=proxyadmin", MigrateOnStartup: false)));
    }

    [TestCase("Postgres")]
    [TestCase("postgres")]
    public void PostgresIsChosenByItsProviderName(string name)
    {
        var configuration = Configuration(("ProxyAdmin:Database:Provider", name), ("ConnectionStrings:ProxyAdmin", "Host=db;Database=proxyadmin"));

        Assert.That(SettingsReader.Database(configuration), Is.EqualTo(new DatabaseSettings(DatabaseProvider.Postgres, "Host=db;Database=proxyadmin")));
    }

    [Test]
    public void LiteLlmNamesAreReadWhenProxyAdminNamesAreAbsent()
    {
        var configuration = Configuration(("LITELLM_MASTER_KEY", "sk-litellm-master"), ("LITELLM_SALT_KEY", "litellm-salt"), ("STORE_MODEL_IN_DB", "false"));

        var secrets = SettingsReader.Secrets(configuration, SettingsReader.Database(configuration), TextWriter.Null, NullLogger.Instance);

        Assert.That(secrets.MasterKeyHash, Is.EqualTo(SHA256.HashData(Encoding.UTF8.GetBytes("sk-litellm-master"))));
        AssertOnlyOriginalKeyIs(secrets, "litellm-salt");
        Assert.That(SettingsReader.ModelManagement(configuration).StoreModelInDb, Is.False);
    }

    [Test]
    public void AnEmptyProxyAdminNameFallsBackToTheLiteLlmName()
    {
        // An empty ProxyAdmin__MasterKey must not hide LITELLM_MASTER_KEY: that would generate a new master key
        // (locking admins out) or a new salt file (making stored credentials unreadable).
        var configuration = Configuration(
            ("ProxyAdmin:MasterKey", ""), ("LITELLM_MASTER_KEY", "sk-litellm-master"),
            ("ProxyAdmin:SaltKey", " "), ("LITELLM_SALT_KEY", "litellm-salt"));
        var console = new StringWriter();

        var secrets = SettingsReader.Secrets(configuration, SettingsReader.Database(configuration), console, NullLogger.Instance);

        Assert.That(secrets.MasterKeyHash, Is.EqualTo(SHA256.HashData(Encoding.UTF8.GetBytes("sk-litellm-master"))));
        AssertOnlyOriginalKeyIs(secrets, "litellm-salt");
        Assert.That(console.ToString(), Is.Empty, "no master key was generated");
    }

    [Test]
    public void ProxyAdminNamesWinOverLiteLlmNames()
    {
        var configuration = Configuration(
            ("ProxyAdmin:MasterKey", "sk-proxyadmin-master"),
            ("LITELLM_MASTER_KEY", "sk-litellm-master"),
            ("ProxyAdmin:SaltKey", "proxyadmin-salt"),
            ("LITELLM_SALT_KEY", "litellm-salt"),
            ("ProxyAdmin:StoreModelInDb", "true"),
            ("STORE_MODEL_IN_DB", "false"));

        var secrets = SettingsReader.Secrets(configuration, SettingsReader.Database(configuration), TextWriter.Null, NullLogger.Instance);

        Assert.That(secrets.MasterKeyHash, Is.EqualTo(SHA256.HashData(Encoding.UTF8.GetBytes("sk-proxyadmin-master"))));
        AssertOnlyOriginalKeyIs(secrets, "proxyadmin-salt");
        Assert.That(SettingsReader.ModelManagement(configuration).StoreModelInDb, Is.True);
    }

    private static ServiceSecrets SecretsOf(params (string Key, string? Value)[] settings)
    {
        var configuration = Configuration([("ProxyAdmin:MasterKey", "sk-master"), .. settings]);
        return SettingsReader.Secrets(configuration, SettingsReader.Database(configuration), TextWriter.Null, NullLogger.Instance);
    }

    private static string RefusalOf(params (string Key, string? Value)[] settings) =>
        Assert.Throws<InvalidOperationException>(() => SecretsOf(settings))!.Message;

    [Test]
    public void FurtherSaltKeysAreReadByIdAndTheActiveOneIsChosen()
    {
        var secrets = SecretsOf(
            ("LITELLM_SALT_KEY", "litellm-salt"),
            ("ProxyAdmin:SaltKeys:k2", "second-salt"),
            ("ProxyAdmin:SaltKeys:2027_Q1-b", "third-salt"),
            ("ProxyAdmin:ActiveSaltKeyId", "k2"));

        Assert.That(secrets.Keyring.KeyIds, Is.EquivalentTo(new[] { "original", "k2", "2027_Q1-b" }));
        Assert.That(secrets.Keyring.KeyIds[0], Is.EqualTo("original"));
        Assert.That(secrets.Keyring.ActiveKeyId, Is.EqualTo("k2"));
        Assert.That(secrets.Keyring.Active.DataKey, Is.EqualTo(SaltKeyring.DeriveKey("second-salt")));
        Assert.That(secrets.Keyring.TryGet("original", out var original) && original.DataKey.SequenceEqual(SaltKeyring.DeriveKey("litellm-salt")), Is.True);
    }

    [Test]
    public void WithoutAnActiveIdTheOriginalKeySealsNewValues()
    {
        var secrets = SecretsOf(("ProxyAdmin:SaltKey", "proxyadmin-salt"), ("ProxyAdmin:SaltKeys:k2", "second-salt"), ("ProxyAdmin:ActiveSaltKeyId", " "));

        Assert.That(secrets.Keyring.ActiveKeyId, Is.EqualTo("original"));
        Assert.That(secrets.Keyring.KeyIds, Is.EqualTo(new[] { "original", "k2" }));
    }

    [Test]
    public void AServerDatabaseMayRunWithoutAnOriginalKeyWhenAnotherIsActive()
    {
        var secrets = SecretsOf(("ProxyAdmin:Database:Provider", "Postgres"), ("ProxyAdmin:SaltKeys:k2", "second-salt"), ("ProxyAdmin:ActiveSaltKeyId", "k2"));

        Assert.That(secrets.Keyring.KeyIds, Is.EqualTo(new[] { "k2" }));
        Assert.That(secrets.Keyring.ActiveKeyId, Is.EqualTo("k2"));
    }

    [TestCase("bad.id")]
    [TestCase("bad id")]
    [TestCase("k\u00e9")]
    [TestCase("an-id-of-thirty-three-characters3")]
    public void AMalformedSaltKeyIdRefusesToStart(string id)
    {
        id = System.Text.RegularExpressions.Regex.Unescape(id);

        Assert.That(
            RefusalOf(("ProxyAdmin:SaltKey", "salt"), ($"ProxyAdmin:SaltKeys:{id}", "second-salt")),
            Is.EqualTo($"ProxyAdmin refuses to start: ProxyAdmin__SaltKeys__{id}: a salt key id is 1 to 32 letters, digits, '_' or '-'."));
    }

    [Test]
    public void AThirtyTwoCharacterIdIsAccepted() =>
        Assert.That(SecretsOf(("ProxyAdmin:SaltKeys:" + new string('k', 32), "second-salt"), ("ProxyAdmin:SaltKey", "salt")).Keyring.KeyIds, Has.Member(new string('k', 32)));

    [TestCase("original")]
    [TestCase("Original")]
    public void TheIdOriginalIsReservedForTheSaltKey(string id)
    {
        var refusal = RefusalOf(("ProxyAdmin:SaltKey", "salt"), ($"ProxyAdmin:SaltKeys:{id}", "second-salt"));

        Assert.That(refusal, Does.StartWith($"ProxyAdmin refuses to start: ProxyAdmin__SaltKeys__{id}: the id 'original' is reserved for ProxyAdmin__SaltKey"));
        Assert.That(refusal, Does.Not.Contain("second-salt"));
    }

    [TestCase("")]
    [TestCase("   ")]
    public void AnEmptyNamedSaltKeyRefusesToStart(string secret) =>
        Assert.That(
            RefusalOf(("ProxyAdmin:SaltKey", "salt"), ("ProxyAdmin:SaltKeys:k2", secret)),
            Is.EqualTo("ProxyAdmin refuses to start: ProxyAdmin__SaltKeys__k2 is empty. Set it to a long random secret, or remove the setting."));

    [Test]
    public void ANamedSaltKeyGivenAsASectionRefusesToStart() =>
        Assert.That(
            RefusalOf(("ProxyAdmin:SaltKey", "salt"), ("ProxyAdmin:SaltKeys:k2:secret", "second-salt")),
            Does.StartWith("ProxyAdmin refuses to start: ProxyAdmin__SaltKeys__k2 is empty."));

    [Test]
    public void TheSaltKeysSectionGivenOneValueRefusesToStart()
    {
        var refusal = RefusalOf(("ProxyAdmin:SaltKey", "salt"), ("ProxyAdmin:SaltKeys", "second-salt"));

        Assert.That(refusal, Does.StartWith("ProxyAdmin refuses to start: ProxyAdmin__SaltKeys holds a value; set each key as ProxyAdmin__SaltKeys__<id>=<secret>."));
        Assert.That(refusal, Does.Not.Contain("second-salt"));
    }

    [TestCase("k3")]
    [TestCase("original")]
    public void AnActiveIdThatNamesNoConfiguredKeyRefusesToStart(string active)
    {
        // "original" too, on a server database configured with k2 alone: there is no original key to activate.
        var refusal = RefusalOf(("ProxyAdmin:Database:Provider", "Postgres"), ("ProxyAdmin:SaltKeys:k2", "second-salt"), ("ProxyAdmin:ActiveSaltKeyId", active));

        Assert.That(refusal, Is.EqualTo($"ProxyAdmin refuses to start: ProxyAdmin__ActiveSaltKeyId names '{active}', which is not a configured salt key. Configured: k2."));
    }

    [Test]
    public void AMalformedActiveIdIsNotEchoed()
    {
        var refusal = RefusalOf(("ProxyAdmin:SaltKey", "salt"), ("ProxyAdmin:ActiveSaltKeyId", "sk-pasted secret"));

        Assert.That(refusal, Is.EqualTo("ProxyAdmin refuses to start: ProxyAdmin__ActiveSaltKeyId names 'a malformed id', which is not a configured salt key. Configured: original."));
    }

    [Test]
    public void WithoutAnOriginalKeyTheActiveIdMustBeSet() =>
        Assert.That(
            RefusalOf(("ProxyAdmin:Database:Provider", "Postgres"), ("ProxyAdmin:SaltKeys:k2", "second-salt"), ("ProxyAdmin:SaltKeys:k3", "third-salt")),
            Is.EqualTo("ProxyAdmin refuses to start: ProxyAdmin__ActiveSaltKeyId is not set and there is no original salt key (ProxyAdmin__SaltKey) to default to. Set it to one of: k2, k3."));

    [TestCase("Postgres")]
    [TestCase("SqlServer")]
    public void AServerDatabaseWithNoSaltKeyAtAllStillRefusesToStart(string provider) =>
        Assert.That(RefusalOf(("ProxyAdmin:Database:Provider", provider), ("ProxyAdmin:ActiveSaltKeyId", "k2")), Does.StartWith("ProxyAdmin refuses to start: no salt key configured. Set ProxyAdmin__SaltKey"));

    [Test]
    public void AWebhookUrlMustBeAbsolute()
    {
        Assert.That(SettingsReader.Alerting(Configuration(("ProxyAdmin:Alerting:WebhookUrl", "https://hooks.example.invalid/x"))).WebhookUrl, Is.EqualTo(new Uri("https://hooks.example.invalid/x")));

        var refused = Assert.Throws<InvalidOperationException>(() => SettingsReader.Alerting(Configuration(("ProxyAdmin:Alerting:WebhookUrl", "hooks/x"))));
        Assert.That(refused!.Message, Is.EqualTo("ProxyAdmin refuses to start: ProxyAdmin__Alerting__WebhookUrl is not an absolute URL."));
    }

    [Test]
    public void TheRevisionIsPolledEvery100MsAndWaitedForUpTo5SUnlessConfigured()
    {
        Assert.That(SettingsReader.Revision(Configuration()), Is.EqualTo(new Revisions.RevisionSettings(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5))));
        Assert.That(
            SettingsReader.Revision(Configuration(("ProxyAdmin:Revision:PollIntervalMilliseconds", "250"), ("ProxyAdmin:Revision:MaxWaitMilliseconds", "0"), ("ProxyAdmin:Revision:Listen", "false"))),
            Is.EqualTo(new Revisions.RevisionSettings(TimeSpan.FromMilliseconds(250), TimeSpan.Zero, Listen: false)));
    }

    [TestCase("ProxyAdmin:Revision:PollIntervalMilliseconds", "0")]
    [TestCase("ProxyAdmin:Revision:PollIntervalMilliseconds", "fast")]
    [TestCase("ProxyAdmin:Revision:MaxWaitMilliseconds", "-1")]
    [TestCase("ProxyAdmin:Revision:MaxWaitMilliseconds", "1.5")]
    public void ABadRevisionSettingStopsTheStartNamingIt(string key, string value)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => SettingsReader.Revision(Configuration((key, value))));

        Assert.That(refused!.Message, Does.StartWith("ProxyAdmin refuses to start: " + key.Replace(":", "__", StringComparison.Ordinal)));
    }

    [Test]
    public void AFirstAnswerIsKeptForReplay24HoursAndPurgedEvery10MinutesUnlessConfigured()
    {
        Assert.That(
            SettingsReader.Idempotency(Configuration()),
            Is.EqualTo(new Application.Common.Idempotency.IdempotencySettings(TimeSpan.FromHours(24), TimeSpan.FromMinutes(10))));
        Assert.That(
            SettingsReader.Idempotency(Configuration(("ProxyAdmin:Idempotency:WindowMinutes", "90"), ("ProxyAdmin:Idempotency:PurgeIntervalMilliseconds", "5000"))),
            Is.EqualTo(new Application.Common.Idempotency.IdempotencySettings(TimeSpan.FromMinutes(90), TimeSpan.FromSeconds(5))));
    }

    [TestCase("ProxyAdmin:Idempotency:WindowMinutes", "0")]
    [TestCase("ProxyAdmin:Idempotency:WindowMinutes", "43201")]
    [TestCase("ProxyAdmin:Idempotency:WindowMinutes", "1.5")]
    [TestCase("ProxyAdmin:Idempotency:WindowMinutes", "a day")]
    [TestCase("ProxyAdmin:Idempotency:PurgeIntervalMilliseconds", "0")]
    public void ABadIdempotencySettingStopsTheStartNamingIt(string key, string value)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => SettingsReader.Idempotency(Configuration((key, value))));

        Assert.That(refused!.Message, Does.StartWith("ProxyAdmin refuses to start: " + key.Replace(":", "__", StringComparison.Ordinal)));
    }
}
