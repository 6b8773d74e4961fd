using ProxyAdmin.Application.Common.Concurrency;
using Moq;
using ProxyAdmin.Application.Budgets;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Application.Projects;
using ProxyAdmin.Application.Projects.Commands.DeleteProjects;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Projects;

namespace ProxyAdmin.Application.UnitTests.Projects;

public sealed class DeleteProjectsCommandHandlerTests
{
    private HandlerPorts _ports = null!;
    private Mock<IBudgetRepository> _budgets = null!;
    private Budget _b1 = null!;
    private Budget _b2 = null!;
    private Project _p1 = null!;
    private Project _p2 = null!;
    private Project _p3 = null!;
    private Project _orphan = null!;

    [SetUp]
    public void SetUp()
    {
        _ports = new HandlerPorts();
        _budgets = _ports.Budgets;
        _b1 = ProjectFixtures.Budget(maxBudget: 10);
        _b2 = ProjectFixtures.Budget(maxBudget: 20);
        _p1 = ProjectFixtures.Project("p1", "t1", _b1, new ProjectSettings { ProjectAlias = "one" });
        _p2 = ProjectFixtures.Project("p2", "t1", _b2);
        _p3 = ProjectFixtures.Project("p3", "t2", ProjectFixtures.Budget());
        _orphan = ProjectFixtures.Project("p-orphan", "gone-team");
        var projects = new[] { _p1, _p2, _p3, _orphan };
        _ports.Projects.Setup(r => r.GetManyAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyCollection<string> ids, CancellationToken _) => projects.Where(p => ids.Contains(p.ProjectId)).ToList());
    }

    [Test]
    public async Task ShouldDeleteTheProjectsWithTheirBudgetRowsAndReturnTheirSnapshots()
    {
        var deleted = await Handle(new DeleteProjectsCommand { ProjectIds = ["p1", "p2"] });

        Assert.That(deleted.Select(p => p.ProjectId), Is.EqualTo(new[] { "p1", "p2" }));
        Assert.That(deleted[0].ProjectAlias, Is.EqualTo("one"));
        Assert.That(deleted[0].LitellmBudgetTable!.MaxBudget, Is.EqualTo(10));
        _ports.Projects.Verify(r => r.Remove(_p1), Times.Once);
        _ports.Projects.Verify(r => r.Remove(_p2), Times.Once);
        _budgets.Verify(r => r.Remove(_b1), Times.Once);
        _budgets.Verify(r => r.Remove(_b2), Times.Once);
        _ports.VerifySavedOnce();
    }

    [Test]
    public async Task ShouldAuditEachDeletedProject()
    {
        var deleted = await Handle(new DeleteProjectsCommand { ProjectIds = ["p1", "p2"] });

        Assert.That(_ports.AuditRecords.Select(r => (r.Action, r.TableName, r.ObjectId)), Is.EqualTo(new[]
        {
            (AuditAction.Deleted, AuditTables.Projects, "p1"),
            (AuditAction.Deleted, AuditTables.Projects, "p2"),
        }));
        Assert.That(_ports.AuditRecords.Select(r => r.Before), Is.EqualTo(deleted));
        Assert.That(_ports.AuditRecords.Select(r => r.After), Is.All.Null);
    }

    [Test]
    public async Task ShouldKeepABudgetRowThatSomethingElseStillLinks()
    {
        _budgets.Setup(r => r.IsLinkedOutsideAsync(_b2.BudgetId, It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);

        await Handle(new DeleteProjectsCommand { ProjectIds = ["p1", "p2"] });

        _budgets.Verify(r => r.Remove(_b1), Times.Once);
        _budgets.Verify(r => r.Remove(_b2), Times.Never);
        _budgets.Verify(r => r.IsLinkedOutsideAsync(_b2.BudgetId, It.Is<IReadOnlyCollection<string>>(ids => ids.SequenceEqual(new[] { "p1", "p2" })), It.IsAny<CancellationToken>()));
    }

    [Test]
    public async Task ShouldKeepAStandaloneBudgetRowNothingElseLinks()
    {
        var standalone = Budget.CreateStandalone(new BudgetSettings { MaxBudget = 5 }, TestData.Stamp, "made-on-its-own");
        var project = ProjectFixtures.Project("p-standalone", "t1", standalone);
        _ports.Projects.Setup(r => r.GetManyAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>())).ReturnsAsync([project]);

        await Handle(new DeleteProjectsCommand { ProjectIds = ["p-standalone"] });

        _ports.Projects.Verify(r => r.Remove(project), Times.Once);
        _budgets.Verify(r => r.Remove(It.IsAny<Budget>()), Times.Never);
    }

    [Test]
    public async Task ShouldDeleteAProjectNamedTwiceOnce()
    {
        var deleted = await Handle(new DeleteProjectsCommand { ProjectIds = ["p1", "p1"] });

        Assert.That(deleted, Has.Count.EqualTo(1));
        _ports.Projects.Verify(r => r.Remove(_p1), Times.Once);
    }

    [Test]
    public async Task ShouldLetAProxyAdminDeleteAProjectWhoseTeamIsGone()
    {
        var deleted = await Handle(new DeleteProjectsCommand { ProjectIds = ["p-orphan"] });

        Assert.That(deleted.Single().ProjectId, Is.EqualTo("p-orphan"));
        _ports.Projects.Verify(r => r.Remove(_orphan), Times.Once);
    }

    [Test]
    public void ShouldRefuseTheWholeRequestWhenOneProjectIsUnknown()
    {
        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(new DeleteProjectsCommand { ProjectIds = ["p1", "ghost"] }));

        Assert.That(missing!.Param, Is.EqualTo("project_ids"));
        Assert.That(missing.Message, Is.EqualTo("Project not found, project_id=ghost"));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public void ShouldRefuseTheWholeRequestWhenAProjectStillHasKeys()
    {
        _ports.Keys.Setup(k => k.CountByProjectAsync("p2", It.IsAny<CancellationToken>())).ReturnsAsync(3);

        var conflict = Assert.ThrowsAsync<ConflictException>(async () => await Handle(new DeleteProjectsCommand { ProjectIds = ["p1", "p2"] }));

        Assert.That(conflict!.Param, Is.EqualTo("project_ids"));
        Assert.That(conflict.Message, Does.Contain("Cannot delete project p2. 3 key(s)"));
        _ports.VerifyNothingWritten();
    }

    /// <summary>The handler runs only for proxy admins (the message's access rule), so it takes no caller.</summary>
    [Test]
    public void ShouldDeleteNothingWhenOneIfMatchIsStale()
    {
        _ports.Conditional.IfMatch = string.Join(", ", EntityTags.Of(AuditTables.Projects, "p1", 0), EntityTags.Of(AuditTables.Projects, "p2", 1));

        var stale = Assert.ThrowsAsync<PreconditionFailedException>(async () => await Handle(new DeleteProjectsCommand { ProjectIds = ["p1", "p2"] }));

        Assert.That(stale!.Message, Does.Contain("resource 2 of 2"));
        Assert.That(stale.CurrentEntityTag, Is.EqualTo(EntityTags.Of(AuditTables.Projects, "p2", 0)));
        _ports.VerifyNothingWritten();
    }

    [Test]
    public async Task ShouldDeleteUnderTheCurrentTags()
    {
        _ports.Conditional.IfMatch = string.Join(", ", EntityTags.Of(AuditTables.Projects, "p1", 0), EntityTags.Of(AuditTables.Projects, "p2", 0));

        await Handle(new DeleteProjectsCommand { ProjectIds = ["p1", "p2"] });

        _ports.UnitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    private async Task<List<ProjectDto>> Handle(DeleteProjectsCommand command) =>
        await new DeleteProjectsCommandHandler(_ports.Projects.Object, _budgets.Object, _ports.Keys.Object, _ports.Audit.Object, _ports.UnitOfWork.Object, _ports.Tags)
            .Handle(command, CancellationToken.None);
}

public sealed class DeleteProjectsCommandValidatorTests
{
    private readonly DeleteProjectsCommandValidator _validator = new();

    [Test]
    public void ShouldAcceptProjectIds() => Assert.That(_validator.InvalidFields(new DeleteProjectsCommand { ProjectIds = ["p1"] }), Is.Empty);

    [Test]
    public void ShouldRequireAtLeastOneProjectId() =>
        Assert.That(_validator.Messages(new DeleteProjectsCommand { ProjectIds = [] }), Is.EqualTo(new[] { "'project_ids' must list at least one project id." }));

    [Test]
    public void ShouldRejectAnEmptyProjectId() =>
        Assert.That(_validator.Messages(new DeleteProjectsCommand { ProjectIds = ["p1", ""] }), Is.EqualTo(new[] { "'project_ids' must not contain empty values." }));
}
