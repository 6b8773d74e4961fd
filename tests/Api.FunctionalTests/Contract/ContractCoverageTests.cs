using System.Runtime.CompilerServices;

namespace ProxyAdmin.Api.FunctionalTests.Contract;

/// <summary>
/// The response check covers the whole suite only while every client comes from <see cref="ProxyAdminApp.ClientWith"/>:
/// <c>CreateClient</c>, <c>CreateDefaultClient</c> and the test server's own clients would bypass it.
/// </summary>
public sealed class ContractCoverageTests
{
    private static readonly string[] Bypasses = ["CreateClient(", "CreateDefaultClient(", "CreateHandler(", ".Server."];

    [Test]
    public void NoTestMakesAClientThatSkipsTheCheck()
    {
        var folder = Path.GetDirectoryName(ThisFile())!;
        var root = Path.GetFullPath(Path.Combine(folder, ".."));
        var sources = Directory.GetFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(file => Path.GetFileName(file) is not ("ProxyAdminApp.cs" or "ContractCoverageTests.cs"))
            .ToList();

        Assert.That(sources, Has.Count.GreaterThan(10));
        var offenders = sources
            .SelectMany(file => File.ReadAllLines(file).Select((line, index) => (file, line, index)))
            .Where(x => Bypasses.Any(b => x.line.Contains(b, StringComparison.Ordinal)))
            .Select(x => $"{Path.GetRelativePath(root, x.file)}:{x.index + 1}: {x.line.Trim()}")
            .ToList();
        Assert.That(offenders, Is.Empty, "make clients with ProxyAdminApp.ClientWith, which checks every response against the document");
    }

    private static string ThisFile([CallerFilePath] string path = "") => path;
}
