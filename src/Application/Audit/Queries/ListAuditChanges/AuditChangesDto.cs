namespace ProxyAdmin.Application.Audit.Queries.ListAuditChanges;

/// <summary>What <c>GET /audit/changes</c> answers: the new links of the audit chain, possibly none.</summary>
public sealed record AuditChangesDto
{
    /// <summary>The rows after <c>after</c>, in chain order; empty when none came within <c>wait</c>.</summary>
    public required List<AuditLogDto> Changes { get; init; }

    /// <summary>The <c>after</c> of the next call: the last row's sequence, or the <c>after</c> sent when there was none.</summary>
    public required long NextAfter { get; init; }
}
