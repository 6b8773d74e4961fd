using ProxyAdmin.Application.Common.Interfaces;

namespace ProxyAdmin.Application.UnitTests.TestSupport;

/// <summary>The request's Idempotency-Key as a test sets it, and whether the answer was marked replayed.</summary>
public sealed class TestIdempotencyRequest : IIdempotencyRequest
{
    public string? Key { get; set; }

    public bool Replayed { get; private set; }

    public void MarkReplayed() => Replayed = true;
}
