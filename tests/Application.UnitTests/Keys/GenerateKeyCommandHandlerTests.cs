using Moq;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Keys;
using ProxyAdmin.Application.Keys.Commands.GenerateKey;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Audit;
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

    private async Task<GeneratedKeyDto> Handle(GenerateKeyCommand command, ICurrentCaller caller)
    {
        var handler = new GenerateKeyCommandHandler(
            _ports.Keys.Object,
            _ports.Users.Object,
            new KeyPlacementRules(_ports.Projects.Object, _ports.Teams.Object, caller),
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
}
