using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using ProxyAdmin.Infrastructure.Data;

namespace ProxyAdmin.Infrastructure.IntegrationTests;

/// <summary>The configuration keys, defaults and start-up errors the service has always had, read by Infrastructure.</summary>
public sealed class SettingsReaderTests
{
    private static IConfiguration Configuration(params (string Key, string? Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, s.Value))).Build();

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
        Assert.That(secrets.SaltKey, Is.EqualTo("litellm-salt"));
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
        Assert.That(secrets.SaltKey, Is.EqualTo("litellm-salt"));
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
        Assert.That(secrets.SaltKey, Is.EqualTo("proxyadmin-salt"));
        Assert.That(SettingsReader.ModelManagement(configuration).StoreModelInDb, Is.True);
    }

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
}
