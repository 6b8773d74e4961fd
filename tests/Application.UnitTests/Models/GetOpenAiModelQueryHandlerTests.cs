using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Models.Queries.GetOpenAiModel;
using ProxyAdmin.Application.Models.Queries.ListOpenAiModels;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Common;
using static ProxyAdmin.Application.UnitTests.Models.ModelFixtures;

namespace ProxyAdmin.Application.UnitTests.Models;

public sealed class GetOpenAiModelQueryHandlerTests
{
    private ModelPorts _ports = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new ModelPorts();
        _ports.GivenCatalog();
        _ports.GivenModels(Stored("slash", "openai/gpt-4o-mini", """{"model":"gpt-4o-mini","custom_llm_provider":"azure"}""", minutesAfterEarlier: 6));
    }

    [Test]
    public async Task ShouldAnswerANameTheCallerMayCallOwnedByItsProvider()
    {
        var model = await Handle(new GetOpenAiModelQuery("claude"), TestCaller.InternalUser("bob"));

        Assert.That(
            (model.Id, model.Object, model.Created, model.OwnedBy),
            Is.EqualTo(("claude", "model", ListOpenAiModelsQueryHandler.CreatedAt, "anthropic")));
    }

    [Test]
    public async Task ShouldFindANameHoldingASlashAndTakeCustomLlmProviderFirst()
    {
        var model = await Handle(new GetOpenAiModelQuery("openai/gpt-4o-mini"), TestCaller.Admin());

        Assert.That((model.Id, model.OwnedBy), Is.EqualTo(("openai/gpt-4o-mini", "azure")));
    }

    [Test]
    public async Task ShouldFindATeamModelByItsPublicNameForAMember()
    {
        var model = await Handle(new GetOpenAiModelQuery("t1-model"), TestCaller.InternalUser("bob"));

        Assert.That(model.Id, Is.EqualTo("t1-model"));
    }

    [TestCase("t2-model")]
    [TestCase("ghost")]
    public void ShouldAnswerAnotherTeamsModelAsAMissingOne(string name)
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new GetOpenAiModelQuery(name), TestCaller.InternalUser("bob")));

        Assert.That(missing!.Message, Is.EqualTo($"The model `{name}` does not exist or is not accessible"));
        Assert.That(missing.Param, Is.EqualTo("model_id"));
    }

    [Test]
    public async Task ShouldNotFindAnInternalNameNorAModelWhoseDeploymentsAreAllBlocked()
    {
        var teamModel = (await _ports.Models.Object.GetAsync("tm1", CancellationToken.None))!;

        Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new GetOpenAiModelQuery(teamModel.ModelName), TestCaller.Admin()), "internal names are never listed, so never found");
        teamModel.SetBlocked(true, new AuditStamp("admin", TestData.Earlier));
        Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new GetOpenAiModelQuery("t1-model"), TestCaller.Admin()));
    }

    [Test]
    public void ShouldOnlyFindModelsOfTheTeamAskedFor() =>
        Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new GetOpenAiModelQuery("claude", "t1"), TestCaller.Admin()));

    [Test]
    public void ShouldRequireAName() =>
        Assert.That(new GetOpenAiModelQueryValidator().InvalidFields(new GetOpenAiModelQuery("")), Is.EqualTo(new[] { "model_id" }));

    private async Task<Application.Models.Queries.ListOpenAiModels.OpenAiModelDto> Handle(GetOpenAiModelQuery query, ICurrentCaller caller) =>
        await new GetOpenAiModelQueryHandler(_ports.Callable(caller)).Handle(query, CancellationToken.None);
}
