using ProxyAdmin.Application.Common.Concurrency;
using Moq;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Keys;
using ProxyAdmin.Application.Organizations;
using ProxyAdmin.Application.Teams;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Application.Users;
using ProxyAdmin.Application.Users.Commands.DeleteUsers;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Keys;
using ProxyAdmin.Domain.Organizations;
using ProxyAdmin.Domain.Teams;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Application.UnitTests.Users;

public sealed class DeleteUsersCommandHandlerTests
{
    private HandlerPorts _ports = null!;
    private User _alice = null!;
    private User _bob = null!;
    private VirtualKey _aliceKey = null!;
    private VirtualKey _bobKey = null!;
    private Team _team = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new HandlerPorts();
        _alice = TestData.User("alice");
        _bob = TestData.User("bob");
        _aliceKey = TestData.Key("sk-alice-key-0001", "alice");
        _bobKey = TestData.Key("sk-bob-key-0002", "bob");
        _team = TestData.Team("red", ("alice", TeamRole.Admin), ("carol", TeamRole.User));

        var users = new[] { _alice, _bob };
        _ports.Users.Setup(r => r.GetManyAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyCollection<string> ids, CancellationToken _) => users.Where(u => ids.Contains(u.UserId)).ToList());
        _ports.Keys.Setup(r => r.GetByUsersAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyCollection<string> ids, CancellationToken _) => new[] { _aliceKey, _bobKey }.Where(k => ids.Contains(k.UserId!)).ToList());
        _ports.Teams.Setup(r => r.GetTeamsWithMembersAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyCollection<string> ids, CancellationToken _) => _team.Members.Any(m => ids.Contains(m.UserId)) ? [_team] : []);
    }

    [Test]
    public async Task ShouldDeleteTheUsersWithTheirKeysAndTeamMemberships()
    {
        var deleted = await Handle("alice", "bob");

        _ports.Users.Verify(r => r.Remove(_alice), Times.Once);
        _ports.Users.Verify(r => r.Remove(_bob), Times.Once);
        _ports.Keys.Verify(r => r.Remove(_aliceKey), Times.Once);
        _ports.Keys.Verify(r => r.Remove(_bobKey), Times.Once);
        Assert.That(_team.Members.Select(m => m.UserId), Is.EqualTo(new[] { "carol" }));
        _ports.VerifySavedOnce();
        Assert.That(deleted.DeletedUsers, Is.EqualTo(new[] { "alice", "bob" }));
        Assert.That(deleted.DeletedKeys, Is.EqualTo(new[] { _aliceKey.Token, _bobKey.Token }));
    }

    [Test]
    public async Task ShouldEndTheirOrganizationMembershipsSoAUserMadeLaterUnderTheIdHasNone()
    {
        var organization = OrganizationFixtures.Organization("org-1", members: [("alice", OrganizationRole.OrgAdmin), ("carol", OrganizationRole.InternalUser)]);
        _ports.Organizations.Setup(r => r.GetWithMembersAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyCollection<string> ids, CancellationToken _) => organization.Members.Any(m => ids.Contains(m.UserId)) ? [organization] : []);

        await Handle("alice");

        Assert.That(organization.Members.Select(m => m.UserId), Is.EqualTo(new[] { "carol" }));
        var row = _ports.AuditRecords.Single(r => r.TableName == AuditTables.Organizations);
        Assert.That(((OrganizationMembersChangeDto)row.Before!).Members.Select(m => m.UserId), Is.EqualTo(new[] { "alice" }));
        Assert.That(((OrganizationMembersChangeDto)row.After!).Members, Is.Empty);
        _ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldAuditEveryDeletedRowAndTheTeamItLeft()
    {
        await Handle("alice");

        Assert.That(_ports.AuditRecords.Select(r => (r.Action, r.TableName, r.ObjectId)), Is.EquivalentTo(new[]
        {
            (AuditAction.Deleted, AuditTables.Keys, _aliceKey.Token),
            (AuditAction.Updated, AuditTables.Teams, "red"),
            (AuditAction.Deleted, AuditTables.Users, "alice"),
        }));
        var deletions = _ports.AuditRecords.Where(r => r.Action == AuditAction.Deleted).ToList();
        Assert.That(deletions.Select(r => r.Before), Has.All.Not.Null);
        Assert.That(deletions.Select(r => r.After), Has.All.Null);

        var teamRow = _ports.AuditRecords.Single(r => r.TableName == AuditTables.Teams);
        Assert.That(((TeamDto)teamRow.Before!).Admins, Is.EqualTo(new[] { "alice" }));
        Assert.That(((TeamDto)teamRow.After!).Admins, Is.Empty);
    }

    [Test]
    public async Task ShouldDeleteAUserNamedTwiceOnlyOnce()
    {
        var deleted = await Handle("bob", "bob");

        _ports.Users.Verify(r => r.Remove(_bob), Times.Once);
        Assert.That(deleted.DeletedUsers, Is.EqualTo(new[] { "bob" }));
    }

    [Test]
    public void ShouldDeleteNothingWhenAnyUserIsUnknown()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Handle("alice", "ghost", "bob"));

        Assert.That(missing!.Param, Is.EqualTo("user_ids"));
        Assert.That(missing.Message, Does.Contain("ghost").And.Not.Contain("alice"));
        Assert.That(_team.Members, Has.Count.EqualTo(2));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldDeleteNothingWhenOneIfMatchIsStale()
    {
        _ports.Conditional.IfMatch = string.Join(", ", EntityTags.Of(AuditTables.Users, "alice", 0), EntityTags.Of(AuditTables.Users, "bob", 1));

        var stale = Assert.ThrowsAsync<PreconditionFailedException>(async () => await Handle("alice", "bob"));

        Assert.That(stale!.Message, Does.Contain("resource 2 of 2"));
        Assert.That(stale.CurrentEntityTag, Is.EqualTo(EntityTags.Of(AuditTables.Users, "bob", 0)));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public async Task ShouldDeleteUnderTheCurrentTags()
    {
        _ports.Conditional.IfMatch = string.Join(", ", EntityTags.Of(AuditTables.Users, "alice", 0), EntityTags.Of(AuditTables.Users, "bob", 0));

        await Handle("alice", "bob");

        _ports.UnitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    private async Task<DeletedUsersDto> Handle(params string[] userIds)
    {
        var handler = new DeleteUsersCommandHandler(
            _ports.Users.Object,
            _ports.Keys.Object,
            _ports.Teams.Object,
            _ports.Organizations.Object,
            _ports.Audit.Object,
            _ports.UnitOfWork.Object,
            TestCaller.Admin(),
            _ports.Tags,
            _ports.Clock);
        return await handler.Handle(new DeleteUsersCommand { UserIds = [.. userIds] }, CancellationToken.None);
    }
}

public sealed class DeleteUsersCommandValidatorTests
{
    private readonly DeleteUsersCommandValidator _validator = new();

    [Test]
    public void ShouldAcceptUserIds() =>
        Assert.That(_validator.InvalidFields(new DeleteUsersCommand { UserIds = ["alice", "bob"] }), Is.Empty);

    [Test]
    public void ShouldRequireAtLeastOneUserId() =>
        Assert.That(_validator.InvalidFields(new DeleteUsersCommand { UserIds = [] }), Is.EqualTo(new[] { "user_ids" }));

    [Test]
    public void ShouldRejectAnEmptyUserId() =>
        Assert.That(_validator.Messages(new DeleteUsersCommand { UserIds = ["alice", ""] }), Is.EqualTo(new[] { "'user_ids' must not contain empty values." }));
}
