namespace ProxyAdmin.Application.Audit.Queries.VerifyAuditChain;

/// <summary>What <c>GET /audit/verify</c> found.</summary>
public sealed record AuditChainVerificationDto
{
    /// <summary>Whether every row up to the head chains to the one before it and nothing lies outside the chain.</summary>
    public required bool Valid { get; init; }

    /// <summary>How many rows were recomputed, the one where the chain broke included.</summary>
    public required long RowsChecked { get; init; }

    /// <summary>The sequence of the last row the chain holds, as the head recorded it when the check began.</summary>
    public required long HeadSequence { get; init; }

    /// <summary>That row's hash: compare it with the hash a copy outside the database (a SIEM's) holds for that sequence.</summary>
    public required string HeadHash { get; init; }

    /// <summary>The first problem, in chain order; null when <see cref="Valid"/>.</summary>
    public required AuditChainProblemDto? FirstProblem { get; init; }
}
