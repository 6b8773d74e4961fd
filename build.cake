// The one entry point for building and testing: `dotnet tool restore && dotnet cake`.
// Targets: Build, Test (default: .NET tests, the functional suite a second time on PostgreSQL, then the TypeScript
// client's drift check and its tests against the live service, then the admin UI's build drift check and its browser
// tests), Client (regenerates the OpenAPI document, the TypeScript client and the UI's build), Ui (rebuilds the admin UI),
// SqlScripts (the idempotent migration script of SQL Server and PostgreSQL, into artifacts/sql),
// Benchmark (ProxyAdmin against the raw reference over sockets with wrk, `apt-get install -y wrk`; never part of Test:
// `dotnet cake --target=Benchmark [--quick] [--in-process]`).
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
var uiDirectory = MakeAbsolute(Directory("./clients/admin-ui"));
var uiBuild = MakeAbsolute(Directory("./src/Api/wwwroot/ui"));
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

    // A zone far from UTC (+12:45/+13:45): a time read or written as server-local instead of UTC shows up as a failure.
    var testEnvironment = new Dictionary<string, string> { ["TZ"] = "Pacific/Chatham" };

    // PostgreSQL runs live in every run: the server PROXYADMIN_TEST_POSTGRES names, or a throwaway one started here.
    using var postgres = TestPostgres.FromEnvironmentOrStart();
    testEnvironment["PROXYADMIN_TEST_POSTGRES"] = postgres.ConnectionString;

    try
    {
        DotNetTest(solution, TestSettings(resultsDirectory.FullPath, testEnvironment, provider: "Sqlite"));
    }
    catch (Exception exception)
    {
        failures.Add(".NET tests: " + exception.Message);
    }

    // The whole functional suite again, every service on a PostgreSQL database of its own.
    var postgresResults = System.IO.Path.Combine(resultsDirectory.FullPath, "postgres");
    try
    {
        DotNetTest("./tests/Api.FunctionalTests/Api.FunctionalTests.csproj", TestSettings(postgresResults, testEnvironment, provider: "Postgres"));
    }
    catch (Exception exception)
    {
        failures.Add("functional tests on PostgreSQL: " + exception.Message);
    }

    Information($"functional suite: {FunctionalSuiteSeconds(resultsDirectory.FullPath, SearchOption.TopDirectoryOnly)} on SQLite, {FunctionalSuiteSeconds(postgresResults, SearchOption.AllDirectories)} on PostgreSQL");

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

    // Only what this run executes is counted: a TAP file an earlier run left would otherwise be counted again when
    // the client tests cannot run (npm missing, the service not starting).
    var clientResults = System.IO.Path.Combine(clientDirectory.FullPath, "dist", "test-results.tap");
    if (System.IO.File.Exists(clientResults))
    {
        System.IO.File.Delete(clientResults);
    }

    try
    {
        RunClientTests(clientDirectory.FullPath, apiDll.FullPath);
    }
    catch (Exception exception)
    {
        failures.Add("TypeScript client tests: " + exception.Message);
    }

    var (clientPassed, clientFailed, clientSkipped) = CountTapResults(clientResults);
    passed += clientPassed;
    failed += clientFailed;
    skipped += clientSkipped;

    // The admin UI: its committed build must be what its sources (and the client's) give, and it is tested in a browser.
    var uiResults = System.IO.Path.Combine(uiDirectory.FullPath, "dist", "test-results.tap");
    if (System.IO.File.Exists(uiResults))
    {
        System.IO.File.Delete(uiResults);
    }

    try
    {
        Run("npm", "ci --no-audit --no-fund", uiDirectory.FullPath);
        CheckUiDrift(uiDirectory.FullPath, uiBuild.FullPath);
    }
    catch (Exception exception)
    {
        failures.Add("admin UI build drift: " + exception.Message);
        failed++;
    }

    try
    {
        Run("npm", "test", uiDirectory.FullPath, new Dictionary<string, string> { ["PROXYADMIN_API_DLL"] = apiDll.FullPath });
    }
    catch (Exception exception)
    {
        failures.Add("admin UI browser tests: " + exception.Message);
    }

    var (uiPassed, uiFailed, uiSkipped) = CountTapResults(uiResults);
    passed += uiPassed;
    failed += uiFailed;
    skipped += uiSkipped;

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

    // The UI bundles the client, so its build changes with it.
    Run("npm", "ci --no-audit --no-fund", uiDirectory.FullPath);
    Run("npm", "run build", uiDirectory.FullPath);
    Information("Regenerated clients/typescript/openapi.json, src/generated/client.ts and the admin UI's build (src/Api/wwwroot/ui); commit them.");
});

Task("Ui")
    .Description("Builds the admin UI (clients/admin-ui) into src/Api/wwwroot/ui, which is committed.")
    .Does(() =>
{
    Run("npm", "ci --no-audit --no-fund", uiDirectory.FullPath);
    Run("npm", "run build", uiDirectory.FullPath);
    Information("Built the admin UI into src/Api/wwwroot/ui; commit it.");
});

Task("SqlScripts")
    .Description("Writes the idempotent migration script of each server database to artifacts/sql (apply it with migrations off at start-up).")
    .IsDependentOn("Build")
    .Does(() =>
{
    var output = MakeAbsolute(Directory("./artifacts/sql"));
    EnsureDirectoryExists(output);
    foreach (var (context, file) in new[] { ("SqlServerProxyAdminDbContext", "sqlserver.sql"), ("PostgresProxyAdminDbContext", "postgresql.sql") })
    {
        Run(
            "dotnet",
            $"ef migrations script --idempotent --no-build --configuration {configuration} --project src/Infrastructure --startup-project src/Infrastructure --context {context} --output \"{System.IO.Path.Combine(output.FullPath, file)}\"",
            MakeAbsolute(Directory(".")).FullPath);
    }

    Information($"Wrote {output.FullPath}/sqlserver.sql and postgresql.sql: each brings any earlier version's schema to this one, and can be run again.");
});

Task("Benchmark")
    .Description("ProxyAdmin/raw ratios over sockets with wrk (apt-get install -y wrk); README, Benchmarks. --quick: smaller sizes; --in-process: the older in-process scenarios.")
    .IsDependentOn("Build")
    .Does(() =>
{
    if (configuration != "Release")
    {
        throw new Exception("Benchmarks run in Release only: figures from another configuration mean little.");
    }

    // PostgreSQL is measured too when PROXYADMIN_BENCH_POSTGRES (or PROXYADMIN_TEST_POSTGRES) names a server.
    var benchmarkArguments = string.Join(" ", new[] { "quick", "in-process" }.Where(flag => HasArgument(flag)).Select(flag => "--" + flag));
    var benchmarkDll = MakeAbsolute(File($"./benchmarks/ProxyAdmin.Benchmarks/bin/{configuration}/net10.0/ProxyAdmin.Benchmarks.dll"));
    Run("dotnet", $"\"{benchmarkDll.FullPath}\" {benchmarkArguments}".TrimEnd(), MakeAbsolute(Directory(".")).FullPath);
});

Task("Default").IsDependentOn("Test");

RunTarget(target);

DotNetTestSettings TestSettings(string results, Dictionary<string, string> environment, string provider)
{
    var settings = new DotNetTestSettings
    {
        Configuration = configuration,
        NoBuild = true,
        NoRestore = true,
        ResultsDirectory = results,
        Loggers = { "trx", "console;verbosity=minimal" },
    };
    foreach (var (name, value) in environment)
    {
        settings.EnvironmentVariables[name] = value;
    }

    // Which database the functional tests' services run on (tests/Api.FunctionalTests/TestDatabase.cs).
    settings.EnvironmentVariables["PROXYADMIN_TEST_PROVIDER"] = provider;
    return settings;
}

// The wall time of the functional suite's TRX file in a results directory, for the run's log.
static string FunctionalSuiteSeconds(string directory, SearchOption search)
{
    if (!System.IO.Directory.Exists(directory))
    {
        return "(no result)";
    }

    foreach (var file in System.IO.Directory.GetFiles(directory, "*.trx", search))
    {
        var document = XDocument.Load(file);
        if (!document.Descendants().Any(e => e.Name.LocalName == "UnitTest" && (e.Attribute("storage")?.Value ?? "").Contains("api.functionaltests", StringComparison.OrdinalIgnoreCase)))
        {
            continue;
        }

        var times = document.Descendants().First(e => e.Name.LocalName == "Times");
        var seconds = (DateTime.Parse(times.Attribute("finish")!.Value) - DateTime.Parse(times.Attribute("start")!.Value)).TotalSeconds;
        return $"{seconds:F0} s";
    }

    return "(no result)";
}

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

// Builds the UI again into dist/drift-check and compares every file with the committed build.
static void CheckUiDrift(string uiDirectory, string committedBuild)
{
    var rebuilt = System.IO.Path.Combine(uiDirectory, "dist", "drift-check");
    Run("npm", "run build", uiDirectory, new Dictionary<string, string> { ["PROXYADMIN_UI_OUT"] = rebuilt });
    static Dictionary<string, string> Files(string root) =>
        System.IO.Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(file => System.IO.Path.GetRelativePath(root, file), System.IO.File.ReadAllText);
    var expected = Files(rebuilt);
    var committed = System.IO.Directory.Exists(committedBuild) ? Files(committedBuild) : new Dictionary<string, string>();
    var differing = expected.Keys.Union(committed.Keys)
        .Where(file => !expected.TryGetValue(file, out var a) || !committed.TryGetValue(file, out var b) || a != b)
        .OrderBy(file => file, StringComparer.Ordinal)
        .ToList();
    if (differing.Count > 0)
    {
        throw new Exception($"src/Api/wwwroot/ui differs from what clients/admin-ui builds ({string.Join(", ", differing)}): run `dotnet cake --target=Ui` and commit the result.");
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

// The PostgreSQL server the tests create and drop their databases on. PROXYADMIN_TEST_POSTGRES, when set, names one
// (.ci/run starts it); otherwise a throwaway cluster is started here and removed at the end: initdb in a temporary
// folder, a unix socket in that folder and no TCP listener, trust for local connections only, no password anywhere.
// Durability is switched off (fsync, synchronous_commit, full_page_writes): the cluster never outlives the run.
// Its default collation is ICU's en-US and its time zone Pacific/Chatham, so that a text column outside the C
// collation or an instant read as server-local time fails the tests instead of passing by the cluster's luck.
sealed class TestPostgres : IDisposable
{
    public const string Variable = "PROXYADMIN_TEST_POSTGRES";

    private readonly string? _directory;
    private readonly string? _bin;
    private readonly string[] _runAs;

    private TestPostgres(string connectionString, string? directory, string? bin, string[] runAs)
    {
        ConnectionString = connectionString;
        _directory = directory;
        _bin = bin;
        _runAs = runAs;
    }

    public string ConnectionString { get; }

    public static TestPostgres FromEnvironmentOrStart()
    {
        var given = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(given))
        {
            return new TestPostgres(given, null, null, []);
        }

        var bin = FindBinDirectory() ?? throw new Exception(
            "The test run needs PostgreSQL (15 or later) for its live database tests, and initdb was not found on PATH or under /usr/lib/postgresql/<version>/bin. " +
            "Install it (Debian/Ubuntu: `apt-get install postgresql`; macOS: `brew install postgresql`), or set " + Variable +
            " to the connection string of a server on which the run may create and drop databases.");

        // initdb refuses to run as root; the cluster then belongs to the postgres account Debian's package creates.
        var asRoot = Environment.UserName == "root";
        string[] runAs = asRoot ? ["runuser", "-u", "postgres", "--"] : [];
        var directory = System.IO.Directory.CreateTempSubdirectory("proxyadmin-pg-").FullName;
        var postgres = new TestPostgres($"Host={directory};Port=5432;Username=postgres;Database=postgres", directory, bin, runAs);
        try
        {
            if (asRoot)
            {
                postgres.Run("chown", $"postgres \"{directory}\"", asServer: false);
            }

            postgres.Run(System.IO.Path.Combine(bin, "initdb"),
                $"-D \"{directory}/data\" -U postgres --auth-local=trust --auth-host=reject -E UTF8 --locale=C.UTF-8 --locale-provider=icu --icu-locale=en-US", asServer: true);
            postgres.Run(System.IO.Path.Combine(bin, "pg_ctl"),
                $"-D \"{directory}/data\" -l \"{directory}/server.log\" -w -t 60 -o \"-c listen_addresses='' -k {directory} -c port=5432 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c timezone=Pacific/Chatham\" start",
                asServer: true);
            return postgres;
        }
        catch
        {
            postgres.Dispose();
            throw;
        }
    }

    private static string? FindBinDirectory()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator)
            .Where(folder => folder.Length > 0)
            .Select(ServerBinOf)
            .FirstOrDefault(folder => folder is not null);
        if (onPath is not null)
        {
            return onPath;
        }

        // Debian keeps the server's programs off PATH, one folder per major version; the newest wins.
        return System.IO.Directory.Exists("/usr/lib/postgresql")
            ? System.IO.Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(folder => int.TryParse(System.IO.Path.GetFileName(folder), out var major) ? major : 0)
                .Select(folder => ServerBinOf(System.IO.Path.Combine(folder, "bin")))
                .FirstOrDefault(folder => folder is not null)
            : null;
    }

    // The folder initdb really lives in (a link on PATH is followed), when pg_ctl is beside it; a dangling link is no server.
    private static string? ServerBinOf(string folder)
    {
        var initdb = new System.IO.FileInfo(System.IO.Path.Combine(folder, "initdb"));
        var real = initdb.LinkTarget is null ? initdb : initdb.ResolveLinkTarget(returnFinalTarget: true);
        return real is { Exists: true } && System.IO.Path.GetDirectoryName(real.FullName) is { } bin && System.IO.File.Exists(System.IO.Path.Combine(bin, "pg_ctl"))
            ? bin
            : null;
    }

    private void Run(string program, string arguments, bool asServer)
    {
        var fileName = asServer && _runAs.Length > 0 ? _runAs[0] : program;
        var fullArguments = asServer && _runAs.Length > 0 ? string.Join(' ', _runAs.Skip(1)) + $" \"{program}\" {arguments}" : arguments;
        var start = new ProcessStartInfo(fileName, fullArguments)
        {
            // The postgres account may not enter the repository's folder; its own temporary folder it may.
            WorkingDirectory = _directory ?? System.IO.Directory.GetCurrentDirectory(),
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new Exception($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new Exception($"`{System.IO.Path.GetFileName(program)}` exited with {process.ExitCode}: {errors.Result}{output.Result}");
        }
    }

    public void Dispose()
    {
        if (_directory is null)
        {
            return;
        }

        if (System.IO.File.Exists(System.IO.Path.Combine(_directory, "data", "postmaster.pid")))
        {
            try
            {
                Run(System.IO.Path.Combine(_bin!, "pg_ctl"), $"-D \"{_directory}/data\" -m immediate -w stop", asServer: true);
            }
            catch (Exception exception)
            {
                System.Console.Error.WriteLine("Could not stop the throwaway PostgreSQL cluster: " + exception.Message);
            }
        }

        System.IO.Directory.Delete(_directory, recursive: true);
    }
}
