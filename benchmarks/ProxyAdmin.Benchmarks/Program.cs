using System.Diagnostics;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using BenchmarkDotNet.Validators;
using ProxyAdmin.Benchmarks.Sockets;

namespace ProxyAdmin.Benchmarks;

/// <summary>Entry point (not top-level statements: the service's own <c>Program</c> is the host's type).</summary>
internal static class BenchmarkProgram
{
    private static readonly string[] Flags = ["--quick", "--in-process", "--http-only", "--micro-only", "--sqlite-only", "--reads-only", "--writes-only"];

    public static async Task<int> Main(string[] args)
    {
        // Usage: ProxyAdmin.Benchmarks [--quick] [--sqlite-only] [--reads-only | --writes-only]   ProxyAdmin against the raw reference over sockets (wrk);
        //                                                                           --reads-only: liveliness, /key/info and /project/info only;
        //                                                                           --writes-only: POST /project/new only
        //        ProxyAdmin.Benchmarks --in-process [--quick] [--http-only | --micro-only]   the in-process scenarios and micro-benchmarks
        // Prints figures; it never fails on a number. Run it in Release (dotnet cake --target=Benchmark does).
        var quick = args.Contains("--quick");
        var inProcess = args.Contains("--in-process");
        var httpOnly = args.Contains("--http-only");
        var microOnly = args.Contains("--micro-only");
        var unknown = args.Except(Flags).ToList();
        if (unknown.Count > 0 || (httpOnly && microOnly) || (!inProcess && (httpOnly || microOnly)) || (args.Contains("--reads-only") && args.Contains("--writes-only"))
            || (inProcess && (args.Contains("--reads-only") || args.Contains("--writes-only"))))
        {
            Console.Error.WriteLine("Usage: ProxyAdmin.Benchmarks [--quick] [--sqlite-only] [--reads-only | --writes-only] | --in-process [--quick] [--http-only | --micro-only]");
            return 2;
        }

#if DEBUG
        Console.WriteLine("WARNING: a Debug build; these figures mean little. Use -c Release.");
#endif

        // WebApplicationFactory finds the service's content root through MvcTestingAppManifest.json in the
        // current directory; the build puts it beside this program.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        if (!inProcess)
        {
            var scenarios = args.Contains("--reads-only") ? SocketScenarios.Reads
                : args.Contains("--writes-only") ? SocketScenarios.Writes
                : SocketScenarios.All;
            return await RunSocketsAsync(quick, args.Contains("--sqlite-only"), scenarios);
        }

        var started = Stopwatch.StartNew();
        Console.WriteLine($"ProxyAdmin benchmarks, {(quick ? "quick" : "full")} mode, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine($"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} logical cores, " +
            $"{(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC");
        Console.WriteLine("The service runs in this process (TestServer, no sockets) on a temporary SQLite file; figures are noisy on a shared machine.");
        Console.WriteLine("alloc/req = bytes allocated by the whole process (service and client) per call; peak WS = peak resident set during the measured calls.");
        Console.WriteLine();

        if (!microOnly)
        {
            var sizes = quick ? Sizes.Quick : Sizes.Full;
            using var host = new BenchmarkHost();
            _ = host.Server;
            Console.WriteLine(Format.TableHeader);
            await new Scenarios(host, sizes, figures => Console.WriteLine(Format.Row(figures))).RunAllAsync();
            Console.WriteLine();
        }

        if (!httpOnly)
        {
            Console.WriteLine("Micro-benchmarks (BenchmarkDotNet, in process)...");
            var job = (quick
                ? Job.ShortRun.WithWarmupCount(1).WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(100))
                : Job.Default.WithWarmupCount(6).WithIterationCount(15))
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithId(quick ? "quick" : "full");
            var config = ManualConfig.CreateEmpty()
                .AddJob(job)
                .AddDiagnoser(MemoryDiagnoser.Default)
                .AddColumnProvider(DefaultColumnProviders.Instance)
                .AddValidator(JitOptimizationsValidator.FailOnError)
                .AddLogger(NullLogger.Instance)
                .WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"))
                .WithOptions(ConfigOptions.DisableLogFile);
            var summary = BenchmarkRunner.Run<CryptoBenchmarks>(config);
            if (summary.HasCriticalValidationErrors || summary.Reports.Length == 0)
            {
                foreach (var error in summary.ValidationErrors)
                {
                    Console.Error.WriteLine(error.Message);
                }

                return 1;
            }

            MarkdownExporter.Console.ExportToLog(summary, ConsoleLogger.Default);
        }

        Console.WriteLine($"Done in {started.Elapsed.TotalSeconds:0} s.");
        return 0;
    }

    /// <summary>ProxyAdmin against the raw reference, on SQLite and (when a server is named) PostgreSQL.</summary>
    private static async Task<int> RunSocketsAsync(bool quick, bool sqliteOnly, SocketScenarios scenarios)
    {
        Wrk.EnsureInstalled();
        var sizes = quick ? SocketSizes.Quick : SocketSizes.Full;
        var started = Stopwatch.StartNew();
        var loadStart = LoadAverage.Now();
        Console.WriteLine($"ProxyAdmin against the raw reference over loopback sockets, {(quick ? "quick" : "full")} mode, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine($"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} logical cores, " +
            $"{(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC; 1-minute load average at start {loadStart}");
        Console.WriteLine($"wrk -t1 -c{Wrk.Connections} --latency, {sizes.Run.TotalSeconds:0} s per run, {sizes.Pairs} ProxyAdmin/raw pairs per scenario (A/B/A/B…) after a " +
            $"{sizes.Warmup.TotalSeconds:0} s warm-up of each; ratio = median of the pairs' ProxyAdmin/raw req/s (min–max); p99 and alloc/req = medians of the runs.");
        Console.WriteLine("Both servers run in this process, one under load at a time; alloc/req = the process's allocated bytes during a run / the requests wrk completed.");
        Console.WriteLine();

        var table = new ResultTable();
        using (var sqlite = BenchDatabase.CreateSqlite())
        {
            using var benchmark = new SocketBenchmark(sqlite, sizes, table, scenarios);
            await benchmark.RunAsync();
        }

        var server = Environment.GetEnvironmentVariable("PROXYADMIN_BENCH_POSTGRES") is { Length: > 0 } bench ? bench
            : Environment.GetEnvironmentVariable("PROXYADMIN_TEST_POSTGRES");
        if (sqliteOnly || string.IsNullOrWhiteSpace(server))
        {
            Console.WriteLine(sqliteOnly
                ? "PostgreSQL: skipped (--sqlite-only)."
                : "PostgreSQL: skipped (name a server in PROXYADMIN_BENCH_POSTGRES or PROXYADMIN_TEST_POSTGRES; the run creates and drops its own database there).");
        }
        else
        {
            using var postgres = BenchDatabase.CreatePostgres(server);
            using var benchmark = new SocketBenchmark(postgres, sizes, table, scenarios);
            await benchmark.RunAsync();
        }

        table.Print();
        Console.WriteLine();
        Console.WriteLine($"1-minute load average: {loadStart} at start, {LoadAverage.Now()} at end. Done in {started.Elapsed.TotalMinutes:0.0} min.");
        return 0;
    }
}
