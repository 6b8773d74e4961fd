using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace ProxyAdmin.Benchmarks;

/// <summary>What one timed call saw: set by <see cref="Http.SendAndDrainAsync"/>.</summary>
internal sealed class Sample
{
    public long Start;
    public long FirstByte;
    public long Bytes;
    public HttpStatusCode Status;
}

/// <summary>One scenario's figures.</summary>
internal sealed record Figures(
    string Scenario,
    int Count,
    int Concurrency,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    double RequestsPerSecond,
    double AllocatedBytesPerRequest,
    long PeakWorkingSetBytes,
    int Failures,
    string Note);

/// <summary>
/// The end-to-end harness: warm-up, then <c>count</c> calls on <c>concurrency</c> workers; latency
/// percentiles, throughput, bytes allocated per call (the whole process: service and in-process client)
/// and the peak working set during the measured calls.
/// </summary>
internal static class Harness
{
    public static async Task<Figures> MeasureAsync(
        string scenario,
        int warmup,
        int count,
        int concurrency,
        Func<int, Sample, Task> call,
        Func<Figures, string>? note = null,
        bool firstByte = false)
    {
        var sample = new Sample();
        for (var i = 0; i < warmup; i++)
        {
            await call(-1 - i, sample);
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        PeakMemory.Reset();

        var latencies = new long[count];
        var firstBytes = new long[count];
        var failures = 0;
        var next = -1;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var wall = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            var mine = new Sample();
            int index;
            while ((index = Interlocked.Increment(ref next)) < count)
            {
                mine.Start = Stopwatch.GetTimestamp();
                mine.FirstByte = 0;
                await call(index, mine);
                var end = Stopwatch.GetTimestamp();
                latencies[index] = end - mine.Start;
                firstBytes[index] = mine.FirstByte == 0 ? end - mine.Start : mine.FirstByte - mine.Start;
                if (!IsSuccess(mine.Status))
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        wall.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var peak = PeakMemory.Read();

        Array.Sort(latencies);
        var figures = new Figures(
            scenario,
            count,
            concurrency,
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.95),
            Percentile(latencies, 0.99),
            count / wall.Elapsed.TotalSeconds,
            (double)allocated / count,
            peak,
            failures,
            string.Empty);
        var text = note?.Invoke(figures) ?? string.Empty;
        if (firstByte)
        {
            Array.Sort(firstBytes);
            text = Join(text, $"first byte p50 {Format.Ms(Percentile(firstBytes, 0.50))} ms");
        }

        if (failures > 0)
        {
            text = Join(text, $"{failures} non-2xx");
        }

        return figures with { Note = text };
    }

    private static bool IsSuccess(HttpStatusCode status) => (int)status is >= 200 and < 300;

    private static string Join(string a, string b) => a.Length == 0 ? b : a + "; " + b;

    private static double Percentile(long[] sortedTicks, double p)
    {
        if (sortedTicks.Length == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(p * sortedTicks.Length) - 1;
        return sortedTicks[Math.Clamp(rank, 0, sortedTicks.Length - 1)] * 1000.0 / Stopwatch.Frequency;
    }
}

/// <summary>Sends a request and reads the whole body into a pooled buffer, so the client adds little to the allocation figure.</summary>
internal static class Http
{
    public static async Task SendAndDrainAsync(HttpClient client, HttpRequestMessage request, Sample sample)
    {
        using (request)
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            sample.Status = response.StatusCode;
            await using var body = await response.Content.ReadAsStreamAsync();
            var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
            try
            {
                long total = 0;
                int read;
                while ((read = await body.ReadAsync(buffer)) > 0)
                {
                    if (total == 0)
                    {
                        sample.FirstByte = Stopwatch.GetTimestamp();
                    }

                    total += read;
                }

                sample.Bytes = total;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    public static Task GetAsync(HttpClient client, string path, Sample sample) =>
        SendAndDrainAsync(client, new HttpRequestMessage(HttpMethod.Get, path), sample);

    public static Task PostJsonAsync(HttpClient client, string path, string json, Sample sample) =>
        SendAndDrainAsync(client, new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") }, sample);

    /// <summary>For setup calls: fails with the route and status only (never the body, which could echo a key).</summary>
    public static async Task<string> ExpectOkAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} answered {(int)response.StatusCode}.");
            }

            return text;
        }
    }
}

/// <summary>
/// The process's peak resident set. On Linux, writing 5 to /proc/self/clear_refs resets the peak, so each
/// scenario reports its own; elsewhere the figure is the peak since the process started.
/// </summary>
internal static class PeakMemory
{
    public static void Reset()
    {
        try
        {
            if (OperatingSystem.IsLinux())
            {
                File.WriteAllText("/proc/self/clear_refs", "5");
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Not allowed here: the figure is then the peak since start.
        }
    }

    public static long Read()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }
}

internal static class Format
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Ms(double ms) => ms.ToString(ms < 10 ? "0.00" : ms < 100 ? "0.0" : "0", Invariant);

    public static string Count(double value) => value.ToString(value < 100 ? "0.#" : "#,0", Invariant);

    public static string Bytes(double bytes) => bytes switch
    {
        < 1024 => bytes.ToString("0", Invariant) + " B",
        < 1024 * 1024 => (bytes / 1024).ToString("0.#", Invariant) + " KB",
        _ => (bytes / 1024 / 1024).ToString("0.#", Invariant) + " MB",
    };

    public const string TableHeader =
        "| scenario | n | workers | p50 ms | p95 ms | p99 ms | req/s | alloc/req | peak WS | notes |\n" +
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |";

    public static string Row(Figures f) =>
        $"| {f.Scenario} | {f.Count.ToString("#,0", Invariant)} | {f.Concurrency} | {Ms(f.P50Ms)} | {Ms(f.P95Ms)} | {Ms(f.P99Ms)} | " +
        $"{Count(f.RequestsPerSecond)} | {Bytes(f.AllocatedBytesPerRequest)} | {Bytes(f.PeakWorkingSetBytes)} | {f.Note} |";
}
