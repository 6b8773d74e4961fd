namespace ProxyAdmin.Application.Common.Interfaces;

/// <summary>
/// Which database revision this replica has applied: every change committed up to it, through any replica, is
/// honoured here (its key cache holds nothing older). Revisions count committed commands, in commit order.
/// </summary>
public interface IAppliedRevision
{
    long Applied { get; }

    /// <summary>
    /// Waits until this replica has applied <paramref name="revision"/>, at most the configured bound; false when the
    /// bound ran out first.
    /// </summary>
    Task<bool> WaitForAsync(long revision, CancellationToken cancellationToken);

    /// <summary>
    /// Waits until this replica has applied a revision after <paramref name="revision"/> (a write committed through
    /// any replica), at most <paramref name="limit"/>, without polling of its own; false when the limit ran out first.
    /// </summary>
    Task<bool> WaitBeyondAsync(long revision, TimeSpan limit, CancellationToken cancellationToken);
}
