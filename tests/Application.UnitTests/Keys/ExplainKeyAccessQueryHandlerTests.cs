using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Keys.Queries.ExplainKeyAccess;
using ProxyAdmin.Application.Models;
using ProxyAdmin.Application.UnitTests.Models;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Keys;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Application.UnitTests.Keys;

/// <summary>
/// The catalog of <see cref="ModelFixtures.GivenCatalog"/> (gpt-4o, claude, azure-gpt; team models t1-model of t1 and
/// t2-model of t2), and keys of alice (admin of t1), bob (member of t1) and dave (in no team).
/// </summary>
public sealed class ExplainKeyAccessQueryHandlerTests
{
    private const string DaveSecret = "sk-dave-secret-1111";
    private const string BobSecret = "sk-bob-secret-2222";

    private ModelPorts _ports = null!;
    private VirtualKey _daveKey = null!;
    private VirtualKey _bobKey = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new ModelPorts();
        _ports.GivenCatalog();
        _ports.Ports.GivenUsers(TestData.User("dave"), TestData.User("bob"), TestData.User("alice"));
        _daveKey = TestData.Key(DaveSecret, "dave", new KeySettings { Models = ["gpt-*", "claude"], MaxBudget = 10 });
        _bobKey = TestData.Key(BobSecret, "bob", new KeySettings { TeamId = "t1" });
        _ports.Ports.GivenKeys(_daveKey, _bobKey);
    }

    [Test]
    public async Task ShouldListWhatTheKeyMayCallAsModelsWouldAnswerIt()
    {
        var explained = await Handle(new ExplainKeyAccessQuery(DaveSecret, null), TestCaller.Admin());
        var asDave = await _ports.Callable(TestCaller.InternalUser("dave") with { ApiKeyHash = _daveKey.Token }).ForCallerAsync(null, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(explained.EffectiveModels, Is.EqualTo(asDave.Select(m => m.Name)));
            Assert.That(explained.EffectiveModels, Is.EquivalentTo(new[] { "gpt-4o", "claude" }), "the wildcard and the name; azure-gpt matches neither");
            Assert.That(explained.Verdict, Is.Null);
        });
    }

    [Test]
    public async Task ShouldNameTheEntryThatAllowsAModelAtEachLevel()
    {
        var explained = await Handle(new ExplainKeyAccessQuery(DaveSecret, "gpt-4o"), TestCaller.Admin());
        var key = explained.Levels.Single(l => l.Level == ModelAccessLevel.Key);

        Assert.Multiple(() =>
        {
            Assert.That(explained.Verdict, Is.EqualTo(new ModelVerdictDto { Model = "gpt-4o", Allowed = true }));
            Assert.That(key.ModelAllowance, Is.EqualTo(new ModelAllowanceDto { Allowed = true, Rule = "wildcard", Via = "gpt-*" }));
            Assert.That(explained.Levels.Single(l => l.Level == ModelAccessLevel.User).ModelAllowance!.Rule, Is.EqualTo("unrestricted"));
            Assert.That(key.MaxBudget, Is.EqualTo(10));
            Assert.That(key.BudgetRemaining, Is.EqualTo(10));
        });
    }

    [Test]
    public async Task ShouldDenyAModelOutsideTheKeysListAtTheKeyInLiteLlmsWords()
    {
        var verdict = (await Handle(new ExplainKeyAccessQuery(DaveSecret, "azure-gpt"), TestCaller.Admin())).Verdict!;

        Assert.Multiple(() =>
        {
            Assert.That(verdict.Allowed, Is.False);
            Assert.That(verdict.DeniedBy, Is.EqualTo("key"));
            Assert.That(verdict.Rule, Is.EqualTo("not_listed"));
            Assert.That(verdict.Message, Is.EqualTo("key not allowed to access model. This key can only access models=[gpt-*, claude]. Tried to access azure-gpt"));
        });
    }

    [Test]
    public async Task ShouldAllowATeamModelOfTheKeysTeamAndDenyAnotherTeamsModel()
    {
        var own = (await Handle(new ExplainKeyAccessQuery(BobSecret, "t1-model"), TestCaller.Admin())).Verdict!;
        var other = (await Handle(new ExplainKeyAccessQuery(BobSecret, "t2-model"), TestCaller.Admin())).Verdict!;

        Assert.Multiple(() =>
        {
            Assert.That(own.Allowed, Is.True);
            Assert.That((other.Allowed, other.DeniedBy, other.Rule), Is.EqualTo((false, "team", "other_team_model")));
        });
    }

    [Test]
    public async Task ShouldNotTellTheOwnerThatAnotherTeamsModelExists()
    {
        var verdict = (await Handle(new ExplainKeyAccessQuery(null, "t2-model"), TestCaller.InternalUser("bob") with { ApiKeyHash = _bobKey.Token })).Verdict!;
        var missing = (await Handle(new ExplainKeyAccessQuery(null, "t9-model"), TestCaller.InternalUser("bob") with { ApiKeyHash = _bobKey.Token })).Verdict!;

        Assert.That(
            (verdict.Allowed, verdict.DeniedBy, verdict.Rule, verdict.Message),
            Is.EqualTo((missing.Allowed, missing.DeniedBy, missing.Rule, missing.Message!.Replace("t9-model", "t2-model", StringComparison.Ordinal))),
            "another team's model is told as a model that does not exist");
    }

    [Test]
    public async Task ShouldDenyAModelNoDeploymentServes()
    {
        var verdict = (await Handle(new ExplainKeyAccessQuery(DaveSecret, "gpt-5"), TestCaller.Admin())).Verdict!;

        Assert.That((verdict.Allowed, verdict.DeniedBy, verdict.Rule), Is.EqualTo((false, "model", "model_not_found")));
    }

    [Test]
    public async Task ShouldDenyABlockedKeyBeforeLookingAtItsModels()
    {
        _daveKey.Block(TestData.Stamp);

        var verdict = (await Handle(new ExplainKeyAccessQuery(DaveSecret, "azure-gpt"), TestCaller.Admin())).Verdict!;

        Assert.That((verdict.DeniedBy, verdict.Rule), Is.EqualTo(("key", "key_blocked")));
    }

    [Test]
    public async Task ShouldLetTheOwnerAndItsTeamsAdminsExplainAKeyAndHideItFromOthers()
    {
        var byOwner = await Handle(new ExplainKeyAccessQuery(null, null), TestCaller.InternalUser("bob") with { ApiKeyHash = _bobKey.Token });
        var byTeamAdmin = await Handle(new ExplainKeyAccessQuery(_bobKey.Token, null), TestCaller.InternalUser("alice"));
        var byViewer = await Handle(new ExplainKeyAccessQuery(_bobKey.Token, null), TestCaller.AdminViewer());
        var hidden = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new ExplainKeyAccessQuery(BobSecret, null), TestCaller.InternalUser("dave")));

        Assert.Multiple(() =>
        {
            Assert.That(new[] { byOwner.Token, byTeamAdmin.Token, byViewer.Token }, Is.All.EqualTo(_bobKey.Token));
            Assert.That(hidden!.Message, Is.EqualTo("Key not found: sk-...2222."));
            Assert.That(hidden.Param, Is.EqualTo("key"));
        });
    }

    [Test]
    public async Task ShouldExplainAnAdminsKeyAsSeeingEveryModel()
    {
        _ports.Ports.GivenUsers(TestData.User("dave", UserRole.ProxyAdmin), TestData.User("bob"), TestData.User("alice"));

        var explained = await Handle(new ExplainKeyAccessQuery(DaveSecret, "azure-gpt"), TestCaller.Admin());

        Assert.Multiple(() =>
        {
            Assert.That(explained.EffectiveModels, Does.Contain("azure-gpt").And.Contain("t2-model"));
            Assert.That(explained.Verdict!.Allowed, Is.True, "as /models answers that key");
        });
    }

    private async Task<KeyAccessExplanationDto> Handle(ExplainKeyAccessQuery query, ICurrentCaller caller) =>
        await new ExplainKeyAccessQueryHandler(
            _ports.Ports.Keys.Object,
            _ports.Ports.Secrets.Object,
            caller,
            _ports.Chains,
            _ports.Visibility(caller),
            _ports.Callable(caller),
            _ports.Reader,
            _ports.Ports.Clock).Handle(query, CancellationToken.None);
}
