using ProxyAdmin.Application.Common.Concurrency;
using Moq;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Models;
using ProxyAdmin.Application.Models.Commands.DeleteModel;
using ProxyAdmin.Application.Teams;
using ProxyAdmin.Application.UnitTests.Teams;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Models;
using ProxyAdmin.Domain.Teams;
using static ProxyAdmin.Application.UnitTests.Models.ModelFixtures;
using ProxyAdmin.Domain.Common;

namespace ProxyAdmin.Application.UnitTests.Models;

public sealed class DeleteModelCommandHandlerTests
{
    private ModelPorts _ports = null!;
    private Team _t1 = null!;
    private ModelDeployment _global = null!;
    private ModelDeployment _teamModel = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new ModelPorts();
        _t1 = TeamFixtures.TeamWithAdminAndMember("t1", admin: "alice", member: "bob", new TeamSettings { Models = ["gpt-4o"] });
        _ports.GivenTeams(_t1, TeamFixtures.Team("t2", new TeamSettings(), ("carol", TeamRole.Admin)));
        _global = Stored("g1", "gpt-4o", """{"model":"openai/gpt-4o","api_key":"sk-provider-secret-1234"}""");
        _teamModel = Stored("tm1", "claude", """{"model":"anthropic/claude"}""", teamId: "t1");
        TeamModelLinks.Link(_t1, _teamModel, new AuditStamp(TestData.CreatedBy, TestData.Earlier));
        _ports.GivenModels(_global, _teamModel);
    }

    [Test]
    public async Task ShouldRemoveTheDeploymentAndAuditItWithSecretsMasked()
    {
        var result = await Handle(new DeleteModelCommand("g1"));

        Assert.That(result.Message, Is.EqualTo("Model: g1 deleted successfully"));
        _ports.Models.Verify(r => r.Remove(_global), Times.Once);
        var row = _ports.Ports.AuditRecords.Single();
        Assert.That((row.Action, row.TableName, row.ObjectId), Is.EqualTo((AuditAction.Deleted, AuditTables.Models, "g1")));
        Assert.That(row.After, Is.Null);
        Assert.That(((ModelDto)row.Before!).LitellmParams.Text("api_key"), Is.EqualTo("****1234"));
        _ports.Ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldTakeTheNameAndAliasOutOfTheTeamWhenNoSiblingServesIt()
    {
        await Handle(new DeleteModelCommand("tm1"), TestCaller.InternalUser("alice"));

        _ports.Models.Verify(r => r.Remove(_teamModel), Times.Once);
        Assert.That(_t1.Models, Is.EqualTo(new[] { "gpt-4o" }));
        Assert.That(_t1.ModelAliases, Is.Empty);
        Assert.That(_t1.UpdatedBy, Is.EqualTo("alice"));
        Assert.That(_ports.Ports.AuditRecords.Select(r => (r.Action, r.TableName, r.ObjectId)), Is.EqualTo(new[]
        {
            (AuditAction.Deleted, AuditTables.Models, "tm1"),
            (AuditAction.Updated, AuditTables.Teams, "t1"),
        }));
        var teamRow = _ports.Ports.AuditRecords[1];
        Assert.That(((TeamDto)teamRow.Before!).Models, Is.EqualTo(new[] { "gpt-4o", "claude" }));
        Assert.That(((TeamDto)teamRow.After!).Models, Is.EqualTo(new[] { "gpt-4o" }));
        _ports.Ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldKeepTheNameWhileASiblingServesItAndMoveTheAliasToTheSibling()
    {
        var sibling = Stored("tm2", "claude", """{"model":"anthropic/claude"}""", teamId: "t1", minutesAfterEarlier: 1);
        _ports.GivenSiblings("t1", "claude", sibling);

        await Handle(new DeleteModelCommand("tm1"), TestCaller.InternalUser("alice"));

        _ports.Models.Verify(r => r.GetTeamSiblingsAsync("t1", "claude", "tm1", It.IsAny<CancellationToken>()), Times.Once);
        Assert.That(_t1.Models, Is.EqualTo(new[] { "gpt-4o", "claude" }));
        Assert.That(_t1.ModelAliases, Is.EqualTo(new Dictionary<string, string> { ["claude"] = sibling.ModelName }));
    }

    [Test]
    public async Task ShouldLeaveAnAliasThatPointsAtAnotherSiblingAlone()
    {
        var sibling = Stored("tm2", "claude", """{"model":"anthropic/claude"}""", teamId: "t1", minutesAfterEarlier: 1);
        var third = Stored("tm3", "claude", """{"model":"anthropic/claude"}""", teamId: "t1", minutesAfterEarlier: 2);
        _t1.SetModelAlias("claude", third.ModelName, new AuditStamp(TestData.CreatedBy, TestData.Earlier));
        _ports.GivenSiblings("t1", "claude", sibling, third);

        await Handle(new DeleteModelCommand("tm1"));

        Assert.That(_t1.ModelAliases, Is.EqualTo(new Dictionary<string, string> { ["claude"] = third.ModelName }));
        Assert.That(_t1.Models, Does.Contain("claude"));
    }

    [Test]
    public async Task ShouldLetAProxyAdminDeleteAModelWhoseTeamIsGone()
    {
        var orphan = Stored("o1", "mistral", """{"model":"mistral/large"}""", teamId: "gone");
        _ports.GivenModels(orphan);

        await Handle(new DeleteModelCommand("o1"));

        _ports.Models.Verify(r => r.Remove(orphan), Times.Once);
        Assert.That(_ports.Ports.AuditRecords.Select(r => r.TableName), Is.EqualTo(new[] { AuditTables.Models }));
    }

    [Test]
    public void ShouldAnswerANonAdminAboutAModelWhoseTeamIsGoneAsAboutAMissingOne()
    {
        _ports.GivenModels(Stored("o1", "mistral", """{"model":"mistral/large"}""", teamId: "gone"));

        var refused = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new DeleteModelCommand("o1"), TestCaller.InternalUser("alice")));
        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new DeleteModelCommand("o2"), TestCaller.InternalUser("alice")));

        Assert.That(refused!.Message, Is.EqualTo("Model with id=o1 not found in db"), "nobody is a member of a deleted team, so nobody but an admin sees its models");
        Assert.That((refused.Param, missing!.Message), Is.EqualTo(("id", "Model with id=o2 not found in db")));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldForbidANonAdminToDeleteAModelWithoutATeam()
    {
        Assert.ThrowsAsync<ForbiddenAccessException>(async () => await Handle(new DeleteModelCommand("g1"), TestCaller.InternalUser("alice")));

        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldForbidAMemberWhoIsNotATeamAdminToDeleteATeamModel()
    {
        var refused = Assert.ThrowsAsync<ForbiddenAccessException>(async () => await Handle(new DeleteModelCommand("tm1"), TestCaller.InternalUser("bob")));

        Assert.That(refused!.Message, Does.StartWith("Team ID=t1 does not match the API key's team ID="));
        Assert.That(_t1.Models, Does.Contain("claude"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldAnswerAnOutsiderAboutAnotherTeamsModelAsAboutAMissingOne()
    {
        var hidden = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new DeleteModelCommand("tm1"), TestCaller.InternalUser("carol")));
        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new DeleteModelCommand("nope"), TestCaller.InternalUser("carol")));

        Assert.That(hidden!.Message, Is.EqualTo(missing!.Message.Replace("nope", "tm1", StringComparison.Ordinal)), "neither the model's existence nor its team leaks");
        Assert.That(_t1.Models, Does.Contain("claude"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseAConfigModelWithBadRequest()
    {
        _ports.ConfigModels.Add(Config("cfg-1", "gpt-4o", """{"model":"openai/gpt-4o"}"""));

        var refused = Assert.ThrowsAsync<BadRequestException>(async () => await Handle(new DeleteModelCommand("cfg-1")));

        Assert.That(refused!.Param, Is.EqualTo("id"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseAnUnknownModelWithNotFound()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new DeleteModelCommand("ghost")));

        Assert.That(missing!.Param, Is.EqualTo("id"));
        Assert.That(missing.Message, Does.Contain("ghost"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseDeletesWhenModelsAreNotStoredInTheDatabase()
    {
        _ports.Settings = new ModelManagementSettings(StoreModelInDb: false);

        Assert.ThrowsAsync<BadRequestException>(async () => await Handle(new DeleteModelCommand("g1")));

        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldDeleteNothingWhenOneIfMatchIsStale()
    {
        _ports.Ports.Conditional.IfMatch = EntityTags.Of(AuditTables.Models, "g1", 1);

        var stale = Assert.ThrowsAsync<PreconditionFailedException>(async () => await Handle(new DeleteModelCommand("g1")));

        Assert.That(stale!.Message, Does.Contain("the resource"));
        Assert.That(stale.CurrentEntityTag, Is.EqualTo(EntityTags.Of(AuditTables.Models, "g1", 0)));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public async Task ShouldDeleteUnderTheCurrentTags()
    {
        _ports.Ports.Conditional.IfMatch = EntityTags.Of(AuditTables.Models, "g1", 0);

        await Handle(new DeleteModelCommand("g1"));

        _ports.Ports.UnitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    private async Task<DeletedModelDto> Handle(DeleteModelCommand command, ICurrentCaller? caller = null)
    {
        caller ??= TestCaller.Admin();
        var handler = new DeleteModelCommandHandler(
            _ports.Models.Object,
            _ports.Access(caller),
            _ports.Links,
            _ports.Presenter,
            _ports.Ports.Audit.Object,
            _ports.Ports.UnitOfWork.Object,
            caller,
            _ports.Ports.Clock,
            _ports.Settings,
            _ports.Ports.Tags);
        return await handler.Handle(command, CancellationToken.None);
    }
}

public sealed class DeleteModelCommandValidatorTests
{
    private readonly DeleteModelCommandValidator _validator = new();

    [Test]
    public void ShouldAcceptAnId() => Assert.That(_validator.InvalidFields(new DeleteModelCommand("m1")), Is.Empty);

    [Test]
    public void ShouldRequireTheId() =>
        Assert.That(
            _validator.Validate(new DeleteModelCommand("")).Errors.Select(e => (e.PropertyName, e.ErrorMessage)),
            Is.EqualTo(new[] { ("id", "'id' is required: the model_info.id of the model to delete.") }));
}
