using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// Several real service processes on one database, as a platform team runs them behind a load balancer: each is
/// <c>dotnet ProxyAdmin.Api.dll</c> (the build beside these tests, or <c>PROXYADMIN_API_DLL</c>) on its own loopback
/// port, with the same master and salt key. Every process is killed when the set is disposed, and so is its database
/// when the set made it.
/// </summary>
public sealed class ReplicaSet : IAsyncDisposable
{
    public const string MasterKey = "sk-replica-test-master-key";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly ReplicaDatabase _database;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly List<Replica> _replicas = [];
    private readonly List<Replica> _extras = [];

    private ReplicaSet(ReplicaDatabase database, IReadOnlyDictionary<string, string> settings)
    {
        _database = database;
        _settings = settings;
    }

    public IReadOnlyList<Replica> Replicas => _replicas;

    public Replica this[int index] => _replicas[index];

    /// <param name="settings">Service settings for every replica, as environment variables (<c>ProxyAdmin__…</c>).</param>
    public static async Task<ReplicaSet> StartAsync(ReplicaDatabase database, int count, IReadOnlyDictionary<string, string>? settings = null)
    {
        var set = new ReplicaSet(database, settings ?? new Dictionary<string, string>());
        try
        {
            // One first, so it migrates the database alone; the rest then start side by side.
            set._replicas.Add(await set.LaunchAsync("replica-1"));
            set._replicas.AddRange(await Task.WhenAll(Enumerable.Range(2, count - 1).Select(i => set.LaunchAsync($"replica-{i}"))));
            return set;
        }
        catch
        {
            await set.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts one more replica on the same database, outside <see cref="Replicas"/>: one a test means to kill.</summary>
    /// <param name="settings">Settings for this replica instead of the set's (a replica restarted with a new configuration).</param>
    public async Task<Replica> StartExtraAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var replica = await LaunchAsync($"extra-{_extras.Count + 1}", settings);
        _extras.Add(replica);
        return replica;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in _replicas.Concat(_extras))
        {
            await replica.DisposeAsync();
        }

        _database.Dispose();
    }

    private async Task<Replica> LaunchAsync(string name, IReadOnlyDictionary<string, string>? settings = null)
    {
        var replica = Replica.Launch(name, ApiDll(), _database, settings ?? _settings);
        try
        {
            await replica.WaitUntilReadyAsync(StartTimeout);
            return replica;
        }
        catch
        {
            await replica.DisposeAsync();
            throw;
        }
    }

    internal static string ApiDll()
    {
        var configured = Environment.GetEnvironmentVariable("PROXYADMIN_API_DLL");
        var dll = string.IsNullOrWhiteSpace(configured) ? Path.Combine(AppContext.BaseDirectory, "ProxyAdmin.Api.dll") : configured;
        return File.Exists(dll) ? dll : throw new FileNotFoundException("The built service is missing; build the solution first.", dll);
    }

    /// <summary>A free loopback port, chosen by the system.</summary>
    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The one database of a <see cref="ReplicaSet"/>: which provider, how to reach it, and how many replicas share it.</summary>
public sealed class ReplicaDatabase : IDisposable
{
    private readonly Action _drop;

    private ReplicaDatabase(string name, string provider, string connectionString, int replicas, Action drop)
    {
        Name = name;
        Provider = provider;
        ConnectionString = connectionString;
        Replicas = replicas;
        _drop = drop;
    }

    public string Name { get; }

    /// <summary>The value of <c>ProxyAdmin__Database__Provider</c>.</summary>
    public string Provider { get; }

    public string ConnectionString { get; }

    /// <summary>How many replicas the tests run on it.</summary>
    public int Replicas { get; }

    /// <summary>A SQLite file in a fresh temporary folder, shared by processes on one machine (WAL, busy timeout).</summary>
    public static ReplicaDatabase Sqlite(int replicas)
    {
        var directory = Path.Combine(Path.GetTempPath(), "proxyadmin-replicas-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return new ReplicaDatabase(
            "SQLite",
            "Sqlite",
            $"Data Source={Path.Combine(directory, "proxyadmin.db")}",
            replicas,
            () =>
            {
                try
                {
                    Directory.Delete(directory, recursive: true);
                }
                catch (IOException)
                {
                    // A leftover temp folder is harmless; failing the run over it is not.
                }
            });
    }

    /// <summary>
    /// The provider this run tests (<see cref="TestDatabase.ProviderUnderTest"/>): three replicas on a PostgreSQL
    /// database of their own, or two processes on one SQLite file.
    /// </summary>
    public static ReplicaDatabase ForProviderUnderTest() =>
        TestDatabase.ProviderUnderTest == ProxyAdmin.Infrastructure.Data.DatabaseProvider.Postgres ? Postgres(replicas: 3) : Sqlite(replicas: 2);

    /// <summary>A PostgreSQL database of its own on the server the run names, dropped afterwards.</summary>
    public static ReplicaDatabase Postgres(int replicas)
    {
        var directory = Path.Combine(Path.GetTempPath(), "proxyadmin-replicas-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var database = TestDatabase.Create(directory);
        return new ReplicaDatabase("PostgreSQL", "Postgres", database.ConnectionString, replicas, () =>
        {
            database.Dispose();
            Directory.Delete(directory, recursive: true);
        });
    }

    public override string ToString() => $"{Name}, {Replicas} replicas";

    public void Dispose() => _drop();
}

/// <summary>One service process of a <see cref="ReplicaSet"/>, and a client for it.</summary>
public sealed class Replica : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http;
    private readonly System.Text.StringBuilder _output = new();

    private Replica(string name, Uri baseAddress, Process process)
    {
        Name = name;
        BaseAddress = baseAddress;
        _process = process;
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>What the process wrote, for a failure message (the master key is set, never printed).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    internal static Replica Launch(string name, string dll, ReplicaDatabase database, IReadOnlyDictionary<string, string> settings)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{ReplicaSet.FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--urls", baseAddress.ToString().TrimEnd('/') },
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ProxyAdmin__MasterKey"] = ReplicaSet.MasterKey;
        start.Environment["ProxyAdmin__SaltKey"] = "replica-test-salt-key";
        start.Environment["ProxyAdmin__Database__Provider"] = database.Provider;
        start.Environment["ConnectionStrings__ProxyAdmin"] = database.ConnectionString;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.EntityFrameworkCore.Migrations"] = "Error";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";

        // The replica tests fail authentications on purpose (revoked, blocked, rotated keys), all from loopback; the one
        // test of the limit sets it again (FailedAuthenticationLimitTests).
        start.Environment["ProxyAdmin__Limits__FailedAuthenticationsPerMinute"] = "0";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var replica = new Replica(name, baseAddress, process);
        process.OutputDataReceived += (_, line) => replica.Append(line.Data);
        process.ErrorDataReceived += (_, line) => replica.Append(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return replica;
    }

    internal async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await _http.GetAsync("/health/readiness");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{Name} was not ready within {timeout.TotalSeconds} s:\n{Output}");
    }

    /// <summary>Sends one request, with <paramref name="headers"/> added; <paramref name="key"/> null sends no key.</summary>
    public async Task<ReplicaResponse> SendAsync(
        HttpMethod method,
        string path,
        string? key = ReplicaSet.MasterKey,
        object? body = null,
        long? minRevision = null,
        IReadOnlyDictionary<string, string>? headers = null,
        CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, path);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (key is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }

        if (minRevision is { } revision)
        {
            request.Headers.Add("x-proxyadmin-min-revision", revision.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (body is not null)
        {
            request.Content = System.Net.Http.Json.JsonContent.Create(body, options: Api.Json);
        }

        using var response = await _http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var committed = response.Headers.TryGetValues("x-proxyadmin-revision", out var values)
            ? long.Parse(values.Single(), System.Globalization.CultureInfo.InvariantCulture)
            : (long?)null;
        var answered = response.Headers.ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        return new ReplicaResponse(Name, method.Method, path, (int)response.StatusCode, text, committed, response.Headers.RetryAfter?.Delta) { Headers = answered };
    }

    public Task<ReplicaResponse> GetAsync(string path, string? key = ReplicaSet.MasterKey, long? minRevision = null) =>
        SendAsync(HttpMethod.Get, path, key, minRevision: minRevision);

    public Task<ReplicaResponse> PostAsync(string path, object body, string? key = ReplicaSet.MasterKey, long? minRevision = null) =>
        SendAsync(HttpMethod.Post, path, key, body, minRevision);

    /// <summary>Ends the process at once (SIGKILL): no shutdown, no flush, whatever it was doing.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        using (var exit = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            await _process.WaitForExitAsync(exit.Token);
        }

        _process.Dispose();
        _http.Dispose();
    }

    public override string ToString() => $"{Name} ({BaseAddress})";

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}

/// <summary>One answer of a replica: status, body and the revision header of a write.</summary>
public sealed partial record ReplicaResponse(string Replica, string Method, string Path, int Status, string Text, long? Revision, TimeSpan? RetryAfter)
{
    /// <summary>The answer's headers (not its content's), by name in any case, repeated values joined by commas.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public System.Text.Json.Nodes.JsonObject Body =>
        System.Text.Json.Nodes.JsonNode.Parse(Text) as System.Text.Json.Nodes.JsonObject
        ?? throw new AssertionException($"{this}: expected a JSON object");

    /// <summary>Asserts the status and returns the body.</summary>
    public System.Text.Json.Nodes.JsonObject Expect(int status)
    {
        Assert.That(Status, Is.EqualTo(status), ToString());
        return Body;
    }

    public long CommittedRevision => Revision ?? throw new AssertionException($"{this}: a write must carry x-proxyadmin-revision");

    /// <summary>The answer as a failure message shows it, every virtual key in it cut to its last four characters.</summary>
    public override string ToString() => $"{Method} {Path} on {Replica}: {Status} {SecretPattern().Replace(Text, m => "sk-..." + m.Value[^4..])}";

    [System.Text.RegularExpressions.GeneratedRegex("sk-[A-Za-z0-9_-]{5,}")]
    private static partial System.Text.RegularExpressions.Regex SecretPattern();
}
