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
}
