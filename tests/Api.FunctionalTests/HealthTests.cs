namespace ProxyAdmin.Api.FunctionalTests;

public sealed class HealthTests
{
    [TestCase("/health/liveliness")]
    [TestCase("/health/liveness")]
    public async Task LivenessAnswersWithoutAKey(string path)
    {
        var response = await Service.App.ClientWith(null).GetAsync(path);

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("\"I'm alive!\""));
    }

    [Test]
    public async Task ReadinessReportsTheDatabaseAndNothingElse()
    {
        var body = await (await Service.App.ClientWith(null).GetAsync("/health/readiness")).Expect(200);

        Assert.That(body["status"]!.GetValue<string>(), Is.EqualTo("healthy"));
        Assert.That(body["db"]!.GetValue<string>(), Is.EqualTo("connected"));
        Assert.That(body["pending_migrations"]!.GetValue<int>(), Is.Zero);
        Assert.That(body.Select(p => p.Key), Is.EquivalentTo(new[] { "status", "db", "pending_migrations" }));
    }
}
