namespace ProxyAdmin.Application.Common.Interfaces;

/// <summary>
/// The dry-run part of the current request, as the transport carries it: HTTP's <c>?dry_run=true</c> and the answer's
/// <c>x-proxyadmin-dry-run: true</c>. A dry run is judged, checked and computed as the write would be, and then rolled
/// back (<see cref="Behaviours.TransactionBehaviour{TMessage, TResponse}"/>); this port only carries the values.
/// </summary>
public interface IDryRunRequest
{
    /// <summary>
    /// True when the request asks for a dry run. A malformed value (anything but <c>true</c> or <c>false</c>, or the
    /// parameter sent twice) is a <see cref="Exceptions.BadRequestException"/> naming it.
    /// </summary>
    bool IsDryRun { get; }

    /// <summary>Marks the answer as computed by a dry run, with nothing written; drops what only a commit may answer (the entity tag).</summary>
    void MarkDryRun();
}
