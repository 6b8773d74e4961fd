using System.Diagnostics;
using System.Text.Json.Nodes;
using ProxyAdmin.Infrastructure.Data;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// The SQLite file taken away or swapped under a running service: readiness says so and writes are refused (503)
/// instead of being acknowledged into a file that is gone (issue 16's measurement: all such writes were lost at the
/// next start). And a file that is not a database ends the start with one clear line, not an unhandled exception.
/// </summary>
[NonParallelizable]
public sealed class DatabaseFileTests
{
    private static string FilePath(ProxyAdminApp app) =>
        new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(app.Database.ConnectionString).DataSource;

    private static async Task WriteOnce(ProxyAdminApp app) =>
        await (await app.Admin().PostJson("/user/new", new { user_id = Api.UniqueId("file-user") })).Expect(200);

    [Test]
    public async Task AMovedFileMakesReadiness503AndWritesRefusedNotLost()
    {
        if (TestDatabase.ProviderUnderTest != DatabaseProvider.Sqlite)
        {
            Assert.Ignore("A SQLite file only.");
        }

        using var app = new ProxyAdminApp();
        await WriteOnce(app);
        var path = FilePath(app);
        File.Move(path, path + ".moved");

        var readiness = await app.ClientWith(null).GetAsync("/health/readiness");
        var refused = await (await app.Admin().PostJson("/user/new", new { user_id = "after-the-move" })).Expect(503);

        Assert.Multiple(() =>
        {
            Assert.That((int)readiness.StatusCode, Is.EqualTo(503));
            Assert.That(refused.ErrorMessage(), Does.Contain("deleted or moved").And.Contain("Nothing was written"));
            Assert.That(File.Exists(path), Is.False, "neither the probe nor the write made an empty file in its place");
        });
    }

    [Test]
    public async Task AReplacedFileMakesReadiness503AndWritesRefused()
    {
        if (TestDatabase.ProviderUnderTest != DatabaseProvider.Sqlite || !OperatingSystem.IsLinux())
        {
            Assert.Ignore("A SQLite file on Linux only (the check reads /proc/self/fd).");
        }

        using var app = new ProxyAdminApp();
        await WriteOnce(app);
        await WriteOnce(app);
        var path = FilePath(app);
        File.Copy(path, path + ".copy");
        File.Move(path + ".copy", path, overwrite: true);

        var readiness = await app.ClientWith(null).GetAsync("/health/readiness");
        var refused = await (await app.Admin().PostJson("/user/new", new { user_id = "after-the-swap" })).Expect(503);

        Assert.Multiple(() =>
        {
            Assert.That((int)readiness.StatusCode, Is.EqualTo(503));
            Assert.That(refused.ErrorMessage(), Does.Contain("was replaced"));
        });
    }

    [Test]
    public async Task AFileThatIsNotADatabaseEndsTheStartWithOneClearLine()
    {
        var directory = Path.Combine(Path.GetTempPath(), "proxyadmin-notadb-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "proxyadmin.db");
        await File.WriteAllTextAsync(file, new string('x', 8192));
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                ArgumentList = { Path.Combine(AppContext.BaseDirectory, "ProxyAdmin.Api.dll"), "--urls", $"http://127.0.0.1:{ReplicaSet.FreePort()}" },
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment["ProxyAdmin__MasterKey"] = "sk-not-a-database-test";
            start.Environment["ProxyAdmin__SaltKey"] = "not-a-database-salt";
            start.Environment["ProxyAdmin__Database__Provider"] = "Sqlite";
            start.Environment["ConnectionStrings__ProxyAdmin"] = $"Data Source={file}";
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            var output = await stdout + await stderr;

            Assert.Multiple(() =>
            {
                Assert.That(process.ExitCode, Is.EqualTo(1));
                Assert.That(output, Does.Contain("ProxyAdmin cannot start: the database could not be opened or migrated"));
                Assert.That(output, Does.Not.Contain("Unhandled exception"));
                Assert.That(output, Does.Not.Contain(file), "the connection string is not printed");
            });
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
