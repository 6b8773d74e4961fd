using Moq;
using ProxyAdmin.Application.Health;
using ProxyAdmin.Application.Health.Queries.CheckReadiness;

namespace ProxyAdmin.Application.UnitTests.Health;

public sealed class CheckReadinessQueryHandlerTests
{
    [Test]
    public async Task ShouldReportHealthyWhenTheDatabaseAnswersWithEveryMigration()
    {
        var readiness = await Handle(new DatabaseReadiness(Connected: true, PendingMigrations: 0));

        Assert.That(readiness, Is.EqualTo(new ReadinessDto { Status = "healthy", Db = "connected", PendingMigrations = 0 }));
    }

    [Test]
    public async Task ShouldReportUnhealthyWhenTheDatabaseDoesNotAnswer()
    {
        var readiness = await Handle(new DatabaseReadiness(Connected: false, PendingMigrations: 0));

        Assert.That(readiness, Is.EqualTo(new ReadinessDto { Status = "unhealthy", Db = "disconnected", PendingMigrations = 0 }));
    }

    [Test]
    public async Task ShouldReportUnhealthyWhenMigrationsArePending()
    {
        var readiness = await Handle(new DatabaseReadiness(Connected: true, PendingMigrations: 2));

        Assert.That(readiness, Is.EqualTo(new ReadinessDto { Status = "unhealthy", Db = "connected", PendingMigrations = 2 }));
    }

    private static async Task<ReadinessDto> Handle(DatabaseReadiness found)
    {
        var database = new Mock<IDatabaseProbe>();
        database.Setup(d => d.CheckAsync(It.IsAny<CancellationToken>())).ReturnsAsync(found);
        return await new CheckReadinessQueryHandler(database.Object).Handle(new CheckReadinessQuery(), CancellationToken.None);
    }
}
