using ProxyAdmin.Domain.Common;

namespace ProxyAdmin.Domain.UnitTests.TestSupport;

/// <summary>Fixed instants and stamps, so every expected date in a test is a literal consequence of them.</summary>
internal static class Stamps
{
    public static readonly DateTime At = new(2026, 1, 31, 12, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime Later = new(2026, 2, 1, 8, 30, 0, DateTimeKind.Utc);

    /// <summary>The stamp an entity is created with.</summary>
    public static readonly AuditStamp Created = new("alice", At);

    /// <summary>A later stamp by someone else, for updates.</summary>
    public static readonly AuditStamp Updated = new("bob", Later);
}
