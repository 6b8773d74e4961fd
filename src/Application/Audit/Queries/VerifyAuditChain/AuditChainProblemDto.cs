using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Application.Audit.Queries.VerifyAuditChain;

/// <summary>Where the audit chain first breaks, and how.</summary>
public sealed record AuditChainProblemDto
{
    /// <summary>What is wrong: <c>altered</c>, <c>missing</c>, <c>inserted</c> or <c>out_of_order</c>.</summary>
    public required AuditChainFault Problem { get; init; }

    /// <summary>The sequence number where the chain breaks; null for a row that holds none.</summary>
    public required long? Sequence { get; init; }

    /// <summary>The audit row found there; null where there is none (a missing row, the chain's head).</summary>
    public required Guid? Id { get; init; }

    public required string Message { get; init; }

    public static AuditChainProblemDto From(AuditChainProblem problem) => new()
    {
        Problem = problem.Fault,
        Sequence = problem.Sequence,
        Id = problem.RowId,
        Message = problem.Message,
    };
}
