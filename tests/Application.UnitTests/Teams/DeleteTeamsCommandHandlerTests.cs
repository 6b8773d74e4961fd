using ProxyAdmin.Application.Common.Concurrency;
using System.Text.Json.Nodes;
using Moq;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Secrets;
using ProxyAdmin.Application.Keys;
using ProxyAdmin.Application.Models;
using ProxyAdmin.Application.Teams;
using ProxyAdmin.Application.Teams.Commands.DeleteTeams;
using ProxyAdmin.Application.UnitTests.Models;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Keys;
using ProxyAdmin.Domain.Models;
using ProxyAdmin.Domain.Teams;
using ProxyAdmin.Domain.Common;

namespace ProxyAdmin.Application.UnitTests.Teams;

public sealed class DeleteTeamsCommandHandlerTests
{
    private HandlerPorts _ports = null!;
    private Mock<IModelRepository> _models = null!;
    private Team _t1 = null!;
    private Team _t2 = null!;
    private VirtualKey _t1Key = null!;
    private ModelDeployment _t1Model = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new HandlerPorts();
        _models = new Mock<IModelRepository>();
        _t1 = TestData.Team("t1", ("alice", TeamRole.Admin));
        _t2 = TestData.Team("t2");
        _t1Key = TestData.Key("sk-team-one-key-0001", "alice", new KeySettings { TeamId = "t1" });
        _t1Model = ModelDeployment.Create(
            "m1", "gpt-4o", new JsonObject { ["model"] = "enc:openai/gpt-4o", ["api_key"] = "enc:sk-provider-secret-9876" }, [], new AuditStamp(TestData.CreatedBy, TestData.Earlier));
        _t1Model.AssignToTeam("t1", "gpt-4o", new AuditStamp(TestData.CreatedBy, TestData.Earlier));

        _ports.Teams.Setup(r => r.GetManyAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyCollection<string> ids, CancellationToken _) => new[] { _t1, _t2 }.Where(t => ids.Contains(t.TeamId)).ToList());
        _ports.Projects.Setup(r => r.TeamsOwningProjectsAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        _ports.Keys.Setup(r => r.GetByTeamsAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyCollection<string> ids, CancellationToken _) => ids.Contains("t1") ? [_t1Key] : []);
        _models.Setup(r => r.GetByTeamsAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyCollection<string> ids, CancellationToken _) => ids.Contains("t1") ? [_t1Model] : []);
    }

    [Test]
    public async Task ShouldDeleteTheTeamsWithTheirKeysAndTeamModels()
    {
        var deleted = await Handle(new DeleteTeamsCommand { TeamIds = ["t1", "t2"] });

        Assert.That(deleted.DeletedTeams, Is.EqualTo(new[] { "t1", "t2" }));
        Assert.That(deleted.DeletedKeys, Is.EqualTo(new[] { _t1Key.Token }));
        _ports.Teams.Verify(r => r.Remove(_t1), Times.Once);
        _ports.Teams.Verify(r => r.Remove(_t2), Times.Once);
        _ports.Keys.Verify(r => r.Remove(_t1Key), Times.Once);
        _models.Verify(r => r.Remove(_t1Model), Times.Once);
        _ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldAuditEveryDeletedRowWithoutSecrets()
    {
        await Handle(new DeleteTeamsCommand { TeamIds = ["t1", "t2"] });

        Assert.That(_ports.AuditRecords.Select(r => (r.Action, r.TableName, r.ObjectId)), Is.EqualTo(new[]
        {
            (AuditAction.Deleted, AuditTables.Keys, _t1Key.Token),
            (AuditAction.Deleted, AuditTables.Models, "m1"),
            (AuditAction.Deleted, AuditTables.Teams, "t1"),
            (AuditAction.Deleted, AuditTables.Teams, "t2"),
        }));
        Assert.That(_ports.AuditRecords.Select(r => r.After), Is.All.Null);
        Assert.That(((KeyDto)_ports.AuditRecords[0].Before!).Token, Is.EqualTo(_t1Key.Token));
        var model = (ModelDto)_ports.AuditRecords[1].Before!;
        Assert.That(model.LitellmParams["api_key"]!.GetValue<string>(), Is.EqualTo("****9876"), "the provider secret is decrypted and masked");
        Assert.That(model.LitellmParams["model"]!.GetValue<string>(), Is.EqualTo("openai/gpt-4o"));
        Assert.That(((TeamDto)_ports.AuditRecords[2].Before!).Admins, Is.EqualTo(new[] { "alice" }));
    }

    [Test]
    public async Task ShouldDeleteATeamNamedTwiceOnce()
    {
        var deleted = await Handle(new DeleteTeamsCommand { TeamIds = ["t2", "t2"] });

        Assert.That(deleted.DeletedTeams, Is.EqualTo(new[] { "t2" }));
        _ports.Teams.Verify(r => r.GetManyAsync(It.Is<IReadOnlyCollection<string>>(ids => ids.SequenceEqual(new[] { "t2" })), It.IsAny<CancellationToken>()));
        _ports.Teams.Verify(r => r.Remove(_t2), Times.Once);
    }

    [Test]
    public void ShouldRefuseTheWholeRequestWhenOneTeamIsUnknown()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new DeleteTeamsCommand { TeamIds = ["t1", "ghost"] }));

        Assert.That(missing!.Param, Is.EqualTo("team_id"));
        Assert.That(missing.Message, Does.Contain("ghost"));
        VerifyNothingDeleted();
    }

    [Test]
    public void ShouldRefuseTheWholeRequestWhenATeamStillOwnsProjects()
    {
        _ports.Projects.Setup(r => r.TeamsOwningProjectsAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>())).ReturnsAsync(["t2"]);

        var conflict = Assert.ThrowsAsync<ConflictException>(async () => await Handle(new DeleteTeamsCommand { TeamIds = ["t1", "t2"] }));

        Assert.That(conflict!.Param, Is.EqualTo("team_ids"));
        Assert.That(conflict.Message, Does.Contain("t2").And.Contain("projects"));
        VerifyNothingDeleted();
    }

    private void VerifyNothingDeleted()
    {
        _ports.VerifyNothingWritten();
        _models.Verify(r => r.Remove(It.IsAny<ModelDeployment>()), Times.Never);
    }

    [Test]
    public void ShouldDeleteNothingWhenOneIfMatchIsStale()
    {
        _ports.Conditional.IfMatch = string.Join(", ", EntityTags.Of(AuditTables.Teams, "t1", 0), EntityTags.Of(AuditTables.Teams, "t2", 1));

        var stale = Assert.ThrowsAsync<PreconditionFailedException>(async () => await Handle(new DeleteTeamsCommand { TeamIds = ["t1", "t2"] }));

        Assert.That(stale!.Message, Does.Contain("resource 2 of 2"));
        Assert.That(stale.CurrentEntityTag, Is.EqualTo(EntityTags.Of(AuditTables.Teams, "t2", 0)));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public async Task ShouldDeleteUnderTheCurrentTags()
    {
        _ports.Conditional.IfMatch = string.Join(", ", EntityTags.Of(AuditTables.Teams, "t1", 0), EntityTags.Of(AuditTables.Teams, "t2", 0));

        await Handle(new DeleteTeamsCommand { TeamIds = ["t1", "t2"] });

        _ports.UnitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    private async Task<DeletedTeamsDto> Handle(DeleteTeamsCommand command) =>
        await new DeleteTeamsCommandHandler(
                _ports.Teams.Object,
                _ports.Keys.Object,
                _ports.Projects.Object,
                _models.Object,
                new ModelPresenter(new SealedValues(new PrefixSecretProtector())),
                _ports.Audit.Object,
                _ports.UnitOfWork.Object,
                _ports.Tags)
            .Handle(command, CancellationToken.None);
}

public sealed class DeleteTeamsCommandValidatorTests
{
    private readonly DeleteTeamsCommandValidator _validator = new();

    [Test]
    public void ShouldAcceptTeamIds() => Assert.That(_validator.InvalidFields(new DeleteTeamsCommand { TeamIds = ["t1", "t2"] }), Is.Empty);

    [Test]
    public void ShouldRequireAtLeastOneTeamId() =>
        Assert.That(_validator.Messages(new DeleteTeamsCommand { TeamIds = [] }), Is.EqualTo(new[] { "'team_ids' must list at least one team id." }));

    [Test]
    public void ShouldRejectAnEmptyTeamId() =>
        Assert.That(_validator.Messages(new DeleteTeamsCommand { TeamIds = ["t1", ""] }), Is.EqualTo(new[] { "'team_ids' must not contain empty values." }));
}
