using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Models;
using ProxyAdmin.Application.Models.Queries.ListModelInfo;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Keys;

namespace ProxyAdmin.Application.UnitTests.Models;

public sealed class ListModelInfoQueryHandlerTests
{
    private ModelPorts _ports = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new ModelPorts();
        _ports.GivenCatalog();
    }

    [Test]
    public async Task ShouldListConfigModelsByNameThenStoredModelsOldestFirstForAnAdmin()
    {
        var models = await Handle(new ListModelInfoQuery(null), TestCaller.Admin());

        Assert.That(models.Select(m => m.ModelId), Is.EqualTo(new[] { "cfg-a", "cfg-team", "g1", "g2", "tm1", "tm2" }));
        Assert.That(models[0].LitellmParams.Text("api_key"), Is.EqualTo("****5678"));
        Assert.That(models[2].LitellmParams.Text("api_key"), Is.EqualTo("****1234"));
    }

    [Test]
    public async Task ShouldListAMemberTheOpenModelsAndTheirTeamsModelsUnderPublicNames()
    {
        var models = await Handle(new ListModelInfoQuery(null), TestCaller.InternalUser("bob"));

        Assert.That(models.Select(m => (m.ModelId, m.ModelName)), Is.EqualTo(new[]
        {
            ("cfg-a", "azure-gpt"),
            ("g1", "gpt-4o"),
            ("g2", "claude"),
            ("tm1", "t1-model"),
        }));
    }

    [Test]
    public async Task ShouldNarrowToTheModelsTheKeyAllows()
    {
        _ports.Ports.GivenKeys(TestData.Key("sk-caller-presented-key", "bob", new KeySettings { Models = ["claude"] }));

        var models = await Handle(new ListModelInfoQuery(null), TestCaller.InternalUser("bob"));

        Assert.That(models.Select(m => m.ModelId), Is.EqualTo(new[] { "g2", "tm1" }));
    }

    [Test]
    public async Task ShouldFilterByTeam()
    {
        var models = await Handle(new ListModelInfoQuery("t2"), TestCaller.Admin());

        Assert.That(models.Select(m => m.ModelId), Is.EqualTo(new[] { "cfg-team", "tm2" }));
    }

    [Test]
    public async Task ShouldNotLetAMemberFilterIntoAnotherTeam()
    {
        var models = await Handle(new ListModelInfoQuery("t2"), TestCaller.InternalUser("bob"));

        Assert.That(models, Is.Empty);
    }

    private async Task<List<ModelDto>> Handle(ListModelInfoQuery query, ICurrentCaller caller) =>
        (await new ListModelInfoQueryHandler(_ports.Visibility(caller), _ports.Reader).Handle(query, CancellationToken.None)).Data;
}
