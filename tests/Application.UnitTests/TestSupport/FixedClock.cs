namespace ProxyAdmin.Application.UnitTests.TestSupport;

/// <summary>A clock that always says the same instant.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public static readonly DateTimeOffset DefaultNow = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public FixedClock()
        : this(DefaultNow)
    {
    }

    public DateTime UtcNow => now.UtcDateTime;

    public override DateTimeOffset GetUtcNow() => now;
}
