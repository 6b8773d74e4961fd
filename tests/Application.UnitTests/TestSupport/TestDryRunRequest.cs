using ProxyAdmin.Application.Common.Interfaces;

namespace ProxyAdmin.Application.UnitTests.TestSupport;

/// <summary>Whether the request asks for a dry run, as a test sets it, and whether the answer was marked as one.</summary>
public sealed class TestDryRunRequest : IDryRunRequest
{
    public bool IsDryRun { get; set; }

    public bool Marked { get; private set; }

    public void MarkDryRun() => Marked = true;
}
