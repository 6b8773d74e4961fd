using ProxyAdmin.Application.Common.Concurrency;
using System.Text.Json.Nodes;
using Moq;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Keys;
using ProxyAdmin.Application.Keys.Commands.UpdateKey;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Keys;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.UnitTests.Keys;

public sealed class UpdateKeyCommandHandlerTests
{
    private const string AliceSecret = "sk-alice-secret-9a8b";
    private const string BobSecret = "sk-bob-secret-7c6d";

    private HandlerPorts _ports = null!;
    private VirtualKey _aliceKey = null!;
    private VirtualKey _bobKey = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new HandlerPorts();
        _aliceKey = TestData.Key(AliceSecret, "alice", new KeySettings { KeyAlias = "alice-laptop", MaxBudget = 10, Metadata = new JsonObject { ["env"] = "dev" } });
        _bobKey = TestData.Key(BobSecret, "bob", new KeySettings { Blocked = true });
        _ports.GivenKeys(_aliceKey, _bobKey);
        _ports.GivenUsers(TestData.User("alice"), TestData.User("bob"));
        _ports.GivenTeams(TestData.Team("red", ("alice", TeamRole.User)), TestData.Team("blue", ("bob", TeamRole.Admin)));
        _ports.GivenProjects(TestData.Project("red-chatbot", "red"));
    }

    [Test]
    public async Task ShouldLetTheOwnerChangeTheFieldsItSends()
    {
        var updated = await Handle(
            new UpdateKeyCommand { Key = AliceSecret, MaxBudget = 20, Duration = "7d", Metadata = new JsonObject { ["purpose"] = "ci" } },
            TestCaller.InternalUser("alice"));

        Assert.That(updated.MaxBudget, Is.EqualTo(20));
        Assert.That(updated.KeyAlias, Is.EqualTo("alice-laptop"), "a field not sent keeps its value");
        Assert.That(updated.Expires, Is.EqualTo(_ports.Now.AddDays(7)));
        Assert.That(updated.Metadata.ToJsonString(), Is.EqualTo("""{"env":"dev","purpose":"ci"}"""));
        Assert.That(updated.UpdatedBy, Is.EqualTo("alice"));
        Assert.That(_aliceKey.MaxBudget, Is.EqualTo(20), "the tracked key itself is changed");
        _ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldAuditTheKeyBeforeAndAfterTheChange()
    {
        var updated = await Handle(new UpdateKeyCommand { Key = AliceSecret, KeyAlias = "alice-desktop" }, TestCaller.InternalUser("alice"));

        var row = _ports.AuditRecords.Single();
        Assert.That(row.Action, Is.EqualTo(AuditAction.Updated));
        Assert.That(row.TableName, Is.EqualTo(AuditTables.Keys));
        Assert.That(row.ObjectId, Is.EqualTo(_aliceKey.Token));
        Assert.That(((KeyDto)row.Before!).KeyAlias, Is.EqualTo("alice-laptop"));
        Assert.That(((KeyDto)row.After!).KeyAlias, Is.EqualTo("alice-desktop"));
        Assert.That(((KeyDto)row.After!).UpdatedAt, Is.EqualTo(updated.UpdatedAt));
        Assert.That(updated.KeyAlias, Is.EqualTo("alice-desktop"));
    }

    [Test]
    public async Task ShouldAcceptTheKeysHashInsteadOfItsSecret()
    {
        var updated = await Handle(new UpdateKeyCommand { Key = _aliceKey.Token, RpmLimit = 7 }, TestCaller.Admin());

        Assert.That(updated.Token, Is.EqualTo(_aliceKey.Token));
        Assert.That(updated.RpmLimit, Is.EqualTo(7));
    }

    [Test]
    public void ShouldHideAnotherUsersKeyFromAnInternalUser()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () =>
            await Handle(new UpdateKeyCommand { Key = BobSecret, MaxBudget = 1000 }, TestCaller.InternalUser("alice")));

        Assert.That(missing!.Param, Is.EqualTo("key"));
        Assert.That(missing.Message, Does.Not.Contain(BobSecret), "a secret is never echoed in full");
        Assert.That(_bobKey.MaxBudget, Is.Null);
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldReportAnUnknownKeyAsNotFound()
    {
        Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new UpdateKeyCommand { Key = "sk-unknown-0000" }, TestCaller.Admin()));

        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldForbidANonAdminMovingItsKeyToAnotherUser()
    {
        Assert.ThrowsAsync<ForbiddenAccessException>(async () =>
            await Handle(new UpdateKeyCommand { Key = AliceSecret, UserId = "bob" }, TestCaller.InternalUser("alice")));

        Assert.That(_aliceKey.UserId, Is.EqualTo("alice"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldForbidANonAdminUnblockingItsKey()
    {
        Assert.ThrowsAsync<ForbiddenAccessException>(async () =>
            await Handle(new UpdateKeyCommand { Key = BobSecret, Blocked = false }, TestCaller.InternalUser("bob")));

        Assert.That(_bobKey.Blocked, Is.True);
        _ports.VerifyNothingWritten();
    }

    [Test]
    public async Task ShouldLetAProxyAdminUnblockAKey()
    {
        var updated = await Handle(new UpdateKeyCommand { Key = BobSecret, Blocked = false }, TestCaller.Admin());

        Assert.That(updated.Blocked, Is.False);
    }

    [Test]
    public async Task ShouldLetAProxyAdminMoveAKeyToAnotherExistingUser()
    {
        var updated = await Handle(new UpdateKeyCommand { Key = AliceSecret, UserId = "bob" }, TestCaller.Admin());

        Assert.That(updated.UserId, Is.EqualTo("bob"));
        Assert.That(((KeyDto)_ports.AuditRecords.Single().Before!).UserId, Is.EqualTo("alice"));
    }

    [Test]
    public void ShouldRefuseMovingAKeyToAnUnknownUser()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new UpdateKeyCommand { Key = AliceSecret, UserId = "ghost" }, TestCaller.Admin()));

        Assert.That(missing!.Param, Is.EqualTo("user_id"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseAnAliasAnotherKeyHasWithConflict()
    {
        _ports.GivenKeyAliasTaken("taken");

        var conflict = Assert.ThrowsAsync<ConflictException>(async () =>
            await Handle(new UpdateKeyCommand { Key = AliceSecret, KeyAlias = "taken" }, TestCaller.InternalUser("alice")));

        Assert.That(conflict!.Param, Is.EqualTo("key_alias"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public async Task ShouldNotTreatResendingTheKeysOwnAliasAsAConflict()
    {
        _ports.GivenKeyAliasTaken("alice-laptop");

        var updated = await Handle(new UpdateKeyCommand { Key = AliceSecret, KeyAlias = "alice-laptop", TpmLimit = 5 }, TestCaller.InternalUser("alice"));

        Assert.That(updated.TpmLimit, Is.EqualTo(5));
    }

    [Test]
    public async Task ShouldMoveTheKeyIntoATeamTheOwnerBelongsTo()
    {
        var updated = await Handle(new UpdateKeyCommand { Key = AliceSecret, TeamId = "red" }, TestCaller.InternalUser("alice"));

        Assert.That(updated.TeamId, Is.EqualTo("red"));
    }

    [Test]
    public void ShouldHideATeamTheNonAdminDoesNotBelongTo()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () =>
            await Handle(new UpdateKeyCommand { Key = AliceSecret, TeamId = "blue" }, TestCaller.InternalUser("alice")));

        Assert.That(missing!.Param, Is.EqualTo("team_id"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public async Task ShouldTakeTheTeamFromTheProjectWhenTheKeyHasNone()
    {
        var updated = await Handle(new UpdateKeyCommand { Key = AliceSecret, ProjectId = "red-chatbot" }, TestCaller.InternalUser("alice"));

        Assert.That(updated.ProjectId, Is.EqualTo("red-chatbot"));
        Assert.That(updated.TeamId, Is.EqualTo("red"));
    }

    [Test]
    public void ShouldRefuseMovingAProjectsKeyToAnotherTeam()
    {
        var projectKey = TestData.Key("sk-project-key-5e4f", "alice", new KeySettings { TeamId = "red", ProjectId = "red-chatbot" });
        _ports.GivenKeys(projectKey);

        var refusal = Assert.ThrowsAsync<BadRequestException>(async () =>
            await Handle(new UpdateKeyCommand { Key = projectKey.Token, TeamId = "blue" }, TestCaller.Admin()));

        Assert.That(refusal!.Param, Is.EqualTo("project_id"));
        Assert.That(projectKey.TeamId, Is.EqualTo("red"));
    }

    [Test]
    public async Task ShouldAnswerWithTheKeyTheTokenMetadataAndOnlyTheFieldsSent()
    {
        var updated = await Handle(new UpdateKeyCommand { Key = AliceSecret, MaxBudget = 20, Duration = "1d", Tags = ["prod"] }, TestCaller.InternalUser("alice"));

        Assert.That(updated.Key, Is.EqualTo("sk-...9a8b"), "a secret is named by its last four characters only");
        Assert.That(updated.Token, Is.EqualTo(_aliceKey.Token));
        foreach (var field in new[] { "key", "token", "metadata", "max_budget", "duration", "expires", "tags" })
        {
            Assert.That(updated.Includes(field), Is.True, field);
        }

        foreach (var field in new[] { "key_alias", "user_id", "models", "created_at", "spend" })
        {
            Assert.That(updated.Includes(field), Is.False, field);
        }
    }

    [Test]
    public async Task ShouldReplaceMapsAndListsButMergeMetadata()
    {
        _aliceKey.Update(new KeySettings { Aliases = new JsonObject { ["old"] = "a", ["keep"] = "b" }, AllowedCacheControls = ["no-cache"] }, TestData.Stamp);

        await Handle(
            new UpdateKeyCommand { Key = AliceSecret, Aliases = new JsonObject { ["keep"] = "b" }, AllowedCacheControls = [], Metadata = new JsonObject { ["purpose"] = "ci" } },
            TestCaller.InternalUser("alice"));

        Assert.That(_aliceKey.Aliases.ToJsonString(), Is.EqualTo("""{"keep":"b"}"""), "an entry left out of the map is removed");
        Assert.That(_aliceKey.AllowedCacheControls, Is.Empty);
        Assert.That(_aliceKey.Metadata.ToJsonString(), Is.EqualTo("""{"env":"dev","purpose":"ci"}"""));
    }

    [Test]
    public async Task ShouldCreateTheKeysBudgetRowForASoftBudgetThenChangeItInPlace()
    {
        Budget? staged = null;
        _ports.Budgets.Setup(r => r.Add(It.IsAny<Budget>())).Callback<Budget>(b => staged = b);

        await Handle(new UpdateKeyCommand { Key = AliceSecret, SoftBudget = 8 }, TestCaller.InternalUser("alice"));
        await Handle(new UpdateKeyCommand { Key = AliceSecret, SoftBudget = 6 }, TestCaller.InternalUser("alice"));

        _ports.Budgets.Verify(r => r.Add(It.IsAny<Budget>()), Times.Once);
        Assert.That(_aliceKey.BudgetId, Is.EqualTo(staged!.BudgetId));
        Assert.That(staged.SoftBudget, Is.EqualTo(6));
    }

    [Test]
    public void ShouldRefuseAnOwnerThatLinksAnotherBudgetRowOrChangesASharedOne()
    {
        var shared = Budget.Create(new BudgetSettings { MaxBudget = 9, SoftBudget = 1 }, TestData.Stamp);
        _ports.GivenBudgets(shared);
        _ports.Budgets.Setup(r => r.CountLinksAsync(shared.BudgetId, It.IsAny<CancellationToken>())).ReturnsAsync(2);

        var link = Assert.ThrowsAsync<ForbiddenAccessException>(async () =>
            await Handle(new UpdateKeyCommand { Key = AliceSecret, BudgetId = shared.BudgetId }, TestCaller.InternalUser("alice")));
        _aliceKey.LinkBudget(shared, TestData.Stamp);
        var change = Assert.ThrowsAsync<ForbiddenAccessException>(async () =>
            await Handle(new UpdateKeyCommand { Key = AliceSecret, SoftBudget = 2 }, TestCaller.InternalUser("alice")));

        Assert.That((link!.Param, change!.Param), Is.EqualTo(("budget_id", "budget_id")));
        Assert.That(shared.SoftBudget, Is.EqualTo(1));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseASoftBudgetNotBelowTheStoredMaxBudgetChangingNothing()
    {
        var refused = Assert.ThrowsAsync<ProxyAdmin.Domain.Common.DomainRuleException>(async () =>
            await Handle(new UpdateKeyCommand { Key = AliceSecret, SoftBudget = 10, KeyAlias = "renamed" }, TestCaller.InternalUser("alice")));

        Assert.That(refused!.Param, Is.EqualTo("soft_budget"));
        Assert.That(_aliceKey.KeyAlias, Is.EqualTo("alice-laptop"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseSpendFromTheOwnerAndAllowItFromAProxyAdmin()
    {
        var refused = Assert.ThrowsAsync<ForbiddenAccessException>(async () => await Handle(new UpdateKeyCommand { Key = AliceSecret, Spend = 0 }, TestCaller.InternalUser("alice")));

        Assert.That(refused!.Param, Is.EqualTo("spend"));
        _ports.VerifyNothingWritten();
        Assert.DoesNotThrowAsync(async () => await Handle(new UpdateKeyCommand { Key = AliceSecret, Spend = 0 }, TestCaller.Admin()));
    }

    [Test]
    public void ShouldRefuseAStaleIfMatchBeforeChangingAnything()
    {
        _ports.Conditional.IfMatch = EntityTags.Of(AuditTables.Keys, _aliceKey.Token, _aliceKey.Version + 1);

        var stale = Assert.ThrowsAsync<PreconditionFailedException>(async () => await Handle(new UpdateKeyCommand { Key = AliceSecret, KeyAlias = "late" }, TestCaller.InternalUser("alice")));

        Assert.That(stale!.CurrentEntityTag, Is.EqualTo(EntityTags.Of(AuditTables.Keys, _aliceKey.Token, _aliceKey.Version)));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public async Task ShouldWriteUnderTheCurrentTagAndAnswerWithTheStoredVersionsTag()
    {
        _ports.Conditional.IfMatch = EntityTags.Of(AuditTables.Keys, _aliceKey.Token, _aliceKey.Version);

        await Handle(new UpdateKeyCommand { Key = AliceSecret, KeyAlias = "on-time" }, TestCaller.InternalUser("alice"));

        Assert.That(_ports.Conditional.Answered, Is.EqualTo(new[] { EntityTags.Of(AuditTables.Keys, _aliceKey.Token, _aliceKey.Version) }));
    }

    private async Task<UpdatedKeyDto> Handle(UpdateKeyCommand command, ICurrentCaller caller)
    {
        var handler = new UpdateKeyCommandHandler(
            _ports.Keys.Object,
            _ports.KeyUpdater(caller),
            _ports.Secrets.Object,
            _ports.Audit.Object,
            _ports.UnitOfWork.Object,
            caller,
            _ports.Tags,
            _ports.Clock);
        return await handler.Handle(command, CancellationToken.None);
    }
}

public sealed class UpdateKeyCommandValidatorTests
{
    private readonly UpdateKeyCommandValidator _validator = new();

    [Test]
    public void ShouldAcceptAKeyWithChanges() =>
        Assert.That(_validator.InvalidFields(new UpdateKeyCommand { Key = "sk-abc", MaxBudget = 3, Duration = "1w" }), Is.Empty);

    [Test]
    public void ShouldRequireTheKey() =>
        Assert.That(_validator.Messages(new UpdateKeyCommand { Key = "" }), Is.EqualTo(new[] { "'key' is required." }));

    [TestCase(-0.5)]
    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    public void ShouldRejectAMaxBudgetThatIsNotAFiniteNonNegativeNumber(double maxBudget) =>
        Assert.That(_validator.InvalidFields(new UpdateKeyCommand { Key = "sk-abc", MaxBudget = maxBudget }), Is.EqualTo(new[] { "max_budget" }));

    [Test]
    public void ShouldRejectEveryInvalidFieldAtOnce() =>
        Assert.That(
            _validator.InvalidFields(new UpdateKeyCommand { Key = "sk-abc", KeyAlias = "", RpmLimit = -1, BudgetDuration = "fortnightly", Models = [""] }),
            Is.EquivalentTo(new[] { "key_alias", "rpm_limit", "budget_duration", "models" }));
}
