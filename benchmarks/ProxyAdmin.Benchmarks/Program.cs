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

namespace ProxyAdmin.Benchmarks;

/// <summary>Entry point (not top-level statements: the service's own <c>Program</c> is the host's type).</summary>
internal static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        // Usage: ProxyAdmin.Benchmarks [--quick] [--http-only | --micro-only]
        // Prints figures; it never fails on a number. Run it in Release (dotnet cake --target=Benchmark does).
        var quick = args.Contains("--quick");
        var httpOnly = args.Contains("--http-only");
        var microOnly = args.Contains("--micro-only");
        var unknown = args.Except(["--quick", "--http-only", "--micro-only"]).ToList();
        if (unknown.Count > 0 || (httpOnly && microOnly))
        {
            Console.Error.WriteLine("Usage: ProxyAdmin.Benchmarks [--quick] [--http-only | --micro-only]");
            return 2;
        }

#if DEBUG
        Console.WriteLine("WARNING: a Debug build; these figures mean little. Use -c Release.");
#endif

        // WebApplicationFactory finds the service's content root through MvcTestingAppManifest.json in the
        // current directory; the build puts it beside this program.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
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
}
