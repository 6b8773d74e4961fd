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

        var refused = Assert.Throws<InvalidOperationException>(() => ServiceSecretsFactory.Create("sk-master", null, Sqlite, TextWriter.Null, NullLogger.Instance));

        Assert.That(refused!.Message, Does.StartWith("ProxyAdmin refuses to start").And.Contain(ServiceSecretsFactory.SaltKeyFileName).And.Contain("empty"));
    }

    [Test]
    public void WithoutAMasterKeyOneIsGeneratedAndPrintedOnce()
    {
        var console = new StringWriter();

        ServiceSecretsFactory.Create(null, "salt", Sqlite, console, NullLogger.Instance);

        var printed = console.ToString();
        Assert.That(printed, Does.Match(@"Generated for this run only: sk-[A-Za-z0-9_-]{32}\s*$"));
    }

    [Test]
    public void AConfiguredMasterKeyIsNeverPrinted()
    {
        var console = new StringWriter();

        ServiceSecretsFactory.Create("sk-configured-master", "salt", Sqlite, console, NullLogger.Instance);

        Assert.That(console.ToString(), Is.Empty);
    }

    [Test]
    public void WithoutASaltKeySqliteKeepsAGeneratedOneBesideTheDatabaseForOwnerOnly()
    {
        ServiceSecretsFactory.Create("sk-master", null, Sqlite, TextWriter.Null, NullLogger.Instance);

        var path = Path.Combine(_directory, ServiceSecretsFactory.SaltKeyFileName);
        Assert.That(File.Exists(path), Is.True);
        var saltKey = File.ReadAllText(path);
        Assert.That(saltKey, Has.Length.GreaterThanOrEqualTo(40));
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        }

        // A second start reuses it: data encrypted under it stays readable.
        ServiceSecretsFactory.Create("sk-master", null, Sqlite, TextWriter.Null, NullLogger.Instance);
        Assert.That(File.ReadAllText(path), Is.EqualTo(saltKey));
    }

    [TestCase(DatabaseProvider.SqlServer, "Server=nowhere;Database=x")]
    [TestCase(DatabaseProvider.Postgres, "Host=nowhere;Database=x")]
    public void WithoutASaltKeyAServerDatabaseRefusesToStart(DatabaseProvider provider, string connectionString)
    {
        var server = new DatabaseSettings(provider, connectionString);

        var refusal = Assert.Throws<InvalidOperationException>(() =>
            ServiceSecretsFactory.Create("sk-master", null, server, TextWriter.Null, NullLogger.Instance));

        Assert.That(refusal!.Message, Does.Contain("ProxyAdmin__SaltKey"));
    }
}
