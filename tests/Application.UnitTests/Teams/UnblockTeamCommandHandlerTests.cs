using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Teams;
using ProxyAdmin.Application.Teams.Commands.UnblockTeam;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.UnitTests.Teams;

public sealed class UnblockTeamCommandHandlerTests
{
    private HandlerPorts _ports = null!;
    private Team _team = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new HandlerPorts();
        _team = TeamFixtures.Team("t1", new TeamSettings { Blocked = true }, ("alice", TeamRole.Admin));
        _ports.GivenTeams(_team);
    }

    [Test]
    public async Task ShouldSetTheBlockedFlagAndReturnTheTeam()
    {
        var updated = await Handle(new UnblockTeamCommand("t1"));

        Assert.That(_team.Blocked, Is.False);
        Assert.That(updated.Blocked, Is.False);
        Assert.That(updated.UpdatedBy, Is.EqualTo("admin"));
        Assert.That(updated.UpdatedAt, Is.EqualTo(_ports.Now));
        _ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldAuditTheChangeAsUnblocked()
    {
        var updated = await Handle(new UnblockTeamCommand("t1"));

        var row = _ports.AuditRecords.Single();
        Assert.That(row.Action, Is.EqualTo(AuditAction.Unblocked));
        Assert.That(row.TableName, Is.EqualTo(AuditTables.Teams));
        Assert.That(row.ObjectId, Is.EqualTo("t1"));
        Assert.That(((TeamDto)row.Before!).Blocked, Is.True);
        Assert.That(row.After, Is.EqualTo(updated));
    }

    [Test]
    public void ShouldRefuseAnUnknownTeamWithNotFound()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new UnblockTeamCommand("ghost")));

        Assert.That(missing!.Param, Is.EqualTo("team_id"));
        Assert.That(missing.Message, Does.Contain("ghost"));
        _ports.VerifyNothingWritten();
    }

    private async Task<TeamDto> Handle(UnblockTeamCommand command) =>
        await new UnblockTeamCommandHandler(_ports.Teams.Object, _ports.Audit.Object, _ports.UnitOfWork.Object, TestCaller.Admin(), _ports.Clock)
            .Handle(command, CancellationToken.None);
}

public sealed class UnblockTeamCommandValidatorTests
{
    private readonly UnblockTeamCommandValidator _validator = new();

    [Test]
    public void ShouldAcceptATeamId() => Assert.That(_validator.InvalidFields(new UnblockTeamCommand("t1")), Is.Empty);

    [Test]
    public void ShouldRequireTheTeamId() =>
        Assert.That(_validator.Messages(new UnblockTeamCommand("")), Is.EqualTo(new[] { "'team_id' is required." }));
}
