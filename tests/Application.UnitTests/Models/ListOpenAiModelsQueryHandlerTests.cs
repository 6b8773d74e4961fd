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

    [Test]
    public async Task ShouldHideANameAllOfWhoseDeploymentsAreBlockedButKeepOneWithAnyServing()
    {
        var blockedOnly = Stored("b1", "paused", """{"model":"openai/gpt-4o"}""", minutesAfterEarlier: 6);
        blockedOnly.SetBlocked(true, new Domain.Common.AuditStamp("admin", TestData.Earlier));
        var blockedSibling = Stored("b2", "claude", """{"model":"anthropic/claude"}""", minutesAfterEarlier: 7);
        blockedSibling.SetBlocked(true, new Domain.Common.AuditStamp("admin", TestData.Earlier));
        _ports.GivenModels(blockedOnly, blockedSibling);

        var list = await Handle(new ListOpenAiModelsQuery(null), TestCaller.Admin());

        Assert.That(list.Data.Select(m => m.Id), Does.Not.Contain("paused").And.Contain("claude"));
    }

    [Test]
    public async Task ShouldNeverListATeamDeploymentsInternalName()
    {
        // A team deployment without a public name (a config entry copied from an older LiteLLM database) has only its internal name to show.
        _ports.ConfigModels.Add(Config("cfg-legacy", "model_name_t2_0c0b", """{"model":"openai/gpt-4"}""", """{"team_id":"t2"}"""));

        var list = await Handle(new ListOpenAiModelsQuery(null), TestCaller.Admin());

        Assert.That(list.Data.Select(m => m.Id), Has.None.StartsWith("model_name_"));
        Assert.That(list.Data.Select(m => m.Id), Does.Contain("t1-model"), "DB team models are listed under their public names");
    }

    [Test]
    public async Task ShouldAddAccessGroupsOnRequestAndListOnlyThemWhenAskedWithThem()
    {
        _ports.GivenModels(
            Stored("ag1", "grouped-a", """{"model":"openai/gpt-4o"}""", """{"access_groups":["beta-models"]}""", minutesAfterEarlier: 6),
            Stored("ag2", "grouped-b", """{"model":"openai/gpt-4o"}""", """{"access_groups":["beta-models","alpha-models"]}""", minutesAfterEarlier: 7));

        var included = await Handle(new ListOpenAiModelsQuery(null, IncludeModelAccessGroups: true), TestCaller.Admin());
        var only = await Handle(new ListOpenAiModelsQuery(null, IncludeModelAccessGroups: true, OnlyModelAccessGroups: true), TestCaller.Admin());
        var onlyAlone = await Handle(new ListOpenAiModelsQuery(null, OnlyModelAccessGroups: true), TestCaller.Admin());

        Assert.That(included.Data.Select(m => m.Id), Is.SupersetOf(new[] { "grouped-a", "grouped-b", "alpha-models", "beta-models" }));
        Assert.That(included.Data.Select(m => m.Id).TakeLast(2), Is.EqualTo(new[] { "alpha-models", "beta-models" }), "groups follow the model names");
        Assert.That(only.Data.Select(m => m.Id), Is.EqualTo(new[] { "alpha-models", "beta-models" }));
        Assert.That(onlyAlone.Data, Is.Empty, "as LiteLLM's get_complete_model_list: without include, no group is in the list to keep");
    }

    [Test]
    public async Task ShouldKnowOnlyTheAccessGroupsOfModelsTheCallerMaySee()
    {
        _ports.GivenModels(Stored("ag3", "secret-team-model", """{"model":"openai/gpt-4o"}""", """{"access_groups":["t2-group"]}""", teamId: "t2", minutesAfterEarlier: 6));

        var list = await Handle(new ListOpenAiModelsQuery(null, IncludeModelAccessGroups: true, OnlyModelAccessGroups: true), TestCaller.InternalUser("bob"));

        Assert.That(list.Data, Is.Empty);
    }

    private async Task<OpenAiModelListDto> Handle(ListOpenAiModelsQuery query, ICurrentCaller caller) =>
        await new ListOpenAiModelsQueryHandler(_ports.Callable(caller)).Handle(query, CancellationToken.None);
}
