using System.Text;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// Plaintext keys exist only in the one response that issued them: never on disk, never in a log. Checked with the
/// shipped log levels and again with every category (ASP.NET, EF Core, ours) at Trace, as an operator debugging
/// might set them: a key in a URL (<c>/key/info?key=</c>, <c>/key/{key}/regenerate</c>) must not reach a log then either.
/// </summary>
[TestFixture(Verbosity.AsShipped)]
[TestFixture(Verbosity.EverythingAtTrace)]
public sealed class SecretLeakTests(SecretLeakTests.Verbosity verbosity)
{
    public enum Verbosity
    {
        AsShipped,
        EverythingAtTrace,
    }

    private readonly List<string> _secrets = [ProxyAdminApp.MasterKey];
    private ProxyAdminApp _app = null!;
    private string _liveToken = null!;

    [OneTimeSetUp]
    public async Task IssueAndUseKeysEveryWay()
    {
        _app = verbosity == Verbosity.AsShipped
            ? Service.App
            : new ProxyAdminApp(new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Trace",
                ["Logging:LogLevel:Microsoft"] = "Trace",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Trace",
                ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Trace",
                ["Logging:LogLevel:Microsoft.AspNetCore.Routing"] = "Trace",
                ["Logging:LogLevel:Microsoft.AspNetCore.Mvc.Infrastructure.ControllerActionInvoker"] = "Trace",
            });
        var admin = _app.Admin();
        var userId = Api.UniqueId("user");
        var firstKey = (await (await admin.PostJson("/user/new", new { user_id = userId })).Expect(200))["key"]!.GetValue<string>();
        var owner = _app.ClientWith(firstKey);
        var byAdmin = (await Api.GenerateKey(admin, new { user_id = userId, key_alias = Api.UniqueId("leak") }))["key"]!.GetValue<string>();
        var byOwner = (await Api.GenerateKey(owner, new { metadata = new { note = "owner key" } }))["key"]!.GetValue<string>();
        var rotatedInBody = (await (await owner.PostJson("/key/regenerate", new { key = byOwner })).Expect(200))["key"]!.GetValue<string>();
        var rotatedInPath = (await (await admin.PostAsync($"/key/{byAdmin}/regenerate", null)).Expect(200))["key"]!.GetValue<string>();
        _secrets.AddRange([firstKey, byAdmin, byOwner, rotatedInBody, rotatedInPath]);

        // Every way a secret travels into the service: as the caller's key, in a query, in bodies, in refusals.
        await (await _app.ClientWith(rotatedInBody).GetAsync("/user/info")).Expect(200);
        await (await admin.GetAsync($"/key/info?key={rotatedInPath}")).Expect(200);
        await (await admin.PostJson("/key/update", new { key = rotatedInPath, max_budget = 2 })).Expect(200);
        await (await admin.PostJson("/key/block", new { key = rotatedInPath })).Expect(200);
        await (await _app.ClientWith(rotatedInPath).GetAsync("/key/info")).Expect(401);
        await (await admin.PostJson("/key/unblock", new { key = rotatedInPath })).Expect(200);
        await (await owner.PostJson("/key/block", new { key = rotatedInBody })).Expect(403);
        await (await _app.ClientWith(byOwner).GetAsync("/key/info")).Expect(401);
        await (await owner.PostJson("/key/delete", new { keys = new[] { rotatedInBody, "sk-never-issued-secret-0000" } })).Expect(404);
        await (await owner.PostJson("/key/delete", new { keys = new[] { rotatedInBody } })).Expect(200);
        await (await _app.ClientWith("sk-never-issued-secret-0000").GetAsync("/key/info")).Expect(401);
        _secrets.Add("sk-never-issued-secret-0000");
        _liveToken = Api.Sha256Hex(rotatedInPath);
    }

    [OneTimeTearDown]
    public void StopOwnService()
    {
        if (verbosity != Verbosity.AsShipped)
        {
            _app.Dispose();
        }
    }

    [Test]
    public async Task TheDatabaseFilesHoldHashesButNoPlaintextKey()
    {
        var files = await _app.Database.StorageFiles();
        if (files is null)
        {
            Assert.Ignore("The PostgreSQL server's files cannot be read from here (a server on another machine).");
        }

        if (_app.Database.SqliteFile is { } sqliteFile)
        {
            Assert.That(files, Does.Contain(sqliteFile));
        }

        // One file at a time: PostgreSQL's write-ahead log alone is several segments of 16 MB.
        var holdsLiveToken = false;
        foreach (var file in files)
        {
            var bytes = ReadWhileInUse(file);
            holdsLiveToken |= Contains(bytes, _liveToken);
            foreach (var secret in _secrets)
            {
                Assert.That(Contains(bytes, secret[3..]), Is.False, $"{Path.GetFileName(file)} holds the secret ending {secret[^4..]}");
            }
        }

        Assert.That(holdsLiveToken, Is.True, "the live key's hash is on disk, so these are the files being written");
    }

    [Test]
    public void TheLogsNameCallsButNoPlaintextKey()
    {
        var lines = _app.Logs.Lines;

        Assert.That(lines, Has.Some.Contains("GenerateKeyCommand"), "the service's own log lines are captured");
        Assert.That(lines, Has.Some.Contains("sk-...0000"), "a refused key is named by its last four characters only");
        Assert.That(lines, Has.Some.Contains("POST /key/{key}/regenerate answered 200"), "requests are logged by route template");
        Assert.That(lines, Has.Some.Contains("GET /key/info answered 200"), "requests are logged without their query");
        if (verbosity == Verbosity.EverythingAtTrace)
        {
            Assert.That(lines, Has.Some.Contains(" Microsoft.AspNetCore.Routing"), "the framework's own lines are captured");
            Assert.That(lines, Has.Some.Contains(" Microsoft.EntityFrameworkCore.Database.Command"), "the SQL commands are captured");
        }

        // On failure name the categories only: printing the lines would put the secret in the test output.
        var leakingCategories = lines
            .Where(line => _secrets.Any(secret => line.Contains(secret[3..], StringComparison.Ordinal)))
            .Select(line => line.Split(':', 2)[0])
            .Distinct()
            .ToList();
        Assert.That(leakingCategories, Is.Empty, "these log categories wrote a plaintext key");
    }

    /// <summary>The file's bytes; none for a file the server removed since it was listed (a recycled log segment, a cache file).</summary>
    private static byte[] ReadWhileInUse(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
        catch (FileNotFoundException)
        {
            return [];
        }
    }

    private static bool Contains(byte[] haystack, string needle) =>
        haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0;
}
