using Microsoft.Extensions.DependencyInjection;
using ProxyAdmin.Application.Common;

namespace ProxyAdmin.Application.UnitTests.Common;

public sealed class MicrosecondTimeProviderTests
{
    [Test]
    public void TheClockReadsWholeMicrosecondsOfUtcCloseToTheSystemClock()
    {
        var readings = Enumerable.Range(0, 200).Select(_ => MicrosecondTimeProvider.Instance.GetUtcNow()).ToList();
        var system = TimeProvider.System.GetUtcNow();

        Assert.That(readings.Select(r => r.Ticks % TimeSpan.TicksPerMicrosecond), Is.All.Zero, "PostgreSQL keeps microseconds; no reading has finer ticks");
        Assert.That(readings.Select(r => r.Offset), Is.All.EqualTo(TimeSpan.Zero));
        Assert.That(system - readings[^1], Is.GreaterThanOrEqualTo(TimeSpan.Zero).And.LessThan(TimeSpan.FromSeconds(1)));
        Assert.That(readings, Is.Ordered);
    }

    [Test]
    public void TheServicesAreGivenThisClock()
    {
        var services = new ServiceCollection().AddApplicationServices();

        var clock = services.Single(d => d.ServiceType == typeof(TimeProvider));
        Assert.That(clock.ImplementationInstance, Is.SameAs(MicrosecondTimeProvider.Instance));
    }
}
