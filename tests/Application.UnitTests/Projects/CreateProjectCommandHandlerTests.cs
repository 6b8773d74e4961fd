using System.Text.Json.Nodes;
using Moq;
using ProxyAdmin.Application.Budgets;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Common.Security;
using ProxyAdmin.Application.Permissions;
using ProxyAdmin.Application.Projects;
using ProxyAdmin.Application.Projects.Commands.CreateProject;
using ProxyAdmin.Application.UnitTests.Teams;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Projects;
using ProxyAdmin.Domain.Teams;

namespace ProxyAdmin.Application.UnitTests.Projects;

public sealed class CreateProjectCommandHandlerTests
{
    private HandlerPorts _ports = null!;
    private Mock<IBudgetRepository> _budgets = null!;
    private Project? _added;
    private Budget? _addedBudget;

    [SetUp]
    public void SetUp()
    {
        _ports = new HandlerPorts();
        _budgets = _ports.Budgets;
        _added = null;
        _addedBudget = null;
        _ports.Projects.Setup(r => r.Add(It.IsAny<Project>())).Callback<Project>(p => _added = p);
        _budgets.Setup(r => r.Add(It.IsAny<Budget>())).Callback<Budget>(b => _addedBudget = b);
        _ports.GivenTeams(
            TeamFixtures.TeamWithAdminAndMember("t1", "alice", "bob", new TeamSettings { Models = ["gpt-4o", "claude"], MaxBudget = 100, TpmLimit = 1000, RpmLimit = 100 }),
            TeamFixtures.TeamWithAdminAndMember("open", "alice", "bob", new TeamSettings { Models = [SpecialValues.AllProxyModels] }));
    }

    [Test]
    public async Task ShouldStageTheProjectWithItsOwnBudgetRowAndReturnIt()
    {
        var created = await Handle(
            new CreateProjectCommand
            {
                ProjectId = "p1",
                TeamId = "t1",
                ProjectAlias = "chatbot",
                Description = "customer support",
                Models = ["gpt-4o"],
                MaxBudget = 50,
                SoftBudget = 40,
                TpmLimit = 500,
                RpmLimit = 50,
                BudgetDuration = "7d",
                Metadata = new JsonObject { ["owner"] = "alice" },
                Tags = ["prod"],
            },
            TestCaller.InternalUser("alice"));

        Assert.That(_added, Is.Not.Null);
        Assert.That(_added!.ProjectId, Is.EqualTo("p1"));
        Assert.That(_added.TeamId, Is.EqualTo("t1"));
        Assert.That(_added.ProjectAlias, Is.EqualTo("chatbot"));
        Assert.That(_added.Models, Is.EqualTo(new[] { "gpt-4o" }));
        Assert.That(_added.Metadata.ToJsonString(), Is.EqualTo("""{"owner":"alice","tags":["prod"]}"""));
        Assert.That(_added.CreatedBy, Is.EqualTo("alice"));
        Assert.That(_added.CreatedAt, Is.EqualTo(_ports.Now));

        Assert.That(_addedBudget, Is.Not.Null);
        Assert.That(_added.BudgetId, Is.EqualTo(_addedBudget!.BudgetId));
        Assert.That((_addedBudget.MaxBudget, _addedBudget.SoftBudget, _addedBudget.TpmLimit, _addedBudget.RpmLimit), Is.EqualTo((50d, 40d, 500L, 50L)));
        Assert.That(_addedBudget.BudgetResetAt, Is.EqualTo(_ports.Now.AddDays(7)));

        Assert.That(created.ProjectId, Is.EqualTo("p1"));
        Assert.That(created.BudgetId, Is.EqualTo(_addedBudget.BudgetId));
        Assert.That(created.LitellmBudgetTable!.MaxBudget, Is.EqualTo(50));
        _ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldAuditTheCreatedProject()
    {
        var created = await Handle(new CreateProjectCommand { ProjectId = "p1", TeamId = "t1" }, TestCaller.Admin());

        var row = _ports.AuditRecords.Single();
        Assert.That(row.Action, Is.EqualTo(AuditAction.Created));
        Assert.That(row.TableName, Is.EqualTo(AuditTables.Projects));
        Assert.That(row.ObjectId, Is.EqualTo("p1"));
        Assert.That(row.Before, Is.Null);
        Assert.That(row.After, Is.EqualTo(created));
    }

    [Test]
    public async Task ShouldGiveTheProjectANewUuidWhenNoIdIsSent()
    {
        var created = await Handle(new CreateProjectCommand { TeamId = "t1" }, TestCaller.Admin());

        Assert.That(Guid.TryParse(created.ProjectId, out _), Is.True, created.ProjectId);
        _ports.Projects.Verify(r => r.ExistsAsync(created.ProjectId, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task ShouldLinkAnExistingBudgetRowInsteadOfCreatingOne()
    {
        var shared = ProjectFixtures.Budget(maxBudget: 80);
        _budgets.GivenBudgets(shared);

        var created = await Handle(new CreateProjectCommand { ProjectId = "p1", TeamId = "t1", BudgetId = shared.BudgetId }, TestCaller.Admin());

        Assert.That(created.BudgetId, Is.EqualTo(shared.BudgetId));
        Assert.That(_added!.Budget, Is.SameAs(shared));
        _budgets.Verify(r => r.Add(It.IsAny<Budget>()), Times.Never);
    }

    [Test]
    public async Task ShouldLetAProxyAdminOutsideTheTeamCreateAProjectAndAttachAPermission()
    {
        var created = await Handle(
            new CreateProjectCommand { ProjectId = "p1", TeamId = "t1", ObjectPermission = new ObjectPermissionRequest { Models = ["gpt-4o"] } },
            TestCaller.Admin("root"));

        Assert.That(created.ObjectPermission!.Models, Is.EqualTo(new[] { "gpt-4o" }));
        Assert.That(created.ObjectPermissionId, Is.EqualTo(_added!.ObjectPermissionId));
    }

    [Test]
    public async Task ShouldAcceptAnyModelWhenTheTeamRestrictsNone()
    {
        var created = await Handle(new CreateProjectCommand { ProjectId = "p1", TeamId = "open", Models = ["anything"] }, TestCaller.InternalUser("alice"));

        Assert.That(created.Models, Is.EqualTo(new[] { "anything" }));
    }

    [Test]
    public void ShouldRefuseAnUnknownTeamWithNotFound()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new CreateProjectCommand { TeamId = "ghost" }, TestCaller.Admin()));

        Assert.That(missing!.Param, Is.EqualTo("team_id"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldHideTheTeamFromAnOutsiderBeforeComparingLimits()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () =>
            await Handle(new CreateProjectCommand { TeamId = "t1", MaxBudget = 1_000_000 }, TestCaller.InternalUser("mallory")));

        Assert.That(missing!.Message, Is.EqualTo("Team not found, team_id=t1"), "the same answer as for a team that does not exist");
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldForbidAMemberWhoIsNotATeamAdmin()
    {
        var refused = Assert.ThrowsAsync<ForbiddenAccessException>(async () => await Handle(new CreateProjectCommand { TeamId = "t1" }, TestCaller.InternalUser("bob")));

        Assert.That(refused!.Message, Does.Contain("internal_user"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseAnExistingProjectIdWithConflict()
    {
        _ports.Projects.Setup(r => r.ExistsAsync("p1", It.IsAny<CancellationToken>())).ReturnsAsync(true);

        var conflict = Assert.ThrowsAsync<ConflictException>(async () => await Handle(new CreateProjectCommand { ProjectId = "p1", TeamId = "t1" }, TestCaller.Admin()));

        Assert.That(conflict!.Param, Is.EqualTo("project_id"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseATeamAdminThatLinksAnExistingBudgetRow()
    {
        var shared = ProjectFixtures.Budget(maxBudget: 80);
        _budgets.GivenBudgets(shared);

        var refused = Assert.ThrowsAsync<ForbiddenAccessException>(async () =>
            await Handle(new CreateProjectCommand { ProjectId = "p1", TeamId = "t1", BudgetId = shared.BudgetId }, TestCaller.InternalUser("alice")));

        Assert.That(refused!.Param, Is.EqualTo("budget_id"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseAnUnknownBudgetIdWithNotFound()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () =>
            await Handle(new CreateProjectCommand { ProjectId = "p1", TeamId = "t1", BudgetId = "no-such-budget" }, TestCaller.Admin()));

        Assert.That(missing!.Param, Is.EqualTo("budget_id"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseModelsOutsideTheTeams()
    {
        var refused = Assert.ThrowsAsync<DomainRuleException>(async () =>
            await Handle(new CreateProjectCommand { TeamId = "t1", Models = ["gpt-4o", "o1"] }, TestCaller.Admin()));

        Assert.That(refused!.Param, Is.EqualTo("models"));
        Assert.That(refused.Message, Does.Contain("'o1'"));
        _ports.VerifyNothingWritten();
    }

    [TestCase(100.5, null, null, "max_budget")]
    [TestCase(null, 1001L, null, "tpm_limit")]
    [TestCase(null, null, 101L, "rpm_limit")]
    public void ShouldRefuseLimitsBeyondTheTeams(double? maxBudget, long? tpm, long? rpm, string param)
    {
        var refused = Assert.ThrowsAsync<DomainRuleException>(async () =>
            await Handle(new CreateProjectCommand { TeamId = "t1", MaxBudget = maxBudget, TpmLimit = tpm, RpmLimit = rpm }, TestCaller.Admin()));

        Assert.That(refused!.Param, Is.EqualTo(param));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseALinkedBudgetBeyondTheTeams()
    {
        var generous = ProjectFixtures.Budget(maxBudget: 500);
        _budgets.GivenBudgets(generous);

        var refused = Assert.ThrowsAsync<DomainRuleException>(async () =>
            await Handle(new CreateProjectCommand { TeamId = "t1", BudgetId = generous.BudgetId }, TestCaller.Admin()));

        Assert.That(refused!.Param, Is.EqualTo("max_budget"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseASoftBudgetThatIsNotBelowTheMaxBudget()
    {
        var refused = Assert.ThrowsAsync<DomainRuleException>(async () =>
            await Handle(new CreateProjectCommand { TeamId = "t1", MaxBudget = 20, SoftBudget = 20 }, TestCaller.Admin()));

        Assert.That(refused!.Param, Is.EqualTo("soft_budget"));
        _ports.VerifyNothingWritten();
    }

    private async Task<ProjectDto> Handle(CreateProjectCommand command, ICurrentCaller caller) =>
        await new CreateProjectCommandHandler(_ports.Projects.Object, _ports.Teams.Object, _budgets.Object, _ports.Audit.Object, _ports.UnitOfWork.Object, caller, _ports.StandingOf(caller), _ports.Clock)
            .Handle(command, CancellationToken.None);
}

public sealed class CreateProjectCommandValidatorTests
{
    private readonly CreateProjectCommandValidator _validator = new();

    [Test]
    public void ShouldAcceptAFullRequest() =>
        Assert.That(
            _validator.InvalidFields(new CreateProjectCommand { TeamId = "t1", ProjectId = "p1", MaxBudget = 10, SoftBudget = 5, TpmLimit = 1, BudgetDuration = "30d", Tags = ["a"] }),
            Is.Empty);

    [Test]
    public void ShouldRequireTheTeamId() =>
        Assert.That(_validator.Messages(new CreateProjectCommand { TeamId = "" }), Is.EqualTo(new[] { "'team_id' is required." }));

    [Test]
    public void ShouldUseLiteLlmsMessagesForBadBudgets()
    {
        Assert.That(_validator.Messages(new CreateProjectCommand { TeamId = "t1", MaxBudget = -1 }), Is.EqualTo(new[] { "max_budget cannot be negative. Received: -1" }));
        Assert.That(
            _validator.Messages(new CreateProjectCommand { TeamId = "t1", MaxBudget = double.NaN }),
            Is.EqualTo(new[] { "max_budget must be a finite number. Received: NaN" }));
        Assert.That(
            _validator.InvalidFields(new CreateProjectCommand { TeamId = "t1", MaxBudget = 5, SoftBudget = 5 }),
            Is.EqualTo(new[] { "soft_budget" }));
    }

    [Test]
    public void ShouldRefuseABudgetIdCombinedWithBudgetFields() =>
        Assert.That(_validator.InvalidFields(new CreateProjectCommand { TeamId = "t1", BudgetId = "b1", TpmLimit = 5 }), Is.EqualTo(new[] { "budget_id" }));

    [Test]
    public void ShouldRejectNegativeLimitsABadDurationAndBlankTags() =>
        Assert.That(
            _validator.InvalidFields(new CreateProjectCommand { TeamId = "t1", TpmLimit = -1, RpmLimit = -1, MaxParallelRequests = -1, BudgetDuration = "soon", Tags = [""] }),
            Is.EquivalentTo(new[] { "tpm_limit", "rpm_limit", "max_parallel_requests", "budget_duration", "tags" }));

    [Test]
    public void ShouldTakeOnlyTheTeamsThroughputModesAtTheTopAndInsideMetadata() =>
        Assert.That(
            _validator.InvalidFields(new CreateProjectCommand
            {
                TeamId = "t1",
                RpmLimitType = "dynamic",
                TpmLimitType = "best_effort_throughput",
                Metadata = new JsonObject { ["rpm_limit_type"] = "guaranteed_throughput", ["tpm_limit_type"] = "fast" },
            }),
            Is.EquivalentTo(new[] { "rpm_limit_type", "metadata.tpm_limit_type" }));

    [Test]
    public void ShouldRejectMetadataOverItsSize() =>
        Assert.That(
            _validator.InvalidFields(new CreateProjectCommand { TeamId = "t1", Metadata = new JsonObject { ["blob"] = new string('x', 70_000) } }),
            Is.EqualTo(new[] { "metadata" }));

    [Test]
    public void ShouldRejectNonFiniteOrNegativeMetadataNumbers() =>
        Assert.That(
            _validator.InvalidFields(new CreateProjectCommand
            {
                TeamId = "t1",
                TempBudgetIncrease = double.PositiveInfinity,
                ModelRpmLimit = new() { ["gpt-4"] = -1 },
                ModelTpmLimit = new() { ["gpt-4"] = -1 },
            }),
            Is.EquivalentTo(new[] { "temp_budget_increase", "model_rpm_limit", "model_tpm_limit" }));

    [TestCase("""{"gpt-4": -5}""")]
    [TestCase("""{"gpt-4": 1e400}""")]
    [TestCase("""{"gpt-4": "lots"}""")]
    [TestCase("""{"gpt-4": [1]}""")]
    [TestCase("""{"gpt-4": {"max_budget": -1}}""")]
    [TestCase("""{"gpt-4": {"tpm_limit": "many"}}""")]
    [TestCase("""{"gpt-4": {"budget_duration": "soon"}}""")]
    [TestCase("""{" ": 1}""")]
    public void ShouldRejectABadPerModelBudget(string modelMaxBudget) =>
        Assert.That(
            _validator.InvalidFields(new CreateProjectCommand { TeamId = "t1", ModelMaxBudget = System.Text.Json.Nodes.JsonNode.Parse(modelMaxBudget)!.AsObject() }),
            Is.EqualTo(new[] { "model_max_budget" }));

    [Test]
    public void ShouldAcceptPerModelAmountsAndSettings() =>
        Assert.That(
            _validator.InvalidFields(new CreateProjectCommand
            {
                TeamId = "t1",
                ModelMaxBudget = System.Text.Json.Nodes.JsonNode.Parse("""{"gpt-4": 2.5, "claude": {"max_budget": 5, "budget_duration": "1d", "tpm_limit": 10}, "old": null}""")!.AsObject(),
            }),
            Is.Empty);

    [Test]
    public void ShouldRejectAProjectIdWithSpaces() =>
        Assert.That(_validator.InvalidFields(new CreateProjectCommand { TeamId = "t1", ProjectId = "my project" }), Is.EqualTo(new[] { "project_id" }));
}
