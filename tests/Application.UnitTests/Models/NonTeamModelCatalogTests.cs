using ProxyAdmin.Application.Models;
using ProxyAdmin.Application.UnitTests.TestSupport;

namespace ProxyAdmin.Application.UnitTests.Models;

public sealed class NonTeamModelCatalogTests
{
    [Test]
    public async Task ShouldGiveEachNonTeamNameTheGroupsOfAllItsDeployments()
    {
        var ports = new ModelPorts();
        ports.GivenModels(
            ModelFixtures.Stored("a1", "gpt-4o", """{"model":"openai/gpt-4o"}""", """{"access_groups":["prod"]}"""),
            ModelFixtures.Stored("a2", "gpt-4o", """{"model":"azure/gpt-4o"}""", """{"access_groups":["eu"]}"""),
            ModelFixtures.Stored("t1", "team-only", """{"model":"openai/o1"}""", teamId: "t1"));

        var catalog = await ports.Catalog.GetAsync(ports.Reads, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(catalog.Keys, Is.EquivalentTo(new[] { "gpt-4o" }), "team models are judged by membership, not by lists");
            Assert.That(catalog["gpt-4o"], Is.EquivalentTo(new[] { "prod", "eu" }));
        });
    }

    [Test]
    public async Task ShouldReadOncePerAppliedRevision()
    {
        var ports = new ModelPorts();
        ports.GivenModels(ModelFixtures.Stored("a1", "gpt-4o", """{"model":"openai/gpt-4o"}"""));
        var first = await ports.Catalog.GetAsync(ports.Reads, CancellationToken.None);

        ports.Reads.Seed(ModelFixtures.Stored("a2", "claude", """{"model":"anthropic/claude"}"""));
        var sameRevision = await ports.Catalog.GetAsync(ports.Reads, CancellationToken.None);
        ports.Revision.Applied++;
        var nextRevision = await ports.Catalog.GetAsync(ports.Reads, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(sameRevision, Is.SameAs(first), "no write committed: the same catalog");
            Assert.That(nextRevision.Keys, Does.Contain("claude"), "a committed write moves the revision, and the catalog is read again");
        });
    }
}
