namespace ProxyAdmin.Application.UnitTests.TestSupport;

/// <summary>A clock a test moves forward.</summary>
public sealed class MutableClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
