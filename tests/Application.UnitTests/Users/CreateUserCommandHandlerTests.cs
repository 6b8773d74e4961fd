using Moq;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Keys;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Application.Users;
using ProxyAdmin.Application.Users.Commands.CreateUser;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Keys;
using ProxyAdmin.Domain.Teams;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Application.UnitTests.Users;

public sealed class CreateUserCommandHandlerTests
{
    private HandlerPorts _ports = null!;
    private User? _addedUser;
    private VirtualKey? _addedKey;

    [SetUp]
    public void SetUp()
    {
        _ports = new HandlerPorts();
        _addedUser = null;
        _addedKey = null;
        _ports.Users.Setup(r => r.Add(It.IsAny<User>())).Callback<User>(user => _addedUser = user);
        _ports.Keys.Setup(r => r.Add(It.IsAny<VirtualKey>())).Callback<VirtualKey>(key => _addedKey = key);
    }

    [Test]
    public async Task ShouldCreateTheUserWithItsFirstKeyByDefault()
    {
        var created = await Handle(new CreateUserCommand { UserId = "alice", UserEmail = "alice@example.com", MaxBudget = 25 });

        Assert.That(_addedUser, Is.Not.Null);
        Assert.That(_addedUser!.UserId, Is.EqualTo("alice"));
        Assert.That(_addedUser.UserRole, Is.EqualTo(UserRole.InternalUser), "internal_user is the default role");
        Assert.That(_addedUser.MaxBudget, Is.EqualTo(25));
        Assert.That(_addedUser.CreatedBy, Is.EqualTo("admin"));
        Assert.That(_addedUser.CreatedAt, Is.EqualTo(_ports.Now));

        Assert.That(_addedKey, Is.Not.Null);
        Assert.That(_addedKey!.UserId, Is.EqualTo("alice"));
        Assert.That(_addedKey.Token, Is.EqualTo(TestSecrets.Hash(_ports.IssuedSecrets.Single())));
        _ports.VerifySavedOnce();

        Assert.That(created.UserId, Is.EqualTo("alice"));
        Assert.That(created.UserEmail, Is.EqualTo("alice@example.com"));
        Assert.That(created.Key, Is.EqualTo(_ports.IssuedSecrets.Single()), "the first key's secret is returned this once");
        Assert.That(created.TokenId, Is.EqualTo(_addedKey.Token));
        Assert.That(created.KeyName, Is.EqualTo(_addedKey.KeyName));
    }

    [Test]
    public async Task ShouldAuditTheUserAndItsKeyAsCreatedWithoutTheSecret()
    {
        await Handle(new CreateUserCommand { UserId = "alice" });

        Assert.That(_ports.AuditRecords, Has.Count.EqualTo(2));
        var (userRow, keyRow) = (_ports.AuditRecords[0], _ports.AuditRecords[1]);
        Assert.That(userRow.Action, Is.EqualTo(AuditAction.Created));
        Assert.That(userRow.TableName, Is.EqualTo(AuditTables.Users));
        Assert.That(userRow.ObjectId, Is.EqualTo("alice"));
        Assert.That(userRow.Before, Is.Null);
        Assert.That(userRow.After, Is.InstanceOf<UserDto>().And.Not.InstanceOf<CreatedUserDto>());

        Assert.That(keyRow.Action, Is.EqualTo(AuditAction.Created));
        Assert.That(keyRow.TableName, Is.EqualTo(AuditTables.Keys));
        Assert.That(keyRow.ObjectId, Is.EqualTo(_addedKey!.Token));
        Assert.That(keyRow.Before, Is.Null);
        Assert.That(keyRow.After, Is.InstanceOf<KeyDto>().And.Not.InstanceOf<GeneratedKeyDto>(), "an audit row never holds the plaintext secret");
    }

    [Test]
    public async Task ShouldApplyTheRequestedRoleAndTheFirstKeysAliasAndLifetime()
    {
        await Handle(new CreateUserCommand { UserId = "bob", UserRole = UserRole.ProxyAdminViewer, KeyAlias = "bob-first", Duration = "30d" });

        Assert.That(_addedUser!.UserRole, Is.EqualTo(UserRole.ProxyAdminViewer));
        Assert.That(_addedKey!.KeyAlias, Is.EqualTo("bob-first"));
        Assert.That(_addedKey.Expires, Is.EqualTo(_ports.Now.AddDays(30)));
    }

    [Test]
    public async Task ShouldNotIssueAKeyWhenAutoCreateKeyIsFalse()
    {
        var created = await Handle(new CreateUserCommand { UserId = "carol", AutoCreateKey = false });

        _ports.Keys.Verify(r => r.Add(It.IsAny<VirtualKey>()), Times.Never);
        _ports.Secrets.Verify(s => s.NewSecret(), Times.Never);
        Assert.That(_ports.AuditRecords.Select(r => r.TableName), Is.EqualTo(new[] { AuditTables.Users }));
        Assert.That(created.Key, Is.Null);
        Assert.That(created.TokenId, Is.Null);
        _ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldChooseANewUuidWhenNoUserIdIsGiven()
    {
        var created = await Handle(new CreateUserCommand());

        Assert.That(Guid.TryParse(created.UserId, out _), Is.True, created.UserId);
        Assert.That(_addedKey!.UserId, Is.EqualTo(created.UserId));
    }

    [Test]
    public void ShouldRefuseADuplicateUserIdWithConflict()
    {
        _ports.GivenUsers(TestData.User("alice"));

        var conflict = Assert.ThrowsAsync<ConflictException>(async () => await Handle(new CreateUserCommand { UserId = "alice" }));

        Assert.That(conflict!.Param, Is.EqualTo("user_id"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseAFirstKeyAliasThatIsTakenWithConflict()
    {
        _ports.GivenKeyAliasTaken("taken");

        var conflict = Assert.ThrowsAsync<ConflictException>(async () => await Handle(new CreateUserCommand { UserId = "dave", KeyAlias = "taken" }));

        Assert.That(conflict!.Param, Is.EqualTo("key_alias"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public async Task ShouldIgnoreATakenKeyAliasWhenNoKeyIsIssued()
    {
        _ports.GivenKeyAliasTaken("taken");

        var created = await Handle(new CreateUserCommand { UserId = "erin", KeyAlias = "taken", AutoCreateKey = false });

        Assert.That(created.Key, Is.Null);
        _ports.Keys.Verify(r => r.Add(It.IsAny<VirtualKey>()), Times.Never);
        _ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldAddTheUserToTheTeamAsAUserAndGiveItsFirstKeyThatTeam()
    {
        var team = TestData.Team("t1", ("alice", TeamRole.Admin));
        _ports.GivenTeams(team);

        var created = await Handle(new CreateUserCommand { UserId = "dave", UserEmail = "dave@example.com", TeamId = "t1" });

        Assert.That(team.FindMember("dave")?.Role, Is.EqualTo(TeamRole.User), "LiteLLM's _add_user_to_team uses the member role 'user'");
        Assert.That(team.FindMember("dave")?.UserEmail, Is.EqualTo("dave@example.com"));
        Assert.That(_addedKey!.TeamId, Is.EqualTo("t1"));
        Assert.That(created.TeamId, Is.EqualTo("t1"));
        Assert.That(_ports.AuditRecords.Select(r => (r.Action, r.TableName, r.ObjectId)), Is.EqualTo(new[]
        {
            (AuditAction.Created, AuditTables.Users, "dave"),
            (AuditAction.Updated, AuditTables.Teams, "t1"),
            (AuditAction.Created, AuditTables.Keys, _addedKey.Token),
        }));
        _ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldJoinTheTeamEvenWithoutAFirstKey()
    {
        var team = TestData.Team("t1");
        _ports.GivenTeams(team);

        var created = await Handle(new CreateUserCommand { UserId = "erin", TeamId = "t1", AutoCreateKey = false });

        Assert.That(team.IsMember("erin"), Is.True);
        Assert.That(created.TeamId, Is.EqualTo("t1"));
        Assert.That(created.Key, Is.Null);
    }

    [Test]
    public void ShouldCreateNothingForAnUnknownTeam()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new CreateUserCommand { UserId = "dave", TeamId = "ghost" }));

        Assert.That(missing!.Param, Is.EqualTo("team_id"));
        Assert.That(missing.Message, Is.EqualTo("Team not found, passed team_id=ghost"));
        _ports.VerifyNothingWritten();
    }

    private async Task<CreatedUserDto> Handle(CreateUserCommand command)
    {
        var handler = new CreateUserCommandHandler(
            _ports.Users.Object, _ports.Teams.Object, _ports.Keys.Object, _ports.Secrets.Object, _ports.Audit.Object, _ports.UnitOfWork.Object, TestCaller.Admin(), _ports.Clock);
        return await handler.Handle(command, CancellationToken.None);
    }
}

public sealed class CreateUserCommandValidatorTests
{
    private readonly CreateUserCommandValidator _validator = new();

    [Test]
    public void ShouldAcceptAFullyValidCommand() =>
        Assert.That(_validator.InvalidFields(new CreateUserCommand
        {
            UserId = "alice",
            UserEmail = "alice@example.com",
            UserRole = UserRole.InternalUser,
            MaxBudget = 0,
            TpmLimit = 1000,
            RpmLimit = 10,
            MaxParallelRequests = 2,
            BudgetDuration = "1mo",
            Models = ["gpt-4o"],
            KeyAlias = "alice-first",
            Duration = "30d",
        }), Is.Empty);

    [TestCase(-0.01)]
    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    [TestCase(double.NegativeInfinity)]
    public void ShouldRejectAMaxBudgetThatIsNotAFiniteNonNegativeNumber(double maxBudget)
    {
        var command = new CreateUserCommand { MaxBudget = maxBudget };

        Assert.That(_validator.InvalidFields(command), Is.EqualTo(new[] { "max_budget" }));
        Assert.That(_validator.Messages(command), Is.EqualTo(new[] { "'max_budget' must be a finite number greater than or equal to 0." }));
    }

    [TestCase("")]
    [TestCase("has space")]
    [TestCase("tab\there")]
    public void ShouldRejectAUserIdThatIsNotAnIdentifier(string userId) =>
        Assert.That(_validator.InvalidFields(new CreateUserCommand { UserId = userId }), Is.EqualTo(new[] { "user_id" }));

    [TestCase("default_user_id")]
    [TestCase("Default_User_Id")]
    [TestCase("litellm_proxy_master_key")]
    [TestCase("litellm-dashboard")]
    [TestCase("litellm-internal-health-check")]
    [TestCase("litellm-cli")]
    [TestCase("litellm_internal_jobs")]
    [TestCase("key:0f1e2d3c")]
    public void ShouldRejectAReservedUserIdNamingTheField(string userId)
    {
        var command = new CreateUserCommand { UserId = userId };

        Assert.That(_validator.InvalidFields(command), Is.EqualTo(new[] { "user_id" }));
        Assert.That(_validator.Messages(command).Single(), Does.Contain(userId).And.Contain("reserved"));
    }

    [Test]
    public void ShouldRejectATeamIdThatIsNotAnIdentifier() =>
        Assert.That(_validator.InvalidFields(new CreateUserCommand { TeamId = "has space" }), Is.EqualTo(new[] { "team_id" }));

    [Test]
    public void ShouldRejectAUserIdLongerThanTheColumn() =>
        Assert.That(_validator.InvalidFields(new CreateUserCommand { UserId = new string('u', User.IdMaxLength + 1) }), Is.EqualTo(new[] { "user_id" }));

    [Test]
    public void ShouldRejectEveryInvalidFieldAtOnce() =>
        Assert.That(
            _validator.InvalidFields(new CreateUserCommand
            {
                UserEmail = "not-an-email",
                TpmLimit = -1,
                RpmLimit = -1,
                MaxParallelRequests = -1,
                BudgetDuration = "30x",
                Duration = "forever",
                Models = ["gpt-4o", " "],
                UserRole = (UserRole)42,
            }),
            Is.EquivalentTo(new[] { "user_email", "tpm_limit", "rpm_limit", "max_parallel_requests", "budget_duration", "duration", "models", "user_role" }));
}
