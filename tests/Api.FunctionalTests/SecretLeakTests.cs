using System.Text;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>Plaintext keys exist only in the one response that issued them: never on disk, never in a log.</summary>
public sealed class SecretLeakTests
{
    private readonly List<string> _secrets = [ProxyAdminApp.MasterKey];
    private string _liveToken = null!;

    [OneTimeSetUp]
    public async Task IssueAndUseKeysEveryWay()
    {
        var admin = Service.App.Admin();
        var (userId, firstKey) = await Api.CreateUser();
        var owner = Service.App.ClientWith(firstKey);
        var byAdmin = (await Api.GenerateKey(admin, new { user_id = userId, key_alias = Api.UniqueId("leak") }))["key"]!.GetValue<string>();
        var byOwner = (await Api.GenerateKey(owner, new { metadata = new { note = "owner key" } }))["key"]!.GetValue<string>();
        var rotatedInBody = (await (await owner.PostJson("/key/regenerate", new { key = byOwner })).Expect(200))["key"]!.GetValue<string>();
        var rotatedInPath = (await (await admin.PostAsync($"/key/{byAdmin}/regenerate", null)).Expect(200))["key"]!.GetValue<string>();
        _secrets.AddRange([firstKey, byAdmin, byOwner, rotatedInBody, rotatedInPath]);

        // Every way a secret travels into the service: as the caller's key, in a query, in bodies, in refusals.
        await (await Service.App.ClientWith(rotatedInBody).GetAsync("/user/info")).Expect(200);
        await (await admin.GetAsync($"/key/info?key={rotatedInPath}")).Expect(200);
        await (await admin.PostJson("/key/update", new { key = rotatedInPath, max_budget = 2 })).Expect(200);
        await (await admin.PostJson("/key/block", new { key = rotatedInPath })).Expect(200);
        await (await Service.App.ClientWith(rotatedInPath).GetAsync("/key/info")).Expect(401);
        await (await admin.PostJson("/key/unblock", new { key = rotatedInPath })).Expect(200);
        await (await owner.PostJson("/key/block", new { key = rotatedInBody })).Expect(403);
        await (await Service.App.ClientWith(byOwner).GetAsync("/key/info")).Expect(401);
        await (await owner.PostJson("/key/delete", new { keys = new[] { rotatedInBody, "sk-never-issued-secret-0000" } })).Expect(404);
        await (await owner.PostJson("/key/delete", new { keys = new[] { rotatedInBody } })).Expect(200);
        await (await Service.App.ClientWith("sk-never-issued-secret-0000").GetAsync("/key/info")).Expect(401);
        _secrets.Add("sk-never-issued-secret-0000");
        _liveToken = Api.Sha256Hex(rotatedInPath);
    }

    [Test]
    public void TheDatabaseFilesHoldHashesButNoPlaintextKey()
    {
        var files = Directory.GetFiles(Service.App.Directory, Path.GetFileName(Service.App.DatabasePath) + "*");
        Assert.That(files, Does.Contain(Service.App.DatabasePath));
        var contents = files.ToDictionary(file => Path.GetFileName(file), ReadWhileInUse);

        Assert.That(contents.Values.Any(bytes => Contains(bytes, _liveToken)), Is.True, "the live key's hash is on disk, so these are the files being written");
        foreach (var secret in _secrets)
        {
            foreach (var (file, bytes) in contents)
            {
                Assert.That(Contains(bytes, secret[3..]), Is.False, $"{file} holds the secret ending {secret[^4..]}");
            }
        }
    }

    [Test]
    public void TheLogsNameCallsButNoPlaintextKey()
    {
        var lines = Service.App.Logs.Lines;

        Assert.That(lines, Has.Some.Contains("GenerateKeyCommand"), "the service's own log lines are captured");
        Assert.That(lines, Has.Some.Contains("sk-...0000"), "a refused key is named by its last four characters only");
        foreach (var secret in _secrets)
        {
            Assert.That(lines, Has.None.Contains(secret[3..]), $"a log line holds the secret ending {secret[^4..]}");
        }
    }

    private static byte[] ReadWhileInUse(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static bool Contains(byte[] haystack, string needle) =>
        haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0;
}
