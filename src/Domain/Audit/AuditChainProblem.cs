namespace ProxyAdmin.Domain.Audit;

/// <summary>The first thing wrong with the audit chain.</summary>
/// <param name="Sequence">The sequence number where the chain breaks; null for a row that holds none.</param>
/// <param name="RowId">The row found there; null where no row is (a missing one, the head).</param>
public sealed record AuditChainProblem(AuditChainFault Fault, long? Sequence, Guid? RowId, string Message);
