using Moq;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Models.Queries.ListOpenAiModels;
using ProxyAdmin.Application.UnitTests.TestSupport;
using static ProxyAdmin.Application.UnitTests.Models.ModelFixtures;

namespace ProxyAdmin.Application.UnitTests.Models;

public sealed class ListOpenAiModelsQueryHandlerTests
{
    private ModelPorts _ports = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new ModelPorts();
        _ports.GivenCatalog();
        _ports.GivenModels(Stored("tm1b", "t1-model", """{"model":"azure/gpt-4o-mini"}""", teamId: "t1", minutesAfterEarlier: 5));
    }

    [Test]
    public async Task ShouldListEveryPublicNameOnceSortedForAnAdmin()
    {
        var list = await Handle(new ListOpenAiModelsQuery(null), TestCaller.Admin());

        Assert.That(list.Object, Is.EqualTo("list"));
        Assert.That(list.Data.Select(m => m.Id), Is.EqualTo(new[] { "azure-gpt", "claude", "gpt-4o", "t1-model", "t2-model", "team2-private" }));
        Assert.That(list.Data.Select(m => (m.Object, m.Created, m.OwnedBy)), Is.All.EqualTo(("model", ListOpenAiModelsQueryHandler.CreatedAt, "openai")));
    }

    [Test]
    public async Task ShouldListOnlyWhatAMemberMayCall()
    {
        var list = await Handle(new ListOpenAiModelsQuery(null), TestCaller.InternalUser("bob"));

        Assert.That(list.Data.Select(m => m.Id), Is.EqualTo(new[] { "azure-gpt", "claude", "gpt-4o", "t1-model" }));
    }

    [Test]
    public async Task ShouldListAServiceAccountItsOwnTeamsModelsAndNoOtherTeams()
    {
        var t1 = await Handle(new ListOpenAiModelsQuery(null), TestCaller.ServiceAccount("t1"));
        var t2 = await Handle(new ListOpenAiModelsQuery(null), TestCaller.ServiceAccount("t2"));
        var teamless = await Handle(new ListOpenAiModelsQuery(null), TestCaller.ServiceAccount(teamId: null));

        Assert.That(t1.Data.Select(m => m.Id), Is.EqualTo(new[] { "azure-gpt", "claude", "gpt-4o", "t1-model" }));
        Assert.That(t2.Data.Select(m => m.Id), Is.EqualTo(new[] { "azure-gpt", "claude", "gpt-4o", "t2-model", "team2-private" }));
        Assert.That(teamless.Data.Select(m => m.Id), Is.EqualTo(new[] { "azure-gpt", "claude", "gpt-4o" }));
        _ports.Ports.Users.Verify(r => r.GetAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never, "no user row is consulted for a key without a user");
    }

    [Test]
    public async Task ShouldFilterByTeam()
    {
        var list = await Handle(new ListOpenAiModelsQuery("t1"), TestCaller.InternalUser("alice"));

        Assert.That(list.Data.Select(m => m.Id), Is.EqualTo(new[] { "t1-model" }));
    }

    [Test]
    public async Task ShouldListAConfigModelWhosePublicNameIsNotAStringUnderItsModelName()
    {
        // The YAML reads an unquoted 7 as a number; reading it as a string used to fail the whole list with a 500.
        _ports.ConfigModels.Add(Config("cfg-numeric", "numeric-name", """{"model":"openai/gpt-4"}""", """{"team_public_model_name":7}"""));

        var list = await Handle(new ListOpenAiModelsQuery(null), TestCaller.Admin());

        Assert.That(list.Data.Select(m => m.Id), Does.Contain("numeric-name").And.Not.Contain("7"));
    }

    private async Task<OpenAiModelListDto> Handle(ListOpenAiModelsQuery query, ICurrentCaller caller) =>
        await new ListOpenAiModelsQueryHandler(_ports.Visibility(caller), _ports.Reader).Handle(query, CancellationToken.None);
}
