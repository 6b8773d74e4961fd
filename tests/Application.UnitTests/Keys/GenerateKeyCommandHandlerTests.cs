using System.Text.Json.Nodes;
using Moq;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Keys;
using ProxyAdmin.Application.Keys.Commands.GenerateKey;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Keys;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.UnitTests.Keys;

public sealed class GenerateKeyCommandHandlerTests
{
    private HandlerPorts _ports = null!;
    private VirtualKey? _added;

    [SetUp]
    public void SetUp()
    {
        _ports = new HandlerPorts();
        _added = null;
        _ports.Keys.Setup(r => r.Add(It.IsAny<VirtualKey>())).Callback<VirtualKey>(key => _added = key);
        _ports.GivenUsers(TestData.User("admin"), TestData.User("alice"));
        _ports.GivenTeams(TestData.Team("red", ("alice", TeamRole.User)), TestData.Team("blue", ("bob", TeamRole.Admin)));
        _ports.GivenProjects(TestData.Project("red-chatbot", "red"), TestData.Project("blue-search", "blue"));
    }

    [Test]
    public async Task ShouldIssueAKeyForAnExistingUserAndReturnItsSecretOnce()
    {
        var generated = await Handle(new GenerateKeyCommand { UserId = "alice", KeyAlias = "alice-laptop", MaxBudget = 5 }, TestCaller.Admin());

        Assert.That(_added, Is.Not.Null);
        Assert.That(_added!.UserId, Is.EqualTo("alice"));
        Assert.That(_added.KeyAlias, Is.EqualTo("alice-laptop"));
        Assert.That(_added.MaxBudget, Is.EqualTo(5));
        Assert.That(_added.CreatedBy, Is.EqualTo("admin"));
        Assert.That(_added.CreatedAt, Is.EqualTo(_ports.Now));
        _ports.VerifySavedOnce();

        var secret = _ports.IssuedSecrets.Single();
        Assert.That(generated.Key, Is.EqualTo(secret));
        Assert.That(generated.Token, Is.EqualTo(TestSecrets.Hash(secret)));
        Assert.That(generated.TokenId, Is.EqualTo(generated.Token));
        Assert.That(_added.Token, Is.EqualTo(generated.Token), "only the hash is stored");
    }

    [Test]
    public async Task ShouldAuditTheNewKeyWithoutItsSecret()
    {
        var generated = await Handle(new GenerateKeyCommand { UserId = "alice" }, TestCaller.Admin());

        var row = _ports.AuditRecords.Single();
        Assert.That(row.Action, Is.EqualTo(AuditAction.Created));
        Assert.That(row.TableName, Is.EqualTo(AuditTables.Keys));
        Assert.That(row.ObjectId, Is.EqualTo(generated.Token));
        Assert.That(row.Before, Is.Null);
        Assert.That(row.After, Is.InstanceOf<KeyDto>().And.Not.InstanceOf<GeneratedKeyDto>());
    }

    [Test]
    public async Task ShouldApplyLifetimeBudgetWindowAndBlockedState()
    {
        await Handle(new GenerateKeyCommand { Duration = "2h", BudgetDuration = "1d", Blocked = true, Models = ["gpt-4o"] }, TestCaller.Admin());

        Assert.That(_added!.Expires, Is.EqualTo(_ports.Now.AddHours(2)));
        Assert.That(_added.BudgetResetAt, Is.EqualTo(_ports.Now.AddDays(1)));
        Assert.That(_added.Blocked, Is.True);
        Assert.That(_added.Models, Is.EqualTo(new[] { "gpt-4o" }));
    }

    [Test]
    public async Task ShouldIssueAnOwnerlessKeyForTheMasterKeyWhenNoUserIdIsGiven()
    {
        await Handle(new GenerateKeyCommand(), TestCaller.MasterKey);

        Assert.That(_added!.UserId, Is.Null);
        _ports.Users.Verify(r => r.ExistsAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task ShouldIssueTheKeyToTheCallingAdminWhenNoUserIdIsGiven()
    {
        await Handle(new GenerateKeyCommand(), TestCaller.Admin());

        Assert.That(_added!.UserId, Is.EqualTo("admin"));
    }

    [Test]
    public void ShouldRefuseAnUnknownOwnerWithNotFound()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new GenerateKeyCommand { UserId = "ghost" }, TestCaller.Admin()));

        Assert.That(missing!.Param, Is.EqualTo("user_id"));
        _ports.Secrets.Verify(s => s.NewSecret(), Times.Never);
        _ports.VerifyNothingWritten();
    }

    [TestCase(null)]
    [TestCase("alice")]
    public async Task ShouldLetAnInternalUserIssueAKeyForItself(string? userId)
    {
        await Handle(new GenerateKeyCommand { UserId = userId }, TestCaller.InternalUser("alice"));

        Assert.That(_added!.UserId, Is.EqualTo("alice"));
        Assert.That(_added.CreatedBy, Is.EqualTo("alice"));
        _ports.VerifySavedOnce();
    }

    [Test]
    public void ShouldForbidAnInternalUserIssuingAKeyForSomeoneElse()
    {
        Assert.ThrowsAsync<ForbiddenAccessException>(async () => await Handle(new GenerateKeyCommand { UserId = "bob" }, TestCaller.InternalUser("alice")));

        _ports.Secrets.Verify(s => s.NewSecret(), Times.Never);
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseATakenAliasWithConflict()
    {
        _ports.GivenKeyAliasTaken("taken");

        var conflict = Assert.ThrowsAsync<ConflictException>(async () => await Handle(new GenerateKeyCommand { KeyAlias = "taken" }, TestCaller.InternalUser("alice")));

        Assert.That(conflict!.Param, Is.EqualTo("key_alias"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public async Task ShouldAttachTheKeyToATeamTheCallerBelongsTo()
    {
        await Handle(new GenerateKeyCommand { TeamId = "red" }, TestCaller.InternalUser("alice"));

        Assert.That(_added!.TeamId, Is.EqualTo("red"));
    }

    [TestCase("blue", Description = "a team alice is not a member of")]
    [TestCase("no-such-team")]
    public void ShouldHideATeamTheCallerCannotUse(string teamId)
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new GenerateKeyCommand { TeamId = teamId }, TestCaller.InternalUser("alice")));

        Assert.That(missing!.Param, Is.EqualTo("team_id"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseAnUnknownTeamEvenToAnAdmin() =>
        Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new GenerateKeyCommand { TeamId = "no-such-team" }, TestCaller.Admin()));

    [Test]
    public async Task ShouldTakeTheKeysTeamFromItsProject()
    {
        await Handle(new GenerateKeyCommand { ProjectId = "red-chatbot" }, TestCaller.InternalUser("alice"));

        Assert.That(_added!.ProjectId, Is.EqualTo("red-chatbot"));
        Assert.That(_added.TeamId, Is.EqualTo("red"));
    }

    [Test]
    public void ShouldRefuseAProjectOfAnotherTeamThanTheKeys()
    {
        var refusal = Assert.ThrowsAsync<BadRequestException>(async () =>
            await Handle(new GenerateKeyCommand { TeamId = "red", ProjectId = "blue-search" }, TestCaller.Admin()));

        Assert.That(refusal!.Param, Is.EqualTo("project_id"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldHideAProjectOfATeamTheCallerIsNotIn()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () =>
            await Handle(new GenerateKeyCommand { ProjectId = "blue-search" }, TestCaller.InternalUser("alice")));

        Assert.That(missing!.Param, Is.EqualTo("project_id"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public async Task ShouldStoreEveryLiteLlmFieldOfTheRequest()
    {
        _ports.GivenOrganizations(OrganizationFixtures.Organization("org-1"));
        var generated = await Handle(
            new GenerateKeyCommand
            {
                UserId = "alice",
                AgentId = "agent-1",
                OrganizationId = "org-1",
                Spend = 2,
                Aliases = new JsonObject { ["fast"] = "gpt-4o" },
                Config = new JsonObject { ["region"] = "eu" },
                Permissions = new JsonObject { ["pii"] = false },
                ModelMaxBudget = new JsonObject { ["gpt-4o"] = 3 },
                RouterSettings = new JsonObject { ["num_retries"] = 2 },
                AllowedCacheControls = ["no-cache"],
                AllowedRoutes = ["/chat/completions"],
                AccessGroupIds = ["ag-1"],
                RotationInterval = "30d",
                Tags = ["prod"],
                Guardrails = ["pii"],
                ModelRpmLimit = new Dictionary<string, long> { ["gpt-4o"] = 5 },
                ObjectPermission = new ProxyAdmin.Application.Permissions.ObjectPermissionRequest { VectorStores = ["vs-1"], McpToolsets = ["ts"] },
            },
            TestCaller.Admin());

        Assert.Multiple(() =>
        {
            Assert.That(_added!.AgentId, Is.EqualTo("agent-1"));
            Assert.That(_added.OrganizationId, Is.EqualTo("org-1"));
            Assert.That(_added.Spend, Is.EqualTo(2));
            Assert.That(_added.Aliases.ToJsonString(), Is.EqualTo("""{"fast":"gpt-4o"}"""));
            Assert.That(_added.Config.ToJsonString(), Is.EqualTo("""{"region":"eu"}"""));
            Assert.That(_added.Permissions.ToJsonString(), Is.EqualTo("""{"pii":false}"""));
            Assert.That(_added.ModelMaxBudget.ToJsonString(), Is.EqualTo("""{"gpt-4o":3}"""));
            Assert.That(_added.RouterSettings.ToJsonString(), Is.EqualTo("""{"num_retries":2}"""));
            Assert.That(_added.AllowedCacheControls, Is.EqualTo(new[] { "no-cache" }));
            Assert.That(_added.AllowedRoutes, Is.EqualTo(new[] { "/chat/completions" }));
            Assert.That(_added.AccessGroupIds, Is.EqualTo(new[] { "ag-1" }));
            Assert.That(_added.RotationInterval, Is.EqualTo("30d"));
            Assert.That(_added.Metadata.ToJsonString(), Is.EqualTo("""{"model_rpm_limit":{"gpt-4o":5},"guardrails":["pii"],"tags":["prod"]}"""));
            Assert.That(_added.ObjectPermission!.VectorStores, Is.EqualTo(new[] { "vs-1" }));
            Assert.That(_added.ObjectPermission.McpToolsets, Is.EqualTo(new[] { "ts" }));
            Assert.That(generated.Tags, Is.EqualTo(new[] { "prod" }), "managed fields are also shown under their own names");
            Assert.That(generated.ModelRpmLimit, Is.EqualTo(new Dictionary<string, long> { ["gpt-4o"] = 5 }));
        });
    }

    [Test]
    public async Task ShouldKeepTheSoftBudgetInABudgetRowOfTheKeysOwn()
    {
        Budget? staged = null;
        _ports.Budgets.Setup(r => r.Add(It.IsAny<Budget>())).Callback<Budget>(b => staged = b);

        var generated = await Handle(new GenerateKeyCommand { UserId = "alice", SoftBudget = 4, MaxBudget = 5 }, TestCaller.Admin());

        Assert.That(staged!.SoftBudget, Is.EqualTo(4));
        Assert.That(staged.CreatedBy, Is.EqualTo("admin"));
        Assert.That(_added!.BudgetId, Is.EqualTo(staged.BudgetId));
        Assert.That(generated.SoftBudget, Is.EqualTo(4));
        Assert.That(generated.LitellmBudgetTable!.BudgetId, Is.EqualTo(staged.BudgetId));
        _ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldLinkAnExistingBudgetRowByItsId()
    {
        var shared = Budget.Create(new BudgetSettings { MaxBudget = 9 }, TestData.Stamp);
        _ports.GivenBudgets(shared);

        var generated = await Handle(new GenerateKeyCommand { UserId = "alice", BudgetId = shared.BudgetId }, TestCaller.Admin());

        Assert.That(generated.BudgetId, Is.EqualTo(shared.BudgetId));
        Assert.That(generated.LitellmBudgetTable!.MaxBudget, Is.EqualTo(9));
        _ports.Budgets.Verify(r => r.Add(It.IsAny<Budget>()), Times.Never);
    }

    [Test]
    public void ShouldRefuseAnOwnerThatLinksAnExistingBudgetRow()
    {
        var shared = Budget.Create(new BudgetSettings { MaxBudget = 9 }, TestData.Stamp);
        _ports.GivenBudgets(shared);

        var refused = Assert.ThrowsAsync<ForbiddenAccessException>(async () => await Handle(new GenerateKeyCommand { BudgetId = shared.BudgetId }, TestCaller.InternalUser("alice")));

        Assert.That(refused!.Param, Is.EqualTo("budget_id"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseAnUnknownBudgetIdWritingNothing()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new GenerateKeyCommand { UserId = "alice", BudgetId = "nope" }, TestCaller.Admin()));

        Assert.That(missing!.Param, Is.EqualTo("budget_id"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public async Task ShouldIssueTheSecretAProxyAdminChose()
    {
        var generated = await Handle(new GenerateKeyCommand { UserId = "alice", Key = "sk-chosen-by-admin" }, TestCaller.Admin());

        Assert.That(generated.Key, Is.EqualTo("sk-chosen-by-admin"));
        Assert.That(_added!.Token, Is.EqualTo(TestSecrets.Hash("sk-chosen-by-admin")));
        Assert.That(_ports.IssuedSecrets, Is.Empty, "no secret was generated");
    }

    [Test]
    public void ShouldRefuseAChosenSecretFromANonAdmin()
    {
        var refused = Assert.ThrowsAsync<ForbiddenAccessException>(async () => await Handle(new GenerateKeyCommand { Key = "sk-mine" }, TestCaller.InternalUser("alice")));

        Assert.That(refused!.Param, Is.EqualTo("key"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseAChosenSecretThatIsTaken()
    {
        _ports.GivenKeys(TestData.Key("sk-taken-secret", "alice"));

        var conflict = Assert.ThrowsAsync<ConflictException>(async () => await Handle(new GenerateKeyCommand { Key = "sk-taken-secret" }, TestCaller.Admin()));

        Assert.That(conflict!.Param, Is.EqualTo("key"));
        Assert.That(conflict.Message, Does.Not.Contain("sk-taken-secret"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseSpendFromANonAdmin()
    {
        Assert.ThrowsAsync<ForbiddenAccessException>(async () => await Handle(new GenerateKeyCommand { Spend = 0 }, TestCaller.InternalUser("alice")));

        _ports.VerifyNothingWritten();
    }

    [TestCase(KeyType.ReadOnly, "info_routes")]
    [TestCase(KeyType.LlmApi, "llm_api_routes")]
    [TestCase(KeyType.Management, "management_routes")]
    public async Task ShouldTurnTheKeyTypeIntoItsAllowedRoutes(KeyType type, string routes)
    {
        await Handle(new GenerateKeyCommand { KeyType = type }, TestCaller.Admin());

        Assert.That(_added!.AllowedRoutes, Is.EqualTo(new[] { routes }));
    }

    private async Task<GeneratedKeyDto> Handle(GenerateKeyCommand command, ICurrentCaller caller)
    {
        var handler = new GenerateKeyCommandHandler(
            _ports.Keys.Object,
            _ports.Users.Object,
            new KeyPlacementRules(_ports.Projects.Object, _ports.Teams.Object, _ports.Organizations.Object, caller),
            _ports.KeyUpdater(caller),
            _ports.Secrets.Object,
            _ports.Audit.Object,
            _ports.UnitOfWork.Object,
            caller,
            _ports.Clock);
        return await handler.Handle(command, CancellationToken.None);
    }
}

public sealed class GenerateKeyCommandValidatorTests
{
    private readonly GenerateKeyCommandValidator _validator = new();

    [Test]
    public void ShouldAcceptAnEmptyRequest() => Assert.That(_validator.InvalidFields(new GenerateKeyCommand()), Is.Empty);

    [TestCase(-5d)]
    [TestCase(double.NaN)]
    [TestCase(double.NegativeInfinity)]
    public void ShouldRejectAMaxBudgetThatIsNotAFiniteNonNegativeNumber(double maxBudget)
    {
        var command = new GenerateKeyCommand { MaxBudget = maxBudget };

        Assert.That(_validator.InvalidFields(command), Is.EqualTo(new[] { "max_budget" }));
        Assert.That(_validator.Messages(command).Single(), Does.StartWith("'max_budget'"));
    }

    [Test]
    public void ShouldRejectAnEmptyAlias() =>
        Assert.That(_validator.InvalidFields(new GenerateKeyCommand { KeyAlias = "" }), Is.EqualTo(new[] { "key_alias" }));

    [Test]
    public void ShouldRejectIdentifiersWithSpaces() =>
        Assert.That(
            _validator.InvalidFields(new GenerateKeyCommand { UserId = "a b", TeamId = "red team", ProjectId = "p\n" }),
            Is.EquivalentTo(new[] { "user_id", "team_id", "project_id" }));

    [TestCase("30")]
    [TestCase("0d")]
    [TestCase("1y")]
    public void ShouldRejectAMalformedDuration(string duration) =>
        Assert.That(_validator.InvalidFields(new GenerateKeyCommand { Duration = duration }), Is.EqualTo(new[] { "duration" }));

    [Test]
    public void ShouldRejectNegativeLimits() =>
        Assert.That(
            _validator.InvalidFields(new GenerateKeyCommand { TpmLimit = -1, RpmLimit = -1, MaxParallelRequests = -1 }),
            Is.EquivalentTo(new[] { "tpm_limit", "rpm_limit", "max_parallel_requests" }));

    [Test]
    public void ShouldRefuseWhatCannotBeHonoured() =>
        Assert.That(
            _validator.InvalidFields(new GenerateKeyCommand { AutoRotate = true, SendInviteEmail = true, RpmLimitType = "fast", TpmLimitType = "dynamic", Key = "pk-123" }),
            Is.EquivalentTo(new[] { "auto_rotate", "send_invite_email", "rpm_limit_type", "key" }));

    [Test]
    public void ShouldAcceptTheFalseFlagsLiteLlmClientsSend() =>
        Assert.That(_validator.InvalidFields(new GenerateKeyCommand { AutoRotate = false, SendInviteEmail = false, KeyType = KeyType.Default, Duration = "-1" }), Is.Empty);

    [Test]
    public void ShouldRefuseASoftBudgetWithABudgetIdOrAboveTheMaxBudget()
    {
        Assert.That(_validator.InvalidFields(new GenerateKeyCommand { SoftBudget = 1, BudgetId = "b" }), Is.EqualTo(new[] { "budget_id" }));
        Assert.That(_validator.InvalidFields(new GenerateKeyCommand { SoftBudget = 5, MaxBudget = 5 }), Is.EqualTo(new[] { "soft_budget" }));
    }

    [Test]
    public void ShouldRefuseAKeyTypeTogetherWithAllowedRoutes() =>
        Assert.That(_validator.InvalidFields(new GenerateKeyCommand { KeyType = KeyType.LlmApi, AllowedRoutes = ["/key/info"] }), Is.EqualTo(new[] { "allowed_routes" }));

    [Test]
    public void ShouldRefuseATempBudgetIncreaseWithoutItsExpiry() =>
        Assert.That(_validator.Messages(new GenerateKeyCommand { TempBudgetIncrease = 5 }), Is.EqualTo(new[] { "temp_budget_increase and temp_budget_expiry must be set together" }));

    [Test]
    public void ShouldRefuseAModelMaxBudgetThatIsNotAnAmountPerModel() =>
        Assert.That(_validator.InvalidFields(new GenerateKeyCommand { ModelMaxBudget = new JsonObject { ["gpt-4o"] = "lots" } }), Is.EqualTo(new[] { "model_max_budget" }));
}
