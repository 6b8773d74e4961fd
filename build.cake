// The one entry point for building and testing: `dotnet tool restore && dotnet cake`.
// Targets: Build, Test (default: .NET tests, then the TypeScript client's drift check and its tests
// against the live service), Client (regenerates the OpenAPI document and the TypeScript client),
// Benchmark (prints speed and memory figures; never part of Test: `dotnet cake --target=Benchmark [--quick]`).
// Every failure fails the run; nothing continues on error.
#nullable enable
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Xml.Linq;

var target = Argument("target", "Test");
var configuration = Argument("configuration", "Release");
var solution = "./ProxyAdmin.sln";
var resultsDirectory = MakeAbsolute(Directory("./artifacts/test-results"));
var clientDirectory = MakeAbsolute(Directory("./clients/typescript"));
var apiDll = MakeAbsolute(File($"./src/Api/bin/{configuration}/net10.0/ProxyAdmin.Api.dll"));

Task("Clean")
    .Does(() =>
{
    CleanDirectory(resultsDirectory);
    DotNetClean(solution, new DotNetCleanSettings { Configuration = configuration, Verbosity = DotNetVerbosity.Minimal });
});

Task("Build")
    .Does(() =>
{
    DotNetBuild(solution, new DotNetBuildSettings { Configuration = configuration, Verbosity = DotNetVerbosity.Minimal });
});

Task("Test")
    .IsDependentOn("Build")
    .Does(() =>
{
    CleanDirectory(resultsDirectory);
    var failures = new List<string>();
    try
    {
        DotNetTest(solution, new DotNetTestSettings
        {
            Configuration = configuration,
            NoBuild = true,
            NoRestore = true,
            ResultsDirectory = resultsDirectory,
            Loggers = { "trx", "console;verbosity=minimal" },

            // A zone far from UTC (+12:45/+13:45): a time read or written as server-local instead of UTC shows up as a failure.
            EnvironmentVariables = { ["TZ"] = "Pacific/Chatham" },
        });
    }
    catch (Exception exception)
    {
        failures.Add(".NET tests: " + exception.Message);
    }

    var (passed, failed, skipped) = CountTrxResults(resultsDirectory.FullPath);
    PrintReplicaLatencies(resultsDirectory.FullPath);

    try
    {
        CheckClientDrift(clientDirectory.FullPath);
    }
    catch (Exception exception)
    {
        failures.Add("TypeScript client drift: " + exception.Message);
        failed++;
    }

    try
    {
        RunClientTests(clientDirectory.FullPath, apiDll.FullPath);
    }
    catch (Exception exception)
    {
        failures.Add("TypeScript client tests: " + exception.Message);
    }

    var (clientPassed, clientFailed, clientSkipped) = CountTapResults(System.IO.Path.Combine(clientDirectory.FullPath, "dist", "test-results.tap"));
    passed += clientPassed;
    failed += clientFailed;
    skipped += clientSkipped;

    foreach (var failure in failures)
    {
        Error(failure);
    }

    // Plain text on its own line, no colour codes: CI reads this line.
    System.Console.WriteLine($"tests: {passed} passed, {failed} failed, {skipped} skipped");
    if (failures.Count > 0 || failed > 0)
    {
        throw new Exception("Tests failed.");
    }

    if (passed == 0)
    {
        throw new Exception("No test ran.");
    }
});

Task("Client")
    .Description("Regenerates clients/typescript/openapi.json from the service and the TypeScript client from it.")
    .IsDependentOn("Build")
    .Does(() =>
{
    using var service = RunningService.Start(apiDll.FullPath);
    var document = service.Get("/openapi.json");
    System.IO.File.WriteAllText(System.IO.Path.Combine(clientDirectory.FullPath, "openapi.json"), document);
    Run("dotnet", "nswag run nswag.json", clientDirectory.FullPath);
    Information("Regenerated clients/typescript/openapi.json and src/generated/client.ts; commit both.");
});

Task("Benchmark")
    .Description("Prints speed and memory figures (README, Benchmarks). --quick: smaller sizes, under a minute.")
    .IsDependentOn("Build")
    .Does(() =>
{
    if (configuration != "Release")
    {
        throw new Exception("Benchmarks run in Release only: figures from another configuration mean little.");
    }

    var benchmarkArguments = HasArgument("quick") ? "--quick" : string.Empty;
    var benchmarkDll = MakeAbsolute(File($"./benchmarks/ProxyAdmin.Benchmarks/bin/{configuration}/net10.0/ProxyAdmin.Benchmarks.dll"));
    Run("dotnet", $"\"{benchmarkDll.FullPath}\" {benchmarkArguments}".TrimEnd(), MakeAbsolute(Directory(".")).FullPath);
});

Task("Default").IsDependentOn("Test");

RunTarget(target);

// The generated client must be exactly what NSwag makes from the committed document (the document
// itself is compared with the live service by the client tests).
static void CheckClientDrift(string clientDirectory)
{
    var config = System.IO.File.ReadAllText(System.IO.Path.Combine(clientDirectory, "nswag.json"));
    var checkConfig = System.IO.Path.Combine(clientDirectory, "nswag.drift-check.json");
    var regenerated = System.IO.Path.Combine(clientDirectory, "dist", "drift-check", "client.ts");
    System.IO.File.WriteAllText(checkConfig, config.Replace("\"src/generated/client.ts\"", "\"dist/drift-check/client.ts\""));
    try
    {
        Run("dotnet", "nswag run nswag.drift-check.json", clientDirectory);
    }
    finally
    {
        System.IO.File.Delete(checkConfig);
    }

    var committed = System.IO.File.ReadAllText(System.IO.Path.Combine(clientDirectory, "src", "generated", "client.ts"));
    if (System.IO.File.ReadAllText(regenerated) != committed)
    {
        throw new Exception("clients/typescript/src/generated/client.ts differs from what NSwag generates from openapi.json: run `dotnet cake --target=Client` and commit the result.");
    }
}

static void RunClientTests(string clientDirectory, string apiDll)
{
    // npm ci installs exactly the committed lock file, from the registry.
    Run("npm", "ci --no-audit --no-fund", clientDirectory);
    Run("npm", "test", clientDirectory, new Dictionary<string, string> { ["PROXYADMIN_API_DLL"] = apiDll });
}

static void Run(string fileName, string arguments, string workingDirectory, Dictionary<string, string>? environment = null)
{
    var start = new ProcessStartInfo(fileName, arguments) { WorkingDirectory = workingDirectory, UseShellExecute = false };
    foreach (var (name, value) in environment ?? new Dictionary<string, string>())
    {
        start.Environment[name] = value;
    }

    using var process = Process.Start(start) ?? throw new Exception($"Could not start {fileName}.");
    process.WaitForExit();
    if (process.ExitCode != 0)
    {
        throw new Exception($"`{fileName} {arguments}` exited with {process.ExitCode}.");
    }
}

// Adds up the counters of every TRX file the run wrote; a test that did not execute counts as skipped.
static (int Passed, int Failed, int Skipped) CountTrxResults(string directory)
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

// The multi-replica test's propagation figures (p50, p99, max per kind of change), from its output in the trx files.
static void PrintReplicaLatencies(string directory)
{
    const string Marker = "Propagation to the other replicas";
    foreach (var file in System.IO.Directory.GetFiles(directory, "*.trx", SearchOption.AllDirectories))
    {
        // A test's own output (UnitTestResult/Output/StdOut), not the run's, which repeats it.
        foreach (var output in XDocument.Load(file).Descendants().Where(e => e.Name.LocalName == "StdOut" && e.Parent?.Parent?.Name.LocalName == "UnitTestResult"))
        {
            var text = output.Value.Replace("\r\n", "\n");
            var start = text.IndexOf(Marker, StringComparison.Ordinal);
            if (start >= 0)
            {
                var end = text.IndexOf("\n\n", start, StringComparison.Ordinal);
                System.Console.WriteLine((end < 0 ? text[start..] : text[start..end]).TrimEnd());
            }
        }
    }
}

// Node's TAP reporter ends with "# pass N", "# fail N", "# skipped N", "# todo N".
static (int Passed, int Failed, int Skipped) CountTapResults(string file)
{
    if (!System.IO.File.Exists(file))
    {
        return (0, 0, 0);
    }

    int Read(string name) => System.IO.File.ReadLines(file)
        .Where(line => line.StartsWith($"# {name} ", StringComparison.Ordinal))
        .Select(line => int.Parse(line[(name.Length + 3)..].Trim()))
        .LastOrDefault();
    return (Read("pass"), Read("fail") + Read("cancelled"), Read("skipped") + Read("todo"));
}

// The built service on a free loopback port with a throwaway database, for the Client task.
sealed class RunningService : IDisposable
{
    private readonly Process _process;
    private readonly string _directory;
    private readonly HttpClient _http;

    private RunningService(Process process, string directory, string baseUrl)
    {
        _process = process;
        _directory = directory;
        _http = new HttpClient { BaseAddress = new Uri(baseUrl) };
    }

    public static RunningService Start(string apiDll)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var directory = System.IO.Directory.CreateTempSubdirectory("proxyadmin-client-").FullName;
        var baseUrl = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet", $"\"{apiDll}\" --urls {baseUrl}") { WorkingDirectory = directory, UseShellExecute = false, RedirectStandardOutput = true };
        start.Environment["ProxyAdmin__MasterKey"] = "sk-client-generation-master-key";
        start.Environment["ProxyAdmin__SaltKey"] = "client-generation-salt";
        start.Environment["ConnectionStrings__ProxyAdmin"] = $"Data Source={System.IO.Path.Combine(directory, "proxyadmin.db")}";
        var process = Process.Start(start) ?? throw new Exception("Could not start the service.");
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        var service = new RunningService(process, directory, baseUrl);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                service.Get("/health/liveliness");
                return service;
            }
            catch (HttpRequestException)
            {
                System.Threading.Thread.Sleep(250);
            }
        }

        service.Dispose();
        throw new Exception("The service did not answer within 60 s.");
    }

    public string Get(string path)
    {
        using var response = _http.GetAsync(path).GetAwaiter().GetResult();
        response.EnsureSuccessStatusCode();
        return response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        System.IO.Directory.Delete(_directory, recursive: true);
    }
}
