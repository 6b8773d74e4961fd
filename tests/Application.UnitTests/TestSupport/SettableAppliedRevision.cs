using ProxyAdmin.Application.Common.Interfaces;

namespace ProxyAdmin.Application.UnitTests.TestSupport;

/// <summary>The replica's applied revision as a test sets it; waiting is never needed in memory.</summary>
public sealed class SettableAppliedRevision : IAppliedRevision
{
    public long Applied { get; set; }

    public Task<bool> WaitForAsync(long revision, CancellationToken cancellationToken) => Task.FromResult(Applied >= revision);

    public Task<bool> WaitBeyondAsync(long revision, TimeSpan limit, CancellationToken cancellationToken) => Task.FromResult(Applied > revision);
}
