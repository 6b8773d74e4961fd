using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Teams;
using ProxyAdmin.Application.Teams.Commands.AddTeamModels;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.UnitTests.Teams;

public sealed class AddTeamModelsCommandHandlerTests
{
    private HandlerPorts _ports = null!;
    private Team _team = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new HandlerPorts();
        _team = TeamFixtures.TeamWithAdminAndMember("t1", "alice", "bob", new TeamSettings { Models = ["gpt-4o", "claude"] });
        _ports.GivenTeams(_team);
    }

    [Test]
    public async Task ShouldAppendNewModelsKeepingEachOnceInOrder()
    {
        var updated = await Handle(new AddTeamModelsCommand { TeamId = "t1", Models = ["o1", "gpt-4o", "o1", "mistral"] }, TestCaller.InternalUser("alice"));

        Assert.That(updated.Models, Is.EqualTo(new[] { "gpt-4o", "claude", "o1", "mistral" }));
        Assert.That(_team.Models, Is.EqualTo(updated.Models));
        Assert.That(updated.UpdatedBy, Is.EqualTo("alice"));
        _ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldRefuseAModelOutsideTheTeamsOrganization()
    {
        var team = TeamFixtures.TeamWithAdminAndMember("t2", "alice", "bob", new TeamSettings { OrganizationId = "org-1", Models = ["gpt-4o"] });
        _ports.GivenTeams(team);
        _ports.GivenOrganizations(OrganizationFixtures.Organization("org-1", models: ["gpt-4o", "claude"]));

        var refused = Assert.ThrowsAsync<Domain.Common.DomainRuleException>(() => Handle(new AddTeamModelsCommand { TeamId = "t2", Models = ["o1"] }, TestCaller.InternalUser("alice")));
        var allowed = await Handle(new AddTeamModelsCommand { TeamId = "t2", Models = ["claude"] }, TestCaller.InternalUser("alice"));

        Assert.That(refused!.Message, Does.StartWith("Model 'o1' not in organization's allowed models"));
        Assert.That(allowed.Models, Is.EqualTo(new[] { "gpt-4o", "claude" }));
    }

    [Test]
    public async Task ShouldAuditTheTeamBeforeAndAfter()
    {
        var updated = await Handle(new AddTeamModelsCommand { TeamId = "t1", Models = ["o1"] }, TestCaller.Admin());

        var row = _ports.AuditRecords.Single();
        Assert.That((row.Action, row.TableName, row.ObjectId), Is.EqualTo((AuditAction.Updated, AuditTables.Teams, "t1")));
        Assert.That(((TeamDto)row.Before!).Models, Is.EqualTo(new[] { "gpt-4o", "claude" }));
        Assert.That(row.After, Is.EqualTo(updated));
    }

    [Test]
    public void ShouldForbidAMemberWhoIsNotATeamAdmin()
    {
        var refused = Assert.ThrowsAsync<ForbiddenAccessException>(async () =>
            await Handle(new AddTeamModelsCommand { TeamId = "t1", Models = ["o1"] }, TestCaller.InternalUser("bob")));

        Assert.That(refused!.Message, Does.Contain("modify team models"));
        Assert.That(_team.Models, Is.EqualTo(new[] { "gpt-4o", "claude" }));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldHideTheTeamFromAnOutsider()
    {
        Assert.ThrowsAsync<NotFoundException>(async () =>
            await Handle(new AddTeamModelsCommand { TeamId = "t1", Models = ["o1"] }, TestCaller.InternalUser("mallory")));

        Assert.That(_team.Models, Has.Count.EqualTo(2));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseAnUnknownTeamWithNotFound()
    {
        Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new AddTeamModelsCommand { TeamId = "ghost", Models = ["o1"] }, TestCaller.Admin()));

        _ports.VerifyNothingWritten();
    }

    private async Task<TeamDto> Handle(AddTeamModelsCommand command, ICurrentCaller caller) =>
        await new AddTeamModelsCommandHandler(_ports.Teams.Object, _ports.Audit.Object, _ports.UnitOfWork.Object, caller, _ports.StandingOf(caller), _ports.OrganizationRules, _ports.Clock)
            .Handle(command, CancellationToken.None);
}

public sealed class AddTeamModelsCommandValidatorTests
{
    private readonly AddTeamModelsCommandValidator _validator = new();

    [Test]
    public void ShouldAcceptModels() => Assert.That(_validator.InvalidFields(new AddTeamModelsCommand { TeamId = "t1", Models = ["o1"] }), Is.Empty);

    [Test]
    public void ShouldRequireAtLeastOneModel() =>
        Assert.That(_validator.Messages(new AddTeamModelsCommand { TeamId = "t1", Models = [] }), Is.EqualTo(new[] { "'models' must list at least one model." }));

    [Test]
    public void ShouldRejectABlankModelAndAMissingTeamId() =>
        Assert.That(_validator.InvalidFields(new AddTeamModelsCommand { TeamId = "", Models = ["o1", "  "] }), Is.EquivalentTo(new[] { "team_id", "models" }));
}
