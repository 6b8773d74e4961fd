using System.Reflection;
using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Application.UnitTests.Audit;

/// <summary>Chained audit rows and their head, as the database holds them, for the chain's query handlers.</summary>
internal static class AuditChainRows
{
    public static readonly DateTime Start = new(2025, 5, 1, 9, 0, 0, DateTimeKind.Utc);

    public static (List<AuditEntry> Rows, AuditChainHead Head) Chain(int count)
    {
        var head = AuditChainHead.Empty();
        var rows = Enumerable.Range(1, count)
            .Select(i => AuditEntry.Record(AuditAction.Created, AuditTables.Teams, $"t{i}", "alice", new string('c', 64), null, $$"""{"team_id":"t{{i}}"}""", Start.AddMinutes(i)))
            .ToList();
        rows.ForEach(head.Append);
        return (rows, head);
    }

    /// <summary>What an edit of the database behind the service's back does to a row.</summary>
    public static void Set(object target, string property, object? value) =>
        target.GetType().GetProperty(property, BindingFlags.Public | BindingFlags.Instance)!.SetValue(target, value);
}
