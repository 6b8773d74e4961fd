using Moq;
using ProxyAdmin.Application.Health;
using ProxyAdmin.Application.Health.Queries.CheckReadiness;

namespace ProxyAdmin.Application.UnitTests.Health;

public sealed class CheckReadinessQueryHandlerTests
{
    [Test]
    public async Task ShouldReportHealthyWhenTheDatabaseAnswers()
    {
        var readiness = await Handle(canConnect: true);

        Assert.That(readiness, Is.EqualTo(new ReadinessDto { Status = "healthy", Db = "connected" }));
    }

    [Test]
    public async Task ShouldReportUnhealthyWhenTheDatabaseDoesNotAnswer()
    {
        var readiness = await Handle(canConnect: false);

        Assert.That(readiness, Is.EqualTo(new ReadinessDto { Status = "unhealthy", Db = "disconnected" }));
    }

    private static async Task<ReadinessDto> Handle(bool canConnect)
    {
        var database = new Mock<IDatabaseProbe>();
        database.Setup(d => d.CanConnectAsync(It.IsAny<CancellationToken>())).ReturnsAsync(canConnect);
        return await new CheckReadinessQueryHandler(database.Object).Handle(new CheckReadinessQuery(), CancellationToken.None);
    }
}
