using ProxyAdmin.Application.Common.Concurrency;
using System.Text.Json.Nodes;
using Moq;
using ProxyAdmin.Application.Budgets;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Permissions;
using ProxyAdmin.Application.Projects;
using ProxyAdmin.Application.Projects.Commands.UpdateProject;
using ProxyAdmin.Application.UnitTests.Teams;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Projects;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.UnitTests.Projects;

public sealed class UpdateProjectCommandHandlerTests
{
    private HandlerPorts _ports = null!;
    private Mock<IBudgetRepository> _budgets = null!;
    private Budget _budget = null!;
    private Project _project = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new HandlerPorts();
        _budgets = _ports.Budgets;
        _ports.GivenTeams(
            TeamFixtures.TeamWithAdminAndMember("t1", admin: "alice", member: "bob", new TeamSettings { Models = ["gpt-4o", "claude"], MaxBudget = 100, TpmLimit = 1000 }),
            TeamFixtures.TeamWithAdminAndMember("t2", admin: "carol", member: "alice", new TeamSettings { Models = ["gpt-4o"], MaxBudget = 30 }),
            TeamFixtures.Team("t3", new TeamSettings { MaxBudget = 1000 }, ("alice", TeamRole.Admin)),
            TeamFixtures.Team("t4", new TeamSettings(), ("dan", TeamRole.Admin)));
        _budget = ProjectFixtures.Budget(maxBudget: 50, tpmLimit: 500);
        _project = ProjectFixtures.Project(
            "p1",
            "t1",
            _budget,
            new ProjectSettings { ProjectAlias = "chatbot", Models = ["gpt-4o"], Metadata = new JsonObject { ["owner"] = "alice", ["tier"] = "silver" } });
        _ports.GivenProjects(_project);
    }

    [Test]
    public async Task ShouldChangeOnlyTheFieldsSentMergeMetadataAndUpdateTheLinkedBudget()
    {
        var updated = await Handle(
            new UpdateProjectCommand
            {
                ProjectId = "p1",
                Description = "support bot",
                Metadata = new JsonObject { ["owner"] = null, ["tier"] = "gold" },
                MaxBudget = 60,
            },
            TestCaller.InternalUser("alice"));

        Assert.That(updated.ProjectAlias, Is.EqualTo("chatbot"), "a field not sent keeps its value");
        Assert.That(updated.Description, Is.EqualTo("support bot"));
        Assert.That(updated.Metadata.ToJsonString(), Is.EqualTo("""{"tier":"gold"}"""));
        Assert.That(updated.UpdatedBy, Is.EqualTo("alice"));
        Assert.That(updated.UpdatedAt, Is.EqualTo(_ports.Now));
        Assert.That((_budget.MaxBudget, _budget.TpmLimit), Is.EqualTo((60d, 500L)), "the linked budget row is updated in place");
        Assert.That(updated.LitellmBudgetTable!.MaxBudget, Is.EqualTo(60));
        Assert.That(updated.BudgetId, Is.EqualTo(_budget.BudgetId));
        _budgets.Verify(r => r.Add(It.IsAny<Budget>()), Times.Never);
        _ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldAuditTheProjectBeforeAndAfter()
    {
        var updated = await Handle(new UpdateProjectCommand { ProjectId = "p1", ProjectAlias = "assistant", TpmLimit = 400 }, TestCaller.Admin());

        var row = _ports.AuditRecords.Single();
        Assert.That((row.Action, row.TableName, row.ObjectId), Is.EqualTo((AuditAction.Updated, AuditTables.Projects, "p1")));
        var before = (ProjectDto)row.Before!;
        Assert.That(before.ProjectAlias, Is.EqualTo("chatbot"));
        Assert.That(before.LitellmBudgetTable!.TpmLimit, Is.EqualTo(500), "the snapshot is taken before the budget changes");
        Assert.That(row.After, Is.EqualTo(updated));
        Assert.That(updated.LitellmBudgetTable!.TpmLimit, Is.EqualTo(400));
    }

    [Test]
    public void ShouldHideTheProjectFromAnAdminOfTheDestinationTeamWhoIsOutsideTheCurrentOne()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () =>
            await Handle(new UpdateProjectCommand { ProjectId = "p1", TeamId = "t2" }, TestCaller.InternalUser("carol")));

        Assert.That(missing!.Message, Is.EqualTo("Project not found, project_id=p1"));
        Assert.That(missing.Param, Is.EqualTo("project_id"));
        Assert.That(_project.TeamId, Is.EqualTo("t1"), "the project is not hijacked");
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldForbidAMemberOfTheCurrentTeamWhoIsNotItsAdmin()
    {
        var refused = Assert.ThrowsAsync<ForbiddenAccessException>(async () =>
            await Handle(new UpdateProjectCommand { ProjectId = "p1", ProjectAlias = "mine" }, TestCaller.InternalUser("bob")));

        Assert.That(refused!.Message, Is.EqualTo("Only admins or team admins can update projects"));
        Assert.That(_project.ProjectAlias, Is.EqualTo("chatbot"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldForbidMovingTheProjectToATeamWhereTheCallerIsOnlyAMember()
    {
        var refused = Assert.ThrowsAsync<ForbiddenAccessException>(async () =>
            await Handle(new UpdateProjectCommand { ProjectId = "p1", TeamId = "t2" }, TestCaller.InternalUser("alice")));

        Assert.That(refused!.Message, Is.EqualTo("Cannot reassign project to a team you are not an admin of"));
        Assert.That(_project.TeamId, Is.EqualTo("t1"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldHideADestinationTeamTheCallerIsNotIn()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () =>
            await Handle(new UpdateProjectCommand { ProjectId = "p1", TeamId = "t4" }, TestCaller.InternalUser("alice")));

        Assert.That(missing!.Message, Is.EqualTo("Team not found, team_id=t4"));
        Assert.That(missing.Param, Is.EqualTo("team_id"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseMovingToAnUnknownTeamWithNotFound()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () =>
            await Handle(new UpdateProjectCommand { ProjectId = "p1", TeamId = "ghost" }, TestCaller.Admin()));

        Assert.That(missing!.Param, Is.EqualTo("team_id"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public async Task ShouldMoveTheProjectWhenTheCallerAdministersBothTeams()
    {
        var updated = await Handle(new UpdateProjectCommand { ProjectId = "p1", TeamId = "t3" }, TestCaller.InternalUser("alice"));

        Assert.That(_project.TeamId, Is.EqualTo("t3"));
        Assert.That(updated.TeamId, Is.EqualTo("t3"));
        Assert.That(((ProjectDto)_ports.AuditRecords.Single().Before!).TeamId, Is.EqualTo("t1"));
        _ports.Keys.Verify(k => k.CountByProjectAsync("p1", It.IsAny<CancellationToken>()), Times.Once);
        _ports.VerifySavedOnce();
    }

    [Test]
    public void ShouldRefuseMovingAProjectThatHasKeysWithConflict()
    {
        _ports.Keys.Setup(k => k.CountByProjectAsync("p1", It.IsAny<CancellationToken>())).ReturnsAsync(2);

        var conflict = Assert.ThrowsAsync<ConflictException>(async () =>
            await Handle(new UpdateProjectCommand { ProjectId = "p1", TeamId = "t3" }, TestCaller.InternalUser("alice")));

        Assert.That(conflict!.Param, Is.EqualTo("team_id"));
        Assert.That(conflict.Message, Does.Contain("2 key(s)"));
        Assert.That(_project.TeamId, Is.EqualTo("t1"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldCheckTheStoredBudgetAgainstTheDestinationTeamsLimits()
    {
        var refused = Assert.ThrowsAsync<DomainRuleException>(async () =>
            await Handle(new UpdateProjectCommand { ProjectId = "p1", TeamId = "t2" }, TestCaller.Admin()));

        Assert.That(refused!.Param, Is.EqualTo("max_budget"));
        Assert.That(refused.Message, Does.Contain("Team: t2"));
        Assert.That(_project.TeamId, Is.EqualTo("t1"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseModelsOutsideTheTeams()
    {
        var refused = Assert.ThrowsAsync<DomainRuleException>(async () =>
            await Handle(new UpdateProjectCommand { ProjectId = "p1", Models = ["o1"] }, TestCaller.InternalUser("alice")));

        Assert.That(refused!.Param, Is.EqualTo("models"));
        Assert.That(_project.Models, Is.EqualTo(new[] { "gpt-4o" }));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseAMaxBudgetBeyondTheTeamsAndLeaveTheBudgetRowAlone()
    {
        var refused = Assert.ThrowsAsync<DomainRuleException>(async () =>
            await Handle(new UpdateProjectCommand { ProjectId = "p1", MaxBudget = 150 }, TestCaller.Admin()));

        Assert.That(refused!.Param, Is.EqualTo("max_budget"));
        Assert.That(_budget.MaxBudget, Is.EqualTo(50));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseASoftBudgetThatReachesTheStoredMaxBudget()
    {
        var refused = Assert.ThrowsAsync<DomainRuleException>(async () =>
            await Handle(new UpdateProjectCommand { ProjectId = "p1", SoftBudget = 50 }, TestCaller.Admin()));

        Assert.That(refused!.Param, Is.EqualTo("soft_budget"));
        Assert.That(_ports.AuditRecords, Is.Empty);
        _ports.UnitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task ShouldCreateAndLinkABudgetRowWhenTheProjectHasNoneAndBudgetFieldsAreSent()
    {
        var bare = ProjectFixtures.Project("p2", "t1");
        _ports.GivenProjects(bare);
        Budget? added = null;
        _budgets.Setup(r => r.Add(It.IsAny<Budget>())).Callback<Budget>(b => added = b);

        var updated = await Handle(new UpdateProjectCommand { ProjectId = "p2", RpmLimit = 7 }, TestCaller.Admin());

        Assert.That(added, Is.Not.Null);
        Assert.That(added!.RpmLimit, Is.EqualTo(7));
        Assert.That(bare.BudgetId, Is.EqualTo(added.BudgetId));
        Assert.That(updated.LitellmBudgetTable!.RpmLimit, Is.EqualTo(7));
    }

    [Test]
    public async Task ShouldNotCreateABudgetRowWhenNoBudgetFieldIsSent()
    {
        var bare = ProjectFixtures.Project("p2", "t1");
        _ports.GivenProjects(bare);

        var updated = await Handle(new UpdateProjectCommand { ProjectId = "p2", ProjectAlias = "renamed" }, TestCaller.Admin());

        Assert.That(updated.BudgetId, Is.Null);
        _budgets.Verify(r => r.Add(It.IsAny<Budget>()), Times.Never);
    }

    [Test]
    public async Task ShouldLinkAnotherExistingBudgetRow()
    {
        var shared = ProjectFixtures.Budget(maxBudget: 20);
        _budgets.GivenBudgets(shared);

        var updated = await Handle(new UpdateProjectCommand { ProjectId = "p1", BudgetId = shared.BudgetId }, TestCaller.Admin());

        Assert.That(_project.Budget, Is.SameAs(shared));
        Assert.That(updated.LitellmBudgetTable!.MaxBudget, Is.EqualTo(20));
        Assert.That(_budget.MaxBudget, Is.EqualTo(50), "the previous row is left as it was");
    }

    [Test]
    public void ShouldRefuseATeamAdminThatLinksAnotherBudgetRow()
    {
        var shared = ProjectFixtures.Budget(maxBudget: 20);
        _budgets.GivenBudgets(shared);

        var refused = Assert.ThrowsAsync<ForbiddenAccessException>(async () =>
            await Handle(new UpdateProjectCommand { ProjectId = "p1", BudgetId = shared.BudgetId }, TestCaller.InternalUser("alice")));

        Assert.That(refused!.Param, Is.EqualTo("budget_id"));
        Assert.That(_project.Budget, Is.SameAs(_budget));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseATeamAdminThatChangesASharedBudgetRow()
    {
        _budgets.Setup(r => r.CountLinksAsync(_budget.BudgetId, It.IsAny<CancellationToken>())).ReturnsAsync(2);

        var refused = Assert.ThrowsAsync<ForbiddenAccessException>(async () =>
            await Handle(new UpdateProjectCommand { ProjectId = "p1", MaxBudget = 60 }, TestCaller.InternalUser("alice")));

        Assert.That(refused!.Param, Is.EqualTo("budget_id"));
        Assert.That(_budget.MaxBudget, Is.EqualTo(50));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public async Task ShouldLetAProxyAdminChangeASharedBudgetRow()
    {
        _budgets.Setup(r => r.CountLinksAsync(_budget.BudgetId, It.IsAny<CancellationToken>())).ReturnsAsync(2);

        await Handle(new UpdateProjectCommand { ProjectId = "p1", MaxBudget = 60 }, TestCaller.Admin());

        Assert.That(_budget.MaxBudget, Is.EqualTo(60));
        _ports.VerifySavedOnce();
    }

    [Test]
    public void ShouldRefuseASharedBudgetChangeBeyondTheLimitsOfAnotherLinkingProjectsTeam()
    {
        _budgets.Setup(r => r.CountLinksAsync(_budget.BudgetId, It.IsAny<CancellationToken>())).ReturnsAsync(2);
        _ports.GivenProjects(ProjectFixtures.Project("p-of-t2", "t2", _budget));

        var refusal = Assert.ThrowsAsync<DomainRuleException>(async () =>
            await Handle(new UpdateProjectCommand { ProjectId = "p1", MaxBudget = 60 }, TestCaller.Admin()));

        Assert.That(refusal!.Param, Is.EqualTo("max_budget"));
        Assert.That(refusal.Message, Does.Contain("linked by projects of team t2").And.Contain("exceeds team's max_budget (30)"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseAnUnknownBudgetIdWithNotFound()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () =>
            await Handle(new UpdateProjectCommand { ProjectId = "p1", BudgetId = "no-such-budget" }, TestCaller.Admin()));

        Assert.That(missing!.Param, Is.EqualTo("budget_id"));
        Assert.That(_project.BudgetId, Is.EqualTo(_budget.BudgetId));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public async Task ShouldAttachAnObjectPermission()
    {
        var updated = await Handle(
            new UpdateProjectCommand { ProjectId = "p1", ObjectPermission = new ObjectPermissionRequest { BlockedTools = ["shell"] } },
            TestCaller.Admin());

        Assert.That(updated.ObjectPermission!.BlockedTools, Is.EqualTo(new[] { "shell" }));
        Assert.That(updated.ObjectPermissionId, Is.EqualTo(_project.ObjectPermissionId));
    }

    [Test]
    public void ShouldRefuseAnUnknownProjectWithNotFound()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () =>
            await Handle(new UpdateProjectCommand { ProjectId = "ghost", ProjectAlias = "x" }, TestCaller.Admin()));

        Assert.That(missing!.Param, Is.EqualTo("project_id"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseAStaleIfMatchBeforeChangingAnything()
    {
        _ports.Conditional.IfMatch = EntityTags.Of(AuditTables.Projects, "p1", _project.Version + 1);

        var stale = Assert.ThrowsAsync<PreconditionFailedException>(async () => await Handle(new UpdateProjectCommand { ProjectId = "p1", Description = "late" }, TestCaller.InternalUser("alice")));

        Assert.That(stale!.CurrentEntityTag, Is.EqualTo(EntityTags.Of(AuditTables.Projects, "p1", _project.Version)));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public async Task ShouldWriteUnderTheCurrentTagAndAnswerWithTheStoredVersionsTag()
    {
        _ports.Conditional.IfMatch = EntityTags.Of(AuditTables.Projects, "p1", _project.Version);

        await Handle(new UpdateProjectCommand { ProjectId = "p1", Description = "on time" }, TestCaller.InternalUser("alice"));

        Assert.That(_ports.Conditional.Answered, Is.EqualTo(new[] { EntityTags.Of(AuditTables.Projects, "p1", _project.Version) }));
    }

    [Test]
    public void ShouldHideTheProjectBeforeJudgingIfMatchSoNoTagLeaks()
    {
        _ports.Conditional.IfMatch = "\"stale\"";

        Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new UpdateProjectCommand { ProjectId = "p1", Description = "x" }, TestCaller.InternalUser("carol")));

        _ports.VerifyNothingWritten();
    }

    private async Task<ProjectDto> Handle(UpdateProjectCommand command, ICurrentCaller caller) =>
        await new UpdateProjectCommandHandler(
                _ports.Projects.Object, _ports.Teams.Object, _budgets.Object, _ports.Keys.Object, _ports.Audit.Object, _ports.UnitOfWork.Object, caller, _ports.StandingOf(caller), _ports.Tags, _ports.Clock)
            .Handle(command, CancellationToken.None);
}

public sealed class UpdateProjectCommandValidatorTests
{
    private readonly UpdateProjectCommandValidator _validator = new();

    [Test]
    public void ShouldAcceptAPartialUpdate() =>
        Assert.That(_validator.InvalidFields(new UpdateProjectCommand { ProjectId = "p1", TeamId = "t2", MaxBudget = 3 }), Is.Empty);

    [Test]
    public void ShouldRequireTheProjectId() =>
        Assert.That(_validator.Messages(new UpdateProjectCommand { ProjectId = "" }), Is.EqualTo(new[] { "project_id is required" }));

    [Test]
    public void ShouldRejectAnEmptyTeamId() =>
        Assert.That(_validator.InvalidFields(new UpdateProjectCommand { ProjectId = "p1", TeamId = "" }), Is.EqualTo(new[] { "team_id" }));

    [Test]
    public void ShouldRefuseABudgetIdCombinedWithBudgetFields() =>
        Assert.That(_validator.InvalidFields(new UpdateProjectCommand { ProjectId = "p1", BudgetId = "b1", BudgetDuration = "1d" }), Is.EqualTo(new[] { "budget_id" }));

    [Test]
    public void ShouldRejectBadPerModelBudgetsAndNonFiniteMetadataNumbers() =>
        Assert.That(
            _validator.InvalidFields(new UpdateProjectCommand
            {
                ProjectId = "p1",
                ModelMaxBudget = System.Text.Json.Nodes.JsonNode.Parse("""{"gpt-4": -1}""")!.AsObject(),
                TempBudgetIncrease = double.NaN,
            }),
            Is.EquivalentTo(new[] { "model_max_budget", "temp_budget_increase" }));

    [Test]
    public void ShouldRejectANegativeSoftBudget() =>
        Assert.That(_validator.Messages(new UpdateProjectCommand { ProjectId = "p1", SoftBudget = -2 }), Is.EqualTo(new[] { "soft_budget cannot be negative. Received: -2" }));
}
