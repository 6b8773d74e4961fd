using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Teams;
using ProxyAdmin.Application.Teams.Commands.DeleteTeamModels;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.UnitTests.Teams;

public sealed class DeleteTeamModelsCommandHandlerTests
{
    private HandlerPorts _ports = null!;
    private Team _team = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new HandlerPorts();
        _team = TeamFixtures.TeamWithAdminAndMember("t1", "alice", "bob", new TeamSettings { Models = ["gpt-4o", "claude", "o1"] });
        _ports.GivenTeams(_team);
    }

    [Test]
    public async Task ShouldRemoveTheModelsSentIgnoringOnesNotListed()
    {
        var updated = await Handle(new DeleteTeamModelsCommand { TeamId = "t1", Models = ["claude", "not-listed"] }, TestCaller.InternalUser("alice"));

        Assert.That(updated.Models, Is.EqualTo(new[] { "gpt-4o", "o1" }));
        Assert.That(_team.Models, Is.EqualTo(new[] { "gpt-4o", "o1" }));
        Assert.That(updated.UpdatedBy, Is.EqualTo("alice"));
        _ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldAuditTheTeamBeforeAndAfter()
    {
        var updated = await Handle(new DeleteTeamModelsCommand { TeamId = "t1", Models = ["o1"] }, TestCaller.Admin());

        var row = _ports.AuditRecords.Single();
        Assert.That((row.Action, row.TableName, row.ObjectId), Is.EqualTo((AuditAction.Updated, AuditTables.Teams, "t1")));
        Assert.That(((TeamDto)row.Before!).Models, Is.EqualTo(new[] { "gpt-4o", "claude", "o1" }));
        Assert.That(row.After, Is.EqualTo(updated));
    }

    [Test]
    public void ShouldForbidAMemberWhoIsNotATeamAdmin()
    {
        Assert.ThrowsAsync<ForbiddenAccessException>(async () =>
            await Handle(new DeleteTeamModelsCommand { TeamId = "t1", Models = ["o1"] }, TestCaller.InternalUser("bob")));

        Assert.That(_team.Models, Has.Count.EqualTo(3));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldHideTheTeamFromAnOutsider()
    {
        Assert.ThrowsAsync<NotFoundException>(async () =>
            await Handle(new DeleteTeamModelsCommand { TeamId = "t1", Models = ["o1"] }, TestCaller.InternalUser("mallory")));

        Assert.That(_team.Models, Has.Count.EqualTo(3));
        _ports.VerifyNothingWritten();
    }

    private async Task<TeamDto> Handle(DeleteTeamModelsCommand command, ICurrentCaller caller) =>
        await new DeleteTeamModelsCommandHandler(_ports.Teams.Object, _ports.Audit.Object, _ports.UnitOfWork.Object, caller, _ports.StandingOf(caller), _ports.Clock)
            .Handle(command, CancellationToken.None);
}

public sealed class DeleteTeamModelsCommandValidatorTests
{
    private readonly DeleteTeamModelsCommandValidator _validator = new();

    [Test]
    public void ShouldAcceptModels() => Assert.That(_validator.InvalidFields(new DeleteTeamModelsCommand { TeamId = "t1", Models = ["o1"] }), Is.Empty);

    [Test]
    public void ShouldRequireAtLeastOneNonBlankModel()
    {
        Assert.That(_validator.InvalidFields(new DeleteTeamModelsCommand { TeamId = "t1", Models = [] }), Is.EqualTo(new[] { "models" }));
        Assert.That(_validator.Messages(new DeleteTeamModelsCommand { TeamId = "t1", Models = [""] }), Is.EqualTo(new[] { "'models' must not contain empty values." }));
    }
}
