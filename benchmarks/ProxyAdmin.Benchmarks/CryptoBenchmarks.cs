using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ProxyAdmin.Application.Common.Interfaces;
using ProxyAdmin.Application.Common.Secrets;

namespace ProxyAdmin.Benchmarks;

/// <summary>
/// 5. The secret protector (AES-256-GCM, LiteLLM's v3 format) on one litellm_params value and on a whole
/// litellm_params object, and the SHA-256 hash every presented key goes through. The implementations are
/// resolved from Infrastructure's own service registration, as the service does, so no internals are opened.
/// </summary>
[MemoryDiagnoser]
public class CryptoBenchmarks
{
    private ServiceProvider _services = null!;
    private ISecretProtector _protector = null!;
    private IVirtualKeySecrets _keys = null!;
    private SealedValues _sealer = null!;
    private string _sealedApiKey = null!;
    private JsonObject _params = null!;
    private JsonObject _sealedParams = null!;

    /// <summary>A made-up provider key of a realistic length (not a secret).</summary>
    private const string ApiKey = "sk-proj-benchmark-placeholder-0123456789abcdefghijklmnopqrstuvwxyzABCDEF";

    /// <summary>A made-up virtual key of the length the service issues (not a secret).</summary>
    private const string VirtualKey = "sk-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-xy";

    [GlobalSetup]
    public void Setup()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:ProxyAdmin"] = "Data Source=:memory:",
                ["ProxyAdmin:Database:MigrateOnStartup"] = "false",
                ["ProxyAdmin:MasterKey"] = "sk-benchmark-master-key-not-a-secret",
                ["ProxyAdmin:SaltKey"] = "benchmark-salt-key-not-a-secret",
            })
            .Build();
        _services = new ServiceCollection()
            .AddLogging()
            .AddInfrastructureServices(configuration, TextWriter.Null, NullLogger.Instance)
            .BuildServiceProvider();
        _protector = _services.GetRequiredService<ISecretProtector>();
        _keys = _services.GetRequiredService<IVirtualKeySecrets>();
        _sealer = new SealedValues(_protector);
        _sealedApiKey = _protector.Protect(ApiKey);
        _params = new JsonObject
        {
            ["model"] = "azure/gpt-4o",
            ["api_key"] = ApiKey,
            ["api_base"] = "https://llm.example.invalid/openai",
            ["api_version"] = "2024-10-21",
            ["rpm"] = 600,
            ["tpm"] = 100_000,
        };
        _sealedParams = _sealer.Seal(_params);
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Description = "Protect api_key (AES-GCM)")]
    public string ProtectValue() => _protector.Protect(ApiKey);

    [Benchmark(Description = "Unprotect api_key (AES-GCM)")]
    public string UnprotectValue() => _protector.Unprotect(_sealedApiKey);

    [Benchmark(Description = "Encrypt litellm_params (6 fields, 4 strings)")]
    public JsonObject EncryptParams() => _sealer.Seal(_params);

    [Benchmark(Description = "Decrypt litellm_params (6 fields, 4 strings)")]
    public JsonObject DecryptParams() => _sealer.Unseal(_sealedParams).Plain;

    [Benchmark(Description = "SHA-256 hex of a virtual key")]
    public string HashKey() => _keys.Hash(VirtualKey);
}
