using Moq;
using ProxyAdmin.Application.Common.Idempotency;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.UnitTests.Encryption;
using ProxyAdmin.Domain.Common;

namespace ProxyAdmin.Application.UnitTests.TestSupport;

/// <summary>
/// What the idempotency behaviours stand on, in memory: the request's Idempotency-Key as a test sets it, the stored
/// records, wire JSON, a readable sealing, the clock, and the caller as the database judges it again.
/// </summary>
public sealed class IdempotencyFixture
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    public IdempotencyFixture(TestCaller caller)
    {
        Caller = caller;
        Authenticator.Setup(a => a.ReauthenticateAsync(It.IsAny<Principal>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((Principal principal, CancellationToken _) => AuthenticationOutcome.Success(principal));
    }

    public TestCaller Caller { get; }

    public TestIdempotencyRequest Request { get; } = new();

    public TestDryRunRequest DryRun { get; } = new();

    public InMemoryIdempotencyRecords Records { get; } = new();

    public TestConditionalRequest Conditional { get; } = new();

    public KeyedSecretProtector Protector { get; } = new("salt-1", "salt-1");

    public Mock<IApiKeyAuthenticator> Authenticator { get; } = new();

    public MutableClock Clock { get; } = new(FixedClock.DefaultNow);

    public IdempotentResponses Responses() => new(
        Request,
        DryRun,
        Caller,
        Records,
        new TestWireJson(),
        Protector,
        Conditional,
        new CallerRecheck(Caller, Authenticator.Object),
        new IdempotencySettings(Window, TimeSpan.FromMinutes(10)),
        Clock);
}
