using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Teams;
using ProxyAdmin.Application.Teams.Commands.BlockTeam;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.UnitTests.Teams;

public sealed class BlockTeamCommandHandlerTests
{
    private HandlerPorts _ports = null!;
    private Team _team = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new HandlerPorts();
        _team = TeamFixtures.Team("t1", new TeamSettings { Blocked = false }, ("alice", TeamRole.Admin));
        _ports.GivenTeams(_team);
    }

    [Test]
    public async Task ShouldSetTheBlockedFlagAndReturnTheTeam()
    {
        var updated = await Handle(new BlockTeamCommand("t1"));

        Assert.That(_team.Blocked, Is.True);
        Assert.That(updated.Blocked, Is.True);
        Assert.That(updated.UpdatedBy, Is.EqualTo("admin"));
        Assert.That(updated.UpdatedAt, Is.EqualTo(_ports.Now));
        _ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldAuditTheChangeAsBlocked()
    {
        var updated = await Handle(new BlockTeamCommand("t1"));

        var row = _ports.AuditRecords.Single();
        Assert.That(row.Action, Is.EqualTo(AuditAction.Blocked));
        Assert.That(row.TableName, Is.EqualTo(AuditTables.Teams));
        Assert.That(row.ObjectId, Is.EqualTo("t1"));
        Assert.That(((TeamDto)row.Before!).Blocked, Is.False);
        Assert.That(row.After, Is.EqualTo(updated));
    }

    [Test]
    public void ShouldRefuseAnUnknownTeamWithNotFound()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new BlockTeamCommand("ghost")));

        Assert.That(missing!.Param, Is.EqualTo("team_id"));
        Assert.That(missing.Message, Does.Contain("ghost"));
        _ports.VerifyNothingWritten();
    }

    private async Task<TeamDto> Handle(BlockTeamCommand command) =>
        await new BlockTeamCommandHandler(_ports.Teams.Object, _ports.Audit.Object, _ports.UnitOfWork.Object, TestCaller.Admin(), _ports.Clock)
            .Handle(command, CancellationToken.None);
}

public sealed class BlockTeamCommandValidatorTests
{
    private readonly BlockTeamCommandValidator _validator = new();

    [Test]
    public void ShouldAcceptATeamId() => Assert.That(_validator.InvalidFields(new BlockTeamCommand("t1")), Is.Empty);

    [Test]
    public void ShouldRequireTheTeamId() =>
        Assert.That(_validator.Messages(new BlockTeamCommand("")), Is.EqualTo(new[] { "'team_id' is required." }));
}
