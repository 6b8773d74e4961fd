namespace ProxyAdmin.Application.Common;

/// <summary>
/// The service's clock: the system's, cut to whole microseconds. PostgreSQL keeps instants to the microsecond, so an
/// instant with 100 ns ticks would be answered one way by the write that made it and another by every later read;
/// cut at the source, every provider stores and answers exactly what the handler saw. LiteLLM's Python datetimes have
/// the same resolution (its own PostgreSQL columns, Prisma's <c>TIMESTAMP(3)</c>, keep milliseconds).
/// </summary>
public sealed class MicrosecondTimeProvider : TimeProvider
{
    public static MicrosecondTimeProvider Instance { get; } = new();

    public override DateTimeOffset GetUtcNow()
    {
        var now = System.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}
