// The one entry point for building and testing: `dotnet tool restore && dotnet cake`.
// Targets: Clean, Build, Test (default). Every failure fails the run; nothing continues on error.
#nullable enable
using System.Xml.Linq;

var target = Argument("target", "Test");
var configuration = Argument("configuration", "Release");
var solution = "./ProxyAdmin.sln";
var resultsDirectory = MakeAbsolute(Directory("./artifacts/test-results"));

Task("Clean")
    .Does(() =>
{
    CleanDirectory(resultsDirectory);
    DotNetClean(solution, new DotNetCleanSettings { Configuration = configuration, Verbosity = DotNetVerbosity.Minimal });
});

Task("Build")
    .Does(() =>
{
    DotNetBuild(solution, new DotNetBuildSettings
    {
        Configuration = configuration,
        Verbosity = DotNetVerbosity.Minimal,
    });
});

Task("Test")
    .IsDependentOn("Build")
    .Does(() =>
{
    CleanDirectory(resultsDirectory);
    Exception? failure = null;
    try
    {
        DotNetTest(solution, new DotNetTestSettings
        {
            Configuration = configuration,
            NoBuild = true,
            NoRestore = true,
            ResultsDirectory = resultsDirectory,
            Loggers = { "trx", "console;verbosity=minimal" },
        });
    }
    catch (Exception exception)
    {
        failure = exception;
    }

    var (passed, failed, skipped) = CountResults(resultsDirectory.FullPath);
    // Plain text on its own line, no colour codes: CI reads this line.
    System.Console.WriteLine($"tests: {passed} passed, {failed} failed, {skipped} skipped");
    if (failure is not null || failed > 0)
    {
        throw new Exception("Tests failed.", failure);
    }

    if (passed == 0)
    {
        throw new Exception("No test ran.");
    }
});

Task("Default").IsDependentOn("Test");

RunTarget(target);

// Adds up the counters of every TRX file the run wrote; a test that did not execute counts as skipped.
static (int Passed, int Failed, int Skipped) CountResults(string directory)
{
    int passed = 0, failed = 0, skipped = 0;
    foreach (var file in System.IO.Directory.GetFiles(directory, "*.trx", SearchOption.AllDirectories))
    {
        var counters = XDocument.Load(file).Descendants().First(e => e.Name.LocalName == "Counters");
        int Count(string name) => int.Parse(counters.Attribute(name)?.Value ?? "0");
        passed += Count("passed");
        failed += Count("failed") + Count("error") + Count("timeout") + Count("aborted");
        skipped += Count("total") - Count("executed");
    }

    return (passed, failed, skipped);
}
