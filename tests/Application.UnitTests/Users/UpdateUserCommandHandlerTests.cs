using ProxyAdmin.Application.Common.Concurrency;
using System.Text.Json.Nodes;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Application.Users;
using ProxyAdmin.Application.Users.Commands.UpdateUser;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Application.UnitTests.Users;

public sealed class UpdateUserCommandHandlerTests
{
    private HandlerPorts _ports = null!;
    private User _alice = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new HandlerPorts();
        _alice = User.Create(
            "alice",
            UserRole.InternalUser,
            new UserProfile { UserEmail = "alice@example.com", MaxBudget = 10, Metadata = new JsonObject { ["team"] = "red", ["cost_center"] = "42" } },
            TestData.Stamp);
        _ports.GivenUsers(_alice);
    }

    [Test]
    public async Task ShouldChangeOnlyTheFieldsSentAndMergeMetadata()
    {
        var updated = await Handle(new UpdateUserCommand
        {
            UserId = "alice",
            MaxBudget = 50,
            Metadata = new JsonObject { ["team"] = "blue", ["cost_center"] = null },
        });

        Assert.That(updated.MaxBudget, Is.EqualTo(50));
        Assert.That(updated.UserEmail, Is.EqualTo("alice@example.com"), "a field not sent keeps its value");
        Assert.That(updated.Metadata.ToJsonString(), Is.EqualTo("""{"team":"blue"}"""));
        Assert.That(updated.UpdatedBy, Is.EqualTo("admin"));
        Assert.That(updated.UpdatedAt, Is.EqualTo(_ports.Now));
        _ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldAuditTheUserBeforeAndAfterTheChange()
    {
        var updated = await Handle(new UpdateUserCommand { UserId = "alice", UserRole = UserRole.ProxyAdminViewer });

        var row = _ports.AuditRecords.Single();
        Assert.That(row.Action, Is.EqualTo(AuditAction.Updated));
        Assert.That(row.TableName, Is.EqualTo(AuditTables.Users));
        Assert.That(row.ObjectId, Is.EqualTo("alice"));
        Assert.That(((UserDto)row.Before!).UserRole, Is.EqualTo(UserRole.InternalUser));
        Assert.That(row.After, Is.EqualTo(updated));
        Assert.That(updated.UserRole, Is.EqualTo(UserRole.ProxyAdminViewer));
    }

    [Test]
    public void ShouldRefuseAnUnknownUserWithNotFound()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new UpdateUserCommand { UserId = "nobody", MaxBudget = 1 }));

        Assert.That(missing!.Param, Is.EqualTo("user_id"));
        Assert.That(missing.Message, Does.Contain("nobody"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public async Task ShouldAnswerLiteLLMsShapeTheUserIdAndTheRowAsData()
    {
        var handler = new UpdateUserCommandHandler(
            _ports.Users.Object, _ports.Audit.Object, _ports.UnitOfWork.Object, TestCaller.Admin(), _ports.Tags, _ports.Clock);

        var response = await handler.Handle(new UpdateUserCommand { UserId = "alice", UserAlias = "Alice" }, CancellationToken.None);

        Assert.That(response.UserId, Is.EqualTo("alice"));
        Assert.That(response.Data.UserId, Is.EqualTo("alice"));
        Assert.That(response.Data.UserAlias, Is.EqualTo("Alice"));
    }

    /// <summary>The row the response carries under <c>data</c>.</summary>
    [Test]
    public void ShouldRefuseAStaleIfMatchBeforeChangingAnything()
    {
        _ports.Conditional.IfMatch = EntityTags.Of(AuditTables.Users, "alice", _alice.Version + 1);

        var stale = Assert.ThrowsAsync<PreconditionFailedException>(async () => await Handle(new UpdateUserCommand { UserId = "alice", UserAlias = "late" }));

        Assert.That(stale!.CurrentEntityTag, Is.EqualTo(EntityTags.Of(AuditTables.Users, "alice", _alice.Version)));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public async Task ShouldWriteUnderTheCurrentTagAndAnswerWithTheStoredVersionsTag()
    {
        _ports.Conditional.IfMatch = EntityTags.Of(AuditTables.Users, "alice", _alice.Version);

        await Handle(new UpdateUserCommand { UserId = "alice", UserAlias = "on time" });

        Assert.That(_ports.Conditional.Answered, Is.EqualTo(new[] { EntityTags.Of(AuditTables.Users, "alice", _alice.Version) }));
    }

    private async Task<UserDto> Handle(UpdateUserCommand command)
    {
        var handler = new UpdateUserCommandHandler(
            _ports.Users.Object, _ports.Audit.Object, _ports.UnitOfWork.Object, TestCaller.Admin(), _ports.Tags, _ports.Clock);
        return (await handler.Handle(command, CancellationToken.None)).Data;
    }
}

public sealed class UpdateUserCommandValidatorTests
{
    private readonly UpdateUserCommandValidator _validator = new();

    [Test]
    public void ShouldAcceptAPartialUpdate() =>
        Assert.That(_validator.InvalidFields(new UpdateUserCommand { UserId = "alice", MaxBudget = 0.5 }), Is.Empty);

    [Test]
    public void ShouldRequireTheUserId() =>
        Assert.That(_validator.Messages(new UpdateUserCommand { UserId = "" }), Is.EqualTo(new[] { "'user_id' is required." }));

    [TestCase(-1d)]
    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    public void ShouldRejectAMaxBudgetThatIsNotAFiniteNonNegativeNumber(double maxBudget) =>
        Assert.That(_validator.InvalidFields(new UpdateUserCommand { UserId = "alice", MaxBudget = maxBudget }), Is.EqualTo(new[] { "max_budget" }));

    [Test]
    public void ShouldRejectNegativeLimitsAndAMalformedDuration() =>
        Assert.That(
            _validator.InvalidFields(new UpdateUserCommand { UserId = "alice", TpmLimit = -1, MaxParallelRequests = -3, BudgetDuration = "0d" }),
            Is.EquivalentTo(new[] { "tpm_limit", "max_parallel_requests", "budget_duration" }));
}
